package checkout

import (
	"context"
	"fmt"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"

	"antom-checkout/db"
)

// Group commit of notifications. Every transaction holds the one writer
// (SQLite) or the transactions' advisory lock (PostgreSQL) while it runs,
// so notifications applied one transaction each queue behind each other.
// Instead, each request verifies and seals its notification itself, then
// queues it here; one committer applies whatever is queued when it is
// free — up to maxNotifyBatch, each in its own savepoint — in one
// transaction, and only once that has committed does each request learn
// its outcome (and may acknowledge). A lone notification is committed at
// once: nothing waits for a batch to fill. (commitBatch first tries the
// whole batch in one savepoint, and falls back to one savepoint each only
// when a notification's work fails.)

// maxNotifyBatch bounds how many notifications one transaction applies
// (and so how long it holds the writer). 64 is also as many savepoints
// that write as PostgreSQL keeps in a transaction's cache of
// subtransactions; past it, other sessions' snapshots get slower.
const maxNotifyBatch = 64

// PointNotifyQueued is the TestHook point where a request has queued its
// notification for the committer (in the request's goroutine).
// PointNotifyDrain is where Wait starts waiting for the queue to empty.
const (
	PointNotifyQueued = "notify-queued"
	PointNotifyDrain  = "notify-drain"
)

// notifyWork is one notification's database work: its rule and its inbox
// row, run inside its savepoint of a batch's transaction. ctx carries the
// request's values (its request id) but not its cancellation.
type notifyWork func(ctx context.Context, q *db.Queries) error

// A queued notification's states: queued, taken into a batch by the
// committer, or abandoned by its request (cancelled while queued; it is
// then never applied).
const (
	jobQueued int32 = iota
	jobTaken
	jobAbandoned
)

type notifyJob struct {
	ctx     context.Context
	work    notifyWork
	payment string // the paymentRequestId it is about, if any (commitAbout)
	state   atomic.Int32
	done    chan error // the outcome once its batch has ended: nil only if committed
}

// committer applies queued notifications in batches, one batch at a
// time, in one goroutine (work) that runs them while the queue is not
// empty and waits for the next when it is. One goroutine for the
// committer's life, not one per busy spell: a new goroutine grows its
// stack again for every batch's database work (SQLite's, deep), which
// cost ~5% of the CPU per notification under load.
type committer struct {
	// tx runs a batch's transaction: DB.Tx (tests make it fail).
	tx  func(ctx context.Context, fn func(*db.Queries) error) error
	hit func(point string)
	log func(msg string, args ...any)

	mu      sync.Mutex
	queue   []*notifyJob
	running bool          // work is committing batches (not waiting for work)
	started bool          // the goroutine work has been started
	wake    chan struct{} // tells work that running has become true; never more than one waits in it
	// open counts the commits queued whose callers have not yet
	// returned: after the batch, a caller still runs its then (wake-ups,
	// metrics), which drain waits for too.
	open int
	idle sync.Cond // on mu: broadcast when the committer stops with nothing queued, and when open falls to 0
}

func newCommitter(tx func(context.Context, func(*db.Queries) error) error, hit func(string), log func(string, ...any)) *committer {
	c := &committer{tx: tx, hit: hit, log: log, wake: make(chan struct{}, 1)}
	c.idle.L = &c.mu
	return c
}

// commit queues work and waits until the transaction holding it has
// ended. nil means committed: only then may the notification be
// acknowledged. work's own error is returned (its savepoint rolled back,
// the rest of the batch committed); any error of the batch's transaction
// is returned to each of its notifications, none of which is then
// committed. If ctx ends while the work is still queued it is never run
// and ctx's error is returned; once taken into a batch, commit waits for
// the batch's outcome whatever ctx does.
func (c *committer) commit(ctx context.Context, work notifyWork) error {
	return c.commitAbout(ctx, "", work, nil)
}

// commitAbout is commit for work about the payment attempt with
// paymentRequestId payment (if not ""): before a batch applies its work,
// it reads the batch's payment attempts, their orders and those orders'
// other attempts in one query (db.PrefetchAttempts), so that a
// notification about a payment reads none of them again, and one about
// an unknown payment runs no statement of its own (its inbox row is
// written at the commit).
// then (if not nil) runs once work has committed, before commitAbout
// returns and before drain may return: what follows the commit (waking
// pages, counting) is part of the notification's handling.
func (c *committer) commitAbout(ctx context.Context, payment string, work notifyWork, then func()) (err error) {
	if err := ctx.Err(); err != nil {
		// Ended before it was queued: never queued, never run (the
		// committer could otherwise take it before the select below
		// sees ctx end).
		return fmt.Errorf("checkout: notification not stored: %w", err)
	}
	j := &notifyJob{ctx: ctx, work: work, payment: payment, done: make(chan error, 1)}
	c.mu.Lock()
	c.queue = append(c.queue, j)
	c.open++
	defer c.closed()
	if !c.running {
		// running becomes false again only in run, after work has
		// taken the last wake: the buffer always has room.
		c.running = true
		if !c.started {
			c.started = true
			go c.work()
		}
		c.wake <- struct{}{}
	}
	c.mu.Unlock()
	c.hit(PointNotifyQueued)
	select {
	case err = <-j.done:
	case <-ctx.Done():
		if j.state.CompareAndSwap(jobQueued, jobAbandoned) {
			return fmt.Errorf("checkout: notification not stored: %w", ctx.Err())
		}
		err = <-j.done
	}
	if err == nil && then != nil {
		then()
	}
	return err
}

// closed ends a commitAbout: one open commit fewer.
func (c *committer) closed() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.open--; c.open == 0 {
		c.idle.Broadcast()
	}
}

// work runs the committer: each wake, batches until the queue is empty.
// It waits for the next wake for as long as the process runs (an idle
// goroutine, with the stack its batches grew).
func (c *committer) work() {
	for range c.wake {
		c.run()
	}
}

// run commits batches until the queue is empty.
func (c *committer) run() {
	for {
		c.mu.Lock()
		if len(c.queue) == 0 {
			c.running = false
			c.idle.Broadcast()
			c.mu.Unlock()
			return
		}
		n := min(len(c.queue), maxNotifyBatch)
		batch := slices.Clone(c.queue[:n])
		c.queue = slices.Delete(c.queue, 0, n)
		c.mu.Unlock()
		c.commitBatch(batch)
	}
}

// commitBatch applies the jobs still wanted in one transaction, then
// tells each its outcome. It first runs them all in one savepoint: most
// batches have no failing work, and one savepoint for all of them saves a
// statement per notification (on PostgreSQL a round trip). If a job
// fails, that savepoint is rolled back — every job's work undone — and
// the others run again, each in its own savepoint, as if that job had
// been left out: its error is its outcome (it is not run again), and the
// jobs after it see the database as it was without it.
func (c *committer) commitBatch(batch []*notifyJob) {
	jobs := slices.DeleteFunc(batch, func(j *notifyJob) bool { return !j.state.CompareAndSwap(jobQueued, jobTaken) })
	if len(jobs) == 0 {
		return
	}
	failed := make([]error, len(jobs))
	var payments []string
	for _, j := range jobs {
		if j.payment != "" {
			payments = append(payments, j.payment)
		}
	}
	ctxs := make([]context.Context, len(jobs))
	for i, j := range jobs {
		ctxs[i] = context.WithoutCancel(j.ctx)
	}
	apply := func(q *db.Queries) error {
		if err := q.PrefetchAttempts(context.Background(), payments); err != nil {
			return err
		}
		bad := -1 // the job that failed in the one savepoint
		some, err := q.Savepoint(context.Background(), func(q *db.Queries) error {
			for i, j := range jobs {
				if failed[i] = c.run1(ctxs[i], q, j.work); failed[i] != nil {
					bad = i
					return failed[i]
				}
			}
			return nil
		})
		if err != nil || some == nil {
			return err
		}
		for i, j := range jobs {
			if i == bad {
				continue
			}
			failed[i], err = q.Savepoint(ctxs[i], func(q *db.Queries) error { return c.run1(ctxs[i], q, j.work) })
			if err != nil {
				return err
			}
		}
		return nil
	}
	err := c.tx(context.Background(), apply)
	if db.RunAgainWithoutLaterWrites(err) {
		// A settlement foretold from the batch's first read was not
		// so when sent (a write outside any transaction came between),
		// or the batch failed otherwise after keeping one for later (a
		// fault that, sent when made, would have failed its own job's
		// savepoint only): nothing was committed; the batch runs again,
		// every write sent when made, and reads what is there now.
		err = c.tx(db.WithoutLaterWrites(context.Background()), apply)
	}
	for i, j := range jobs {
		if err != nil {
			j.done <- err
		} else {
			j.done <- failed[i]
		}
	}
}

// run1 runs one notification's work; a panic in it fails that
// notification only (its request answers an error, as a panic in the
// request would).
func (c *committer) run1(ctx context.Context, q *db.Queries, work notifyWork) (err error) {
	defer func() {
		if r := recover(); r != nil {
			c.log("notification apply panicked", "panic", r, "stack", string(debug.Stack()))
			err = fmt.Errorf("checkout: notification apply panicked: %v", r)
		}
	}()
	return work(ctx, q)
}

// drain waits until nothing is queued or being committed, and every
// commit's caller has run its then.
func (c *committer) drain() {
	c.mu.Lock()
	busy := c.running || c.open > 0
	c.mu.Unlock()
	if busy {
		c.hit(PointNotifyDrain)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for c.running || c.open > 0 {
		c.idle.Wait()
	}
}
