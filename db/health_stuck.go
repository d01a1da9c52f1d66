package db

import (
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"
)

// writeStuckAfter is how long this instance's own hold on what every
// write needs may last before the write probe calls it stuck
// (ErrWriteStuck): on SQLite one caller keeping the app's one write
// connection, on PostgreSQL one transaction of the app's holding the
// lock each DB.Tx takes. No code holds either while it waits on anything
// but the database, and the longest a legitimate holder waits there is a
// statement's wait for SQLite's lock held by another process (a backup,
// a shell): its busy_timeout, 5 s, after which it gives up and the
// connection changes hands. Twice that is no burst and no long
// transaction: the holder is wedged (a goroutine that never let go, a
// transaction that never ends), every write of the instance waits
// behind it, and the load balancer should take it out.
const writeStuckAfter = 10 * time.Second

// ErrWriteStuck is CheckWrite's error when this instance's own write
// connection (SQLite) or its own transaction holding the write lock
// (PostgreSQL) has been held past writeStuckAfter: not busy, wedged.
var ErrWriteStuck = errors.New("this instance's own write connection is stuck")

// writeWatch is what the write probe knows of this instance's own hold
// on the write (ownWriteStuck, poolStuck). Keeping it costs the app one
// atomic add each time a connection of its write pool changes hands and,
// on PostgreSQL, two atomic stores per transaction; nothing allocates.
type writeWatch struct {
	// handed counts the write pool's connections changing hands: on
	// SQLite each return to the pool (sqlitestmt.OpenCounting), on
	// PostgreSQL each hand-out (openPostgres). While every connection is
	// in use and the count stays, each is with the caller that had it.
	handed atomic.Uint64
	// locked is when (monoNow) the transaction of this instance that
	// holds PostgreSQL's lock took it; 0: none does. The lock is one for
	// every instance, so at most one transaction here holds it.
	locked atomic.Int64
	// stuckAfter is writeStuckAfter, or a test's (DB.WriteStuckAfter).
	stuckAfter atomic.Int64

	mu    sync.Mutex
	seen  uint64        // handed when a probe first saw every connection in use
	since time.Duration // when (monoNow); 0: not every connection was
}

// monoBase and monoNow give times from the monotonic clock, never 0: a
// wall clock set back or forward is no hold's length.
var monoBase = time.Now()

func monoNow() time.Duration { return time.Since(monoBase) + 1 }

// WriteStuckAfter sets how long this instance's own hold on the write may
// last before CheckWrite calls it stuck (ErrWriteStuck; 10 s unless
// set). It is a seam for tests, never set by the app: with 0 a write
// pool kept whole is stuck once two probes in a row saw it so, and on
// PostgreSQL a transaction holding the lock once one probe sees it.
func (d *DB) WriteStuckAfter(bound time.Duration) { d.watch.stuckAfter.Store(int64(bound)) }

// newWriteWatch returns a writeWatch with its bound, writeStuckAfter.
func newWriteWatch() *writeWatch {
	w := new(writeWatch)
	w.stuckAfter.Store(int64(writeStuckAfter))
	return w
}

// ownWriteStuck says, before the probe tries the lock, whether this
// instance's own hold on it has lasted past writeStuckAfter
// (ErrWriteStuck), whatever another process or instance holds: on
// SQLite the one write connection kept by one caller (a transaction of
// the app's holds the file's lock with it), on PostgreSQL the lock held
// by one transaction of this instance since it took it.
func (d *DB) ownWriteStuck() error {
	bound := time.Duration(d.watch.stuckAfter.Load())
	if d.d.backend == PostgreSQL {
		if held := d.watch.lockHeld(); held > bound {
			return fmt.Errorf("%w: a transaction of this instance has held the write lock for %v", ErrWriteStuck, held.Round(time.Millisecond))
		}
		return nil
	}
	if kept := d.poolKept(true); kept > bound {
		return fmt.Errorf("%w: one caller has kept the write connection for %v", ErrWriteStuck, kept.Round(time.Millisecond))
	}
	return nil
}

// poolStuck says, on PostgreSQL, once the probe has taken the lock and
// written (lockFree) or not, whether every connection
// of the app's pool has stayed with its caller past writeStuckAfter
// (ErrWriteStuck): wedged, since the lock they might wait for was free.
// While the lock is held the pool may fill with transactions waiting for
// it, which PostgreSQL lets wait without end: that is the lock's holder's
// doing (busy, or its own instance stuck), not this instance's. On SQLite
// ownWriteStuck has looked at the pool already: its one connection's
// callers wait for another process's lock 5 s at most, then give it up.
func (d *DB) poolStuck(lockFree bool) error {
	if d.d.backend != PostgreSQL {
		return nil
	}
	if kept := d.poolKept(lockFree); kept > time.Duration(d.watch.stuckAfter.Load()) {
		return fmt.Errorf("%w: every connection of the pool has been in use, none handed over, for %v while the write lock was free", ErrWriteStuck, kept.Round(time.Millisecond))
	}
	return nil
}

// poolKept is how long, as far as the probes saw, every connection of
// the app's write pool has been with the same caller: since the first
// probe that found all in use with the same count of hand-overs; 0 when
// one was free or changed hands, or when counting is not to (count
// false), which forgets what was seen.
func (d *DB) poolKept(count bool) time.Duration {
	w := d.watch
	handed := w.handed.Load() // before Stats: a hand-over in between shows at the next probe
	stats := d.sql.Stats()
	full := count && stats.InUse >= stats.MaxOpenConnections
	now := monoNow()
	w.mu.Lock()
	defer w.mu.Unlock()
	if full && w.since != 0 && handed == w.seen {
		return now - w.since
	}
	w.seen, w.since = handed, 0
	if full {
		w.since = now
	}
	return 0
}

// lockHeld is how long a transaction of this instance has held
// PostgreSQL's write lock; 0 when none does.
func (w *writeWatch) lockHeld() time.Duration {
	at := w.locked.Load()
	if at == 0 {
		return 0
	}
	return monoNow() - time.Duration(at)
}

// tookLock records that t's transaction (pgTx's: t.watch set) now holds
// the lock its BEGIN took, once.
func (t *txState) tookLock() {
	if t.watch != nil && t.lockedAt == 0 {
		t.lockedAt = int64(monoNow())
		t.watch.locked.Store(t.lockedAt)
	}
}

// leftLock records that t's transaction has ended, unless another has
// taken the lock since (it is released at the COMMIT, before this).
func (t *txState) leftLock() {
	if t.watch != nil && t.lockedAt != 0 {
		t.watch.locked.CompareAndSwap(t.lockedAt, 0)
	}
}
