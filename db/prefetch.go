package db

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// txState is what one transaction (DB.Tx) knows beside its connection,
// shared by the Queries of its savepoints (and their conns).
type txState struct {
	// absent holds the paymentRequestIds no attempt had when
	// PrefetchAttempts read them; nil once an attempt has been inserted
	// in the transaction since.
	absent map[string]bool
	// byRequest, orders and ofOrder are the rows PrefetchAttempts read
	// that no statement of the transaction may have changed since: an
	// attempt by its paymentRequestId, an order by its id, and all of an
	// order's attempts (by id). An order and all its attempts are kept or
	// forgotten together (forgetOrder).
	byRequest map[string]Attempt
	orders    map[int64]Order
	ofOrder   map[int64][]Attempt
	// stale are the attempts of ofOrder that a statement has changed
	// since (forgetAttempt).
	stale map[int64]bool
	// unbegun: on PostgreSQL, the statements that begin the transaction,
	// beginWith (DB.Tx's BEGIN and lock, and DB.TxForSavepoints's
	// savepoint; a snapshot's BEGIN), are not sent yet, and go with its
	// first statement (firstRead, firstExec, or else begin) on this
	// connection; nil once sent. beginErr: sending them failed.
	unbegun   *sql.Conn
	beginWith []string
	beginErr  error
	// snapshot: the transaction is DB.Snapshot's (on either backend),
	// which Queries.ReadLast may end; ended: it did.
	snapshot, ended bool
	// preset: a savepoint was set with BEGIN (DB.TxForSavepoints) and no
	// statement has written since, so the first Savepoint may take it as
	// its own (takePreset).
	preset bool
	// later are writes whose outcome what PrefetchAttempts read
	// foretells, or whose outcome nobody reads (keepLater), and the
	// SAVEPOINTs they run in, kept to be sent before the transaction's
	// next statement or with its COMMIT, always after its BEGIN
	// (write_later.go);
	// noLater: none may be kept (WithoutLaterWrites); laterErr: sending
	// them failed, and every statement after fails with it.
	later    []statement
	noLater  bool
	laterErr error
	// keptLater: a write was kept for later in this transaction (its
	// failure is then ErrLaterWriteFailed: laterFailed).
	keptLater bool
	// watch: DB.Tx's on PostgreSQL, told when the lock its BEGIN takes is
	// held (tookLock, at lockedAt) and let go (leftLock), for the write
	// probe (ownWriteStuck); nil elsewhere.
	watch    *writeWatch
	lockedAt int64
}

// PrefetchAttempts reads, in one query, the payment attempts of
// requestIDs (paymentRequestIds, at most 500), their orders and those
// orders' other attempts, so that for the rest of the transaction
// AttemptAndOrderByRequestID and PayingAndOpenAttempts answer from what
// it read, without a query of their own — ErrNotFound at once for an id
// no attempt has. Work applied together in one transaction (checkout's
// group commit of notifications) calls it once for all of it: on
// PostgreSQL a round trip or two per notification saved; so does
// checkout's settling of one attempt from an answer, whose writes may
// then go with its COMMIT. Outside a transaction it does nothing.
//
// What it read is used only while it is what a query would read in this
// transaction:
//   - an id without an attempt stays without one: attempts are inserted
//     only in transactions, which run one at a time (DB.Tx), and never
//     change their paymentRequestId; an InsertAttempt in this one
//     forgets them.
//   - the rows read are forgotten as soon as a statement of this
//     transaction may change them: SettleAttempt forgets the attempt
//     (its order's other attempts are still used), SetOrderStatus the
//     order and its attempts, any other write (and ROLLBACK TO a
//     savepoint) all of them.
//
// Writes by other connections outside any transaction (single
// statements, which do not wait for DB.Tx's lock) may commit meanwhile;
// a row read here is then as old as a read at the start of this
// transaction would be, which READ COMMITTED allows as it allows a read
// just before such a commit: the writes that rely on what was read check
// it again (SettleAttempt, SetOrderStatus: "from" states).
func (q *Queries) PrefetchAttempts(ctx context.Context, requestIDs []string) error {
	if q.tx == nil || len(requestIDs) == 0 {
		return nil
	}
	if len(requestIDs) > 500 {
		return fmt.Errorf("db: prefetch attempts: %d ids, at most 500", len(requestIDs))
	}
	// As many ids as a power of two: a few texts, prepared once each.
	in := paddedIn(requestIDs)
	query := `SELECT a.*, o.* FROM (SELECT ` + attemptColumns + ` FROM payment_attempts
			WHERE order_id IN (SELECT order_id FROM payment_attempts WHERE payment_request_id IN (` + placeholders(len(in)) + `))) a
		JOIN (SELECT ` + orderColumns + ` FROM orders) o ON o.id = a.order_id
		ORDER BY a.id`
	// As the transaction's first statement, it goes with its BEGIN
	// (firstRead).
	rows, err := queryAll(ctx, q.q, "prefetch attempts", scanAttemptAndOrder, query, appendArgs(nil, in...)...)
	if err != nil {
		return err
	}
	t := q.tx
	t.absent = make(map[string]bool, len(requestIDs))
	for _, id := range requestIDs {
		t.absent[id] = true
	}
	t.byRequest, t.orders, t.ofOrder, t.stale = map[string]Attempt{}, map[int64]Order{}, map[int64][]Attempt{}, map[int64]bool{}
	for _, r := range rows {
		delete(t.absent, r.a.PaymentRequestID)
		t.byRequest[r.a.PaymentRequestID] = r.a
		t.orders[r.o.ID] = r.o
		t.ofOrder[r.o.ID] = append(t.ofOrder[r.o.ID], r.a) // by id: the query's order
	}
	return nil
}

// knownAbsent says whether PrefetchAttempts found no attempt with
// requestID, and nothing has made that stale since.
func (q *Queries) knownAbsent(requestID string) bool {
	return q.tx != nil && q.tx.absent[requestID]
}

// prefetched returns the attempt with requestID and its order as
// PrefetchAttempts read them, if they are still what a query would read.
func (q *Queries) prefetched(requestID string) (Attempt, Order, bool) {
	if q.tx == nil {
		return Attempt{}, Order{}, false
	}
	a, ok := q.tx.byRequest[requestID]
	if !ok {
		return Attempt{}, Order{}, false
	}
	o, ok := q.tx.orders[a.OrderID]
	return a, o, ok
}

// prefetchedOfOrder returns an order's attempts but except (by id) as
// PrefetchAttempts read them, if they are still what a query would read.
func (q *Queries) prefetchedOfOrder(orderID, except int64) ([]Attempt, bool) {
	if q.tx == nil {
		return nil, false
	}
	as, ok := q.tx.ofOrder[orderID]
	if !ok {
		return nil, false
	}
	others := make([]Attempt, 0, len(as))
	for _, a := range as {
		if a.ID == except {
			continue
		}
		if q.tx.stale[a.ID] {
			return nil, false
		}
		others = append(others, a)
	}
	return others, true
}

// attemptInserted forgets the ids PrefetchAttempts found no attempt for
// (and, as any write, conn forgets the rows it read).
func (q *Queries) attemptInserted() {
	if q.tx != nil {
		q.tx.absent = nil
	}
}

// forgetOrder forgets what PrefetchAttempts read of an order: the order
// and all its attempts.
func (t *txState) forgetOrder(orderID int64) {
	if t == nil {
		return
	}
	for _, a := range t.ofOrder[orderID] {
		delete(t.byRequest, a.PaymentRequestID)
	}
	delete(t.ofOrder, orderID)
	delete(t.orders, orderID)
}

// forgetAttempt forgets what PrefetchAttempts read of an attempt: its
// order's attempts are then used only to answer about the others
// (PayingAndOpenAttempts with it as except). An attempt it did not read
// belongs to none of the orders it read: it read all of their attempts,
// and an attempt inserted since made it forget everything.
func (t *txState) forgetAttempt(id int64) {
	if t == nil {
		return
	}
	for _, as := range t.ofOrder {
		for _, a := range as {
			if a.ID == id {
				delete(t.byRequest, a.PaymentRequestID)
				t.stale[id] = true
				return
			}
		}
	}
}

// wrote is called by conn before each statement; declared means its
// caller has itself forgotten what it may change of what
// PrefetchAttempts read (declaredWrite). Anything but a read or a
// SAVEPOINT may write: a savepoint set with BEGIN can no longer be taken
// by Savepoint, and unless declared, what PrefetchAttempts read is
// forgotten.
func (t *txState) wrote(query string, declared bool) {
	if t == nil || isSelect(query) || isSavepoint(query) {
		return
	}
	t.preset = false
	if !declared {
		t.byRequest, t.orders, t.ofOrder, t.stale = nil, nil, nil, nil
	}
}

// takePreset says whether a Savepoint may take the savepoint set with
// BEGIN as its own (see preset); only one may.
func (t *txState) takePreset() bool {
	if t == nil || !t.preset {
		return false
	}
	t.preset = false
	return true
}

// isSavepoint says whether query sets a savepoint (which changes no row).
func isSavepoint(query string) bool {
	q := strings.TrimLeft(query, " \t\r\n")
	return len(q) >= 9 && strings.EqualFold(q[:9], "SAVEPOINT")
}

// declaredWrite returns q for a write whose caller has itself forgotten
// what it may change of what PrefetchAttempts read (forgetAttempt,
// forgetOrder): its statement does not make the transaction forget the
// rest.
func (q *Queries) declaredWrite() *Queries {
	c, ok := q.q.(conn)
	if !ok || q.tx == nil {
		return q
	}
	c.declared = true
	in := *q
	in.q = c
	return &in
}

// attemptAndOrder is an attempt and its order, read together.
type attemptAndOrder struct {
	a Attempt
	o Order
}

// scanAttemptAndOrder scans attemptColumns followed by orderColumns.
func scanAttemptAndOrder(row scanner) (attemptAndOrder, error) {
	var b attemptAndOrder
	var t attemptTimes
	var oPaid, oCreated, oUpdated string
	a, o := &b.a, &b.o
	err := row.Scan(append(t.into(a), &o.ID, &o.Ref, &o.BuyerID, &o.ProductID, &o.Quantity, &o.Currency, &o.Amount, &o.Status,
		&oPaid, &oCreated, &oUpdated)...)
	t.set(a)
	o.PaidAt, o.CreatedAt, o.UpdatedAt = parseTime(oPaid), parseTime(oCreated), parseTime(oUpdated)
	return b, err
}
