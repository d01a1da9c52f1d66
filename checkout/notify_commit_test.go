package checkout

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// batchEnv is the domain over a fresh database (TEST_DB=postgres: on
// PostgreSQL) with a committer that can be held busy, so that the
// notifications sent meanwhile queue up and are committed together.
type batchEnv struct {
	t       *testing.T
	ctx     context.Context
	svc     *Service
	db      *db.DB
	obs     *countingObserver
	queued  chan struct{} // one per PointNotifyQueued
	drain   chan struct{} // one per PointNotifyDrain
	release chan struct{} // closed: the held batch goes on
	once    sync.Once
	mu      sync.Mutex
	hook    func(point string) // under mu: more for a test, called after the above
	txs     int                // under mu: batch transactions begun
}

func newBatchEnv(t *testing.T) *batchEnv {
	t.Helper()
	sealer, err := NewSealer([]byte("0123456789abcdef0123456789abcdef"))
	check(t, err)
	e := &batchEnv{t: t, ctx: context.Background(), db: dbtest.Open(t), obs: newCountingObserver(),
		queued: make(chan struct{}, 100), drain: make(chan struct{}, 10), release: make(chan struct{})}
	e.svc = NewService(Deps{DB: e.db, Sealer: sealer, Observer: e.obs, Options: Options{TestHook: func(point string) {
		switch point {
		case PointNotifyQueued:
			e.queued <- struct{}{}
		case PointNotifyDrain:
			e.drain <- struct{}{}
		}
		e.mu.Lock()
		hook := e.hook
		e.mu.Unlock()
		if hook != nil {
			hook(point)
		}
	}}})
	tx := e.svc.notify.tx
	e.svc.notify.tx = func(ctx context.Context, fn func(*db.Queries) error) error {
		e.mu.Lock()
		e.txs++
		e.mu.Unlock()
		return tx(ctx, fn)
	}
	t.Cleanup(e.letGo) // a failed test leaves no batch held
	return e
}

// hold makes the committer busy with a batch of its own that waits for
// letGo, and waits until it is. Its transaction holds the writer: write
// nothing else until letGo.
func (e *batchEnv) hold() {
	e.t.Helper()
	in := make(chan struct{})
	go e.svc.notify.commit(e.ctx, func(context.Context, *db.Queries) error {
		close(in)
		<-e.release
		return nil
	})
	select {
	case <-in:
	case <-time.After(10 * time.Second):
		e.t.Fatal("the committer never took the holding batch")
	}
	e.waitQueued(1)
}

func (e *batchEnv) letGo() { e.once.Do(func() { close(e.release) }) }

// waitQueued waits until n more notifications have been queued.
func (e *batchEnv) waitQueued(n int) {
	e.t.Helper()
	for range n {
		select {
		case <-e.queued:
		case <-time.After(10 * time.Second):
			e.t.Fatal("notifications not queued")
		}
	}
}

func (e *batchEnv) batches() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.txs
}

// processing inserts a guest order with a wallet payment PROCESSING and
// returns the attempt.
func (e *batchEnv) processing(ref string) db.Attempt {
	e.t.Helper()
	p, err := e.db.ProductBySlug(e.ctx, "notebook")
	check(e.t, err)
	now := time.Now()
	order, err := e.db.InsertOrder(e.ctx, db.Order{Ref: ref, ProductID: p.ID, Quantity: 1, Currency: p.Currency,
		Amount: p.Price, Status: db.OrderProcessing, CreatedAt: now})
	check(e.t, err)
	a := db.Attempt{OrderID: order, PaymentRequestID: "PR-" + ref, Method: db.MethodWallet, Currency: p.Currency,
		Amount: p.Price, Status: db.AttemptProcessing, ExpiresAt: now.Add(time.Hour), NextCheckAt: now.Add(time.Hour), CreatedAt: now}
	a.ID, err = e.db.InsertAttempt(e.ctx, a)
	check(e.t, err)
	return a
}

type received struct {
	verdict string
	err     error
}

// receive sends a notification from its own request (with request id
// rid) and waits until it is queued; its outcome comes on the channel.
func (e *batchEnv) receive(ctx context.Context, rid string, body []byte) <-chan received {
	out := make(chan received, 1)
	go func() {
		v, err := e.svc.ReceiveNotification(WithHTTPRequestID(ctx, rid), Inbound{RequestTime: "2026-12-01T10:00:00+08:00", Body: body})
		out <- received{v, err}
	}()
	e.waitQueued(1)
	return out
}

func (e *batchEnv) outcome(c <-chan received) received {
	e.t.Helper()
	select {
	case r := <-c:
		return r
	case <-time.After(10 * time.Second):
		e.t.Fatal("no outcome")
		return received{}
	}
}

// inboxKinds lists the inbox's kinds, oldest first.
func (e *batchEnv) inboxKinds() []string {
	e.t.Helper()
	rows, err := e.db.RecentNotifications(e.ctx, 100)
	check(e.t, err)
	var kinds []string
	for _, n := range slices.Backward(rows) {
		kinds = append(kinds, n.Kind)
	}
	return kinds
}

// timeline is an order's timeline as kind, detail and request id, the
// order's ref written as REF.
func (e *batchEnv) timeline(ref string) []string {
	e.t.Helper()
	events, err := e.db.Events(e.ctx, OrderSubject(ref))
	check(e.t, err)
	var out []string
	for _, ev := range events {
		out = append(out, ev.Kind+" | "+strings.ReplaceAll(ev.Detail, ref, "REF")+" | "+ev.HTTPRequestID)
	}
	return out
}

// One notification whose work fails (an error, or a panic) in a batch of
// several is rolled back to its savepoint — its inbox row and timeline
// entry gone — and answered with its error; the others in the same
// transaction commit.
func TestNotifyBatchOneFailingApply(t *testing.T) {
	e := newBatchEnv(t)
	e.hold()
	boom := errors.New("boom")
	work := func(name string, then func() error) notifyWork {
		return func(ctx context.Context, q *db.Queries) error {
			if _, err := q.InsertNotification(ctx, db.Notification{ReceivedAt: time.Now(), Kind: name, Verdict: VerdictApplied}); err != nil {
				return err
			}
			if err := q.InsertEvent(ctx, db.Event{At: time.Now(), Subject: "order:BATCH", Kind: EventNotification, Detail: name}); err != nil {
				return err
			}
			return then()
		}
	}
	fine := func() error { return nil }
	jobs := []struct {
		name string
		then func() error
	}{
		{"first", fine}, {"fails", func() error { return boom }}, {"third", fine},
		{"panics", func() error { panic("a bug") }}, {"last", fine},
	}
	var outs []chan error
	for _, j := range jobs {
		out := make(chan error, 1)
		go func() { out <- e.svc.notify.commit(e.ctx, work(j.name, j.then)) }()
		e.waitQueued(1)
		outs = append(outs, out)
	}
	e.letGo()
	for i, j := range jobs {
		var err error
		select {
		case err = <-outs[i]:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: no outcome", j.name)
		}
		switch j.name {
		case "fails":
			if !errors.Is(err, boom) {
				t.Errorf("%s: err %v, want boom", j.name, err)
			}
		case "panics":
			if err == nil || !strings.Contains(err.Error(), "panicked") {
				t.Errorf("%s: err %v, want the panic", j.name, err)
			}
		default:
			check(t, err)
		}
	}
	assertEqual(t, e.batches(), 2, "transactions (the holding one, then all five)")
	assertEqual(t, fmt.Sprint(e.inboxKinds()), "[first third last]", "inbox")
	events, err := e.db.Events(e.ctx, "order:BATCH")
	check(t, err)
	var details []string
	for _, ev := range events {
		details = append(details, ev.Detail)
	}
	assertEqual(t, fmt.Sprint(details), "[first third last]", "timeline")
}

// Two copies of one PAYMENT_RESULT in one batch do what they do one after
// the other: the first settles the payment once, the second is a
// duplicate; the inbox, the timeline (with each request's id) and the
// counts are the same as for two copies sent in turn, and the order's
// waiters are woken once the batch has committed, not before.
func TestNotifyBatchDuplicatePair(t *testing.T) {
	e := newBatchEnv(t)
	inTurn := e.processing("TURN")
	for _, rid := range []string{"req-a", "req-b"} {
		r := e.outcome(e.receive(e.ctx, rid, paymentBody(inTurn, "S", inTurn.Amount)))
		check(t, r.err)
	}
	batched := e.processing("BATCH")
	woke, stop := e.svc.Hub().Subscribe(OrderSubject("BATCH"))
	defer stop()
	early := make(chan struct{}, 2)
	e.mu.Lock()
	e.hook = func(point string) {
		if point == PointNotifyTx { // inside the batch, before its commit: nobody woken yet
			select {
			case <-woke:
				early <- struct{}{}
			default:
			}
		}
	}
	e.mu.Unlock()
	txs := e.batches()
	e.hold()
	a := e.receive(e.ctx, "req-a", paymentBody(batched, "S", batched.Amount))
	b := e.receive(e.ctx, "req-b", paymentBody(batched, "S", batched.Amount))
	e.letGo()
	ra, rb := e.outcome(a), e.outcome(b)
	check(t, ra.err)
	check(t, rb.err)
	assertEqual(t, ra.verdict, VerdictApplied, "first copy")
	assertEqual(t, rb.verdict, VerdictDuplicate, "second copy")
	assertEqual(t, e.batches()-txs, 2, "transactions (the holding one, then both copies)")
	assertEqual(t, len(early), 0, "wake-ups before the commit")
	select {
	case <-woke:
	default:
		t.Error("the order's waiters were not woken after the commit")
	}
	got, err := e.db.AttemptByID(e.ctx, batched.ID)
	check(t, err)
	assertEqual(t, got.Status, db.AttemptSuccess, "attempt")
	o, err := e.db.OrderByID(e.ctx, batched.OrderID)
	check(t, err)
	assertEqual(t, o.Status, db.OrderPaid, "order")
	assertEqual(t, fmt.Sprint(e.timeline("BATCH")), fmt.Sprint(e.timeline("TURN")), "timeline, batched vs in turn")
	assertEqual(t, fmt.Sprint(e.inboxKinds()), "[PAYMENT_RESULT PAYMENT_RESULT PAYMENT_RESULT PAYMENT_RESULT]", "inbox")
	assertEqual(t, e.obs.notifications["PAYMENT_RESULT applied"], 2, "counted applied")
	assertEqual(t, e.obs.notifications["PAYMENT_RESULT duplicate"], 2, "counted duplicate")
}

// When a batch's transaction fails, no notification in it is
// acknowledged and none is stored or applied: each answers the error and
// Antom's next attempt applies it.
func TestNotifyBatchCommitFailure(t *testing.T) {
	e := newBatchEnv(t)
	refused := errors.New("commit refused")
	tx := e.svc.notify.tx
	fail := true
	e.svc.notify.tx = func(ctx context.Context, fn func(*db.Queries) error) error {
		return tx(ctx, func(q *db.Queries) error {
			if err := fn(q); err != nil {
				return err
			}
			if fail {
				return refused // rolled back after every notification's work, as a failed COMMIT is
			}
			return nil
		})
	}
	var attempts []db.Attempt
	for i := range 3 {
		attempts = append(attempts, e.processing(fmt.Sprintf("FAIL%d", i)))
	}
	var outs []<-chan received
	e.hold()
	for _, a := range attempts {
		outs = append(outs, e.receive(e.ctx, "req", paymentBody(a, "S", a.Amount)))
	}
	e.letGo()
	for i, out := range outs {
		if r := e.outcome(out); !errors.Is(r.err, refused) {
			t.Errorf("notification %d: verdict %q, err %v; want the commit's error", i, r.verdict, r.err)
		}
	}
	assertEqual(t, len(e.inboxKinds()), 0, "inbox rows")
	for i, a := range attempts {
		got, err := e.db.AttemptByID(e.ctx, a.ID)
		check(t, err)
		assertEqual(t, got.Status, db.AttemptProcessing, "attempt "+a.PaymentRequestID)
		assertEqual(t, len(e.timeline(fmt.Sprintf("FAIL%d", i))), 0, "timeline entries")
	}
	assertEqual(t, e.obs.notifications["PAYMENT_RESULT error"], 3, "counted as errors")

	fail = false // Antom sends them again
	for _, a := range attempts {
		r := e.outcome(e.receive(e.ctx, "req", paymentBody(a, "S", a.Amount)))
		check(t, r.err)
		assertEqual(t, r.verdict, VerdictApplied, "sent again")
	}
	assertEqual(t, len(e.inboxKinds()), 3, "inbox rows after")
}

// A request that ends while its notification is queued takes it back: it
// is never applied, and the request answers an error (Antom sends it
// again). One that ends once its batch has taken it is applied and
// answered as committed.
func TestNotifyBatchCancelledRequest(t *testing.T) {
	e := newBatchEnv(t)
	gone := e.processing("GONE")
	e.hold()
	ctx, cancel := context.WithCancel(e.ctx)
	out := e.receive(ctx, "req-gone", paymentBody(gone, "S", gone.Amount))
	cancel()
	if r := e.outcome(out); !errors.Is(r.err, context.Canceled) {
		t.Fatalf("cancelled while queued: verdict %q, err %v", r.verdict, r.err)
	}
	e.letGo()
	e.svc.Wait()
	got, err := e.db.AttemptByID(e.ctx, gone.ID)
	check(t, err)
	assertEqual(t, got.Status, db.AttemptProcessing, "attempt of the request that went")
	assertEqual(t, len(e.inboxKinds()), 0, "inbox rows")

	late := e.processing("LATE")
	ctx, cancel = context.WithCancel(e.ctx)
	defer cancel()
	e.mu.Lock()
	e.hook = func(point string) {
		if point == PointNotifyTx {
			cancel() // inside its savepoint, before the commit
		}
	}
	e.mu.Unlock()
	r := e.outcome(e.receive(ctx, "req-late", paymentBody(late, "S", late.Amount)))
	check(t, r.err)
	assertEqual(t, r.verdict, VerdictApplied, "cancelled once taken")
	got, err = e.db.AttemptByID(e.ctx, late.ID)
	check(t, err)
	assertEqual(t, got.Status, db.AttemptSuccess, "attempt of the request cancelled once taken")
	assertEqual(t, len(e.timeline("LATE")) > 0 && strings.HasSuffix(e.timeline("LATE")[0], "req-late"), true, "request id on its timeline")
}

// Wait (the app's shutdown, before the database closes) returns only
// once every queued notification has been committed.
func TestNotifyBatchShutdownDrains(t *testing.T) {
	e := newBatchEnv(t)
	var attempts []db.Attempt
	for i := range 3 {
		attempts = append(attempts, e.processing(fmt.Sprintf("DRAIN%d", i)))
	}
	e.hold()
	var outs []<-chan received
	for _, a := range attempts {
		outs = append(outs, e.receive(e.ctx, "req", paymentBody(a, "S", a.Amount)))
	}
	waited := make(chan []string)
	go func() {
		e.svc.Wait()
		waited <- e.inboxKinds()
	}()
	select {
	case <-e.drain: // Wait is waiting for the queue
		e.letGo()
	case kinds := <-waited:
		t.Fatalf("Wait returned with notifications queued (inbox %v)", kinds)
	case <-time.After(10 * time.Second):
		t.Fatal("Wait neither waited nor returned")
	}
	var kinds []string
	select {
	case kinds = <-waited:
	case <-time.After(10 * time.Second):
		t.Fatal("Wait did not return")
	}
	assertEqual(t, len(kinds), 3, "inbox rows when Wait returned")
	for _, out := range outs {
		check(t, e.outcome(out).err)
	}
}

// Wait waits for what follows a notification's commit too (waking its
// pages, counting the payment): otherwise a page woken by the commit, or
// a shutdown, could see the payment settled and Wait return before it was
// counted (TestLateSuccessIsCountedOnce once saw 0).
func TestNotifyWaitIncludesWhatFollowsTheCommit(t *testing.T) {
	e := newBatchEnv(t)
	following, release := make(chan struct{}), make(chan struct{})
	committed := make(chan error, 1)
	go func() {
		committed <- e.svc.notify.commitAbout(e.ctx, "", func(context.Context, *db.Queries) error { return nil }, func() {
			close(following)
			<-release
		})
	}()
	select {
	case <-following:
	case <-time.After(10 * time.Second):
		t.Fatal("the commit's follow-up never ran")
	}
	waited := make(chan struct{})
	go func() { e.svc.Wait(); close(waited) }()
	select {
	case <-e.drain: // Wait is waiting for the follow-up
	case <-waited:
		t.Fatal("Wait returned while a committed notification's follow-up was still running")
	case <-time.After(10 * time.Second):
		t.Fatal("Wait neither waited nor returned")
	}
	close(release)
	select {
	case <-waited:
	case <-time.After(10 * time.Second):
		t.Fatal("Wait did not return once the follow-up had run")
	}
	check(t, <-committed)
}

// A failing notification between two copies of one PAYMENT_RESULT in one
// batch: the batch's work is run again without it, and the copies still
// do what they do in turn — the first settles once, the second is a
// duplicate — each with one inbox row.
func TestNotifyBatchFailureBetweenCopies(t *testing.T) {
	e := newBatchEnv(t)
	a := e.processing("AROUND")
	e.hold()
	first := e.receive(e.ctx, "req-a", paymentBody(a, "S", a.Amount))
	boom := errors.New("boom")
	failing := make(chan error, 1)
	go func() {
		failing <- e.svc.notify.commit(e.ctx, func(ctx context.Context, q *db.Queries) error {
			if err := q.QueueNotification(ctx, db.Notification{ReceivedAt: time.Now(), Kind: "FAILING"}); err != nil {
				return err
			}
			return boom
		})
	}()
	e.waitQueued(1)
	second := e.receive(e.ctx, "req-b", paymentBody(a, "S", a.Amount))
	e.letGo()
	r1, r2 := e.outcome(first), e.outcome(second)
	check(t, r1.err)
	check(t, r2.err)
	assertEqual(t, r1.verdict, VerdictApplied, "first copy")
	assertEqual(t, r2.verdict, VerdictDuplicate, "second copy")
	select {
	case err := <-failing:
		if !errors.Is(err, boom) {
			t.Errorf("failing work: err %v, want boom", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("failing work: no outcome")
	}
	assertEqual(t, fmt.Sprint(e.inboxKinds()), "[PAYMENT_RESULT PAYMENT_RESULT]", "inbox")
	got, err := e.db.AttemptByID(e.ctx, a.ID)
	check(t, err)
	assertEqual(t, got.Status, db.AttemptSuccess, "attempt")
	assertEqual(t, len(e.timeline("AROUND")), 3, "timeline: settled, applied, duplicate")
}

// On PostgreSQL a batch's settlements foretold by its first read go with
// its COMMIT (db: write_later.go). Should a payment change in between (a
// write outside any transaction), nothing of the batch is committed and
// it runs again, reading what is there now: the notification is
// answered (acknowledged) as if it had come after that write, stored
// once, and the order is not paid.
func TestNotifyBatchForetoldWrongly(t *testing.T) {
	if dbtest.Backend(t) != db.PostgreSQL {
		t.Skip("SQLite: one writer, nothing writes while a batch runs")
	}
	e := newBatchEnv(t)
	a := e.processing("FORETOLD")
	var once sync.Once
	e.mu.Lock()
	e.hook = func(point string) {
		if point == PointNotifyTx { // inside the batch, after its first read
			once.Do(func() {
				_, err := e.db.Raw().ExecContext(e.ctx, "UPDATE payment_attempts SET status = ?, final_source = ? WHERE id = ?",
					db.AttemptFail, db.SourceAntom, a.ID)
				check(t, err)
			})
		}
	}
	e.mu.Unlock()
	txs := e.batches()
	r := e.outcome(e.receive(e.ctx, "req-a", paymentBody(a, "S", a.Amount)))
	check(t, r.err)
	if r.verdict == VerdictApplied {
		t.Errorf("verdict %q over an attempt that failed meanwhile", r.verdict)
	}
	assertEqual(t, e.batches()-txs, 2, "transactions (the batch, then again)")
	got, err := e.db.AttemptByID(e.ctx, a.ID)
	check(t, err)
	assertEqual(t, got.Status, db.AttemptFail, "attempt")
	o, err := e.db.OrderByID(e.ctx, a.OrderID)
	check(t, err)
	if o.Status == db.OrderPaid {
		t.Error("the order was paid by a payment that failed")
	}
	assertEqual(t, fmt.Sprint(e.inboxKinds()), "[PAYMENT_RESULT]", "inbox")
}

// A fault in one settlement of a batch whose settlements were kept for
// later (on PostgreSQL, sent with the COMMIT) fails that notification
// only, as it does when each settlement is sent when made (in its own
// savepoint): the batch runs again, writes sent when made, and the other
// notification is applied and acknowledged. Here the database refuses
// one attempt's settlement (a trigger; in life a deadlock, a timeout).
func TestNotifyBatchOneFaultFailsOneJob(t *testing.T) {
	if dbtest.Backend(t) != db.PostgreSQL {
		t.Skip("SQLite: settlements are sent when made")
	}
	e := newBatchEnv(t)
	refused, fine := e.processing("REFUSED"), e.processing("FINE")
	for _, ddl := range []string{
		`CREATE FUNCTION refuse_settlement() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'settlement refused'; END $$`,
		fmt.Sprintf(`CREATE TRIGGER refuse_settlement BEFORE UPDATE ON payment_attempts FOR EACH ROW
			WHEN (OLD.id = %d AND NEW.status = '%s') EXECUTE FUNCTION refuse_settlement()`, refused.ID, db.AttemptSuccess),
	} {
		_, err := e.db.Raw().ExecContext(e.ctx, ddl)
		check(t, err)
	}
	txs := e.batches()
	e.hold()
	a := e.receive(e.ctx, "req-refused", paymentBody(refused, "S", refused.Amount))
	b := e.receive(e.ctx, "req-fine", paymentBody(fine, "S", fine.Amount))
	e.letGo()
	ra, rb := e.outcome(a), e.outcome(b)
	if ra.err == nil || !strings.Contains(ra.err.Error(), "settlement refused") {
		t.Errorf("the refused settlement's notification: verdict %q, err %v; want the database's refusal", ra.verdict, ra.err)
	}
	if rb.err != nil || rb.verdict != VerdictApplied {
		t.Fatalf("the other notification of the batch: verdict %q, err %v; want it applied and acknowledged", rb.verdict, rb.err)
	}
	assertEqual(t, e.batches()-txs, 3, "transactions (the holding one, the batch, then again with writes sent when made)")
	for _, c := range []struct {
		a     db.Attempt
		want  string
		order string
	}{{refused, db.AttemptProcessing, db.OrderProcessing}, {fine, db.AttemptSuccess, db.OrderPaid}} {
		got, err := e.db.AttemptByID(e.ctx, c.a.ID)
		check(t, err)
		assertEqual(t, got.Status, c.want, "attempt "+c.a.PaymentRequestID)
		o, err := e.db.OrderByID(e.ctx, c.a.OrderID)
		check(t, err)
		assertEqual(t, o.Status, c.order, "order of "+c.a.PaymentRequestID)
	}
}
