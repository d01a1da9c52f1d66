package db

import (
	"context"
	"fmt"
)

// txState is what one transaction (DB.Tx) knows beside its connection,
// shared by the Queries of its savepoints.
type txState struct {
	// absent holds the paymentRequestIds no attempt had when
	// NoteAbsentAttempts read them; nil once an attempt has been inserted
	// in the transaction since.
	absent map[string]bool
}

// NoteAbsentAttempts reads, in one query, which of requestIDs
// (paymentRequestIds, at most 500) no payment attempt has, so that for
// the rest of the transaction AttemptAndOrderByRequestID answers
// ErrNotFound for them without a query of its own. Work applied together
// in one transaction (checkout's group commit of notifications) calls it
// once for all of it: on PostgreSQL a round trip per unknown id saved.
// What it notes stays true while the transaction runs: attempts are
// inserted only in transactions, which run one at a time (DB.Tx), and
// never change their paymentRequestId; an InsertAttempt in this one
// forgets it all. Outside a transaction it does nothing.
func (q *Queries) NoteAbsentAttempts(ctx context.Context, requestIDs []string) error {
	if q.tx == nil || len(requestIDs) == 0 {
		return nil
	}
	if len(requestIDs) > 500 {
		return fmt.Errorf("db: note absent attempts: %d ids, at most 500", len(requestIDs))
	}
	found, err := queryAll(ctx, q.q, "note absent attempts", func(row scanner) (string, error) {
		var id string
		err := row.Scan(&id)
		return id, err
	}, `SELECT payment_request_id FROM payment_attempts WHERE payment_request_id IN (`+
		placeholders(len(requestIDs))+`)`, appendArgs(nil, requestIDs...)...)
	if err != nil {
		return err
	}
	absent := make(map[string]bool, len(requestIDs))
	for _, id := range requestIDs {
		absent[id] = true
	}
	for _, id := range found {
		delete(absent, id)
	}
	q.tx.absent = absent
	return nil
}

// knownAbsent says whether NoteAbsentAttempts found no attempt with
// requestID, and nothing has made that stale since.
func (q *Queries) knownAbsent(requestID string) bool {
	return q.tx != nil && q.tx.absent[requestID]
}

// attemptInserted forgets what NoteAbsentAttempts noted.
func (q *Queries) attemptInserted() {
	if q.tx != nil {
		q.tx.absent = nil
	}
}
