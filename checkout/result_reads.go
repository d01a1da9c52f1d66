package checkout

import (
	"context"
	"fmt"

	"antom-checkout/db"
)

// resultReads are the reads of a buyer's result page that need only its
// order and attempt, through q (the page's snapshot). For a paid order —
// the page every payment ends on — on PostgreSQL readPaid reads all of
// them at once, the snapshot's last reads (db.Queries.ReadLast: one round
// trip with the snapshot's COMMIT, where they took six); for any other
// state, and on SQLite (where a batch runs its reads one by one anyway,
// and costs ~20 µs more a page), each is read when asked.
type resultReads struct {
	q *db.Queries
	// batched: read by readPaid for order orderID and its attempt
	// attemptID, the snapshot ended; a read of anything else is an error.
	batched                    bool
	orderID, attemptID         int64
	wallets                    map[int64]db.Wallet // by id: the order's attempts' (db.ReadWalletsOfOrder)
	captures                   []db.Capture        // the order's, read for a MANUAL attempt only
	refunds                    []db.Refund         // the order's
	failed, handled            int64               // db.FailedRefunds and db.HandledRefunds of the attempt
	failures, nHandled         int
	attempts                   []db.Attempt // the order's, read when givenBack reads them
	capturesRead, attemptsRead bool
}

// readPaid reads what a paid order's page reads beside order o and its
// attempt a (resultMoney, paymentView and givenBack's), in one batch
// that ends the snapshot.
func (rr *resultReads) readPaid(ctx context.Context, o db.Order, a db.Attempt) error {
	rr.orderID, rr.attemptID = o.ID, a.ID
	reads := []db.Read{
		db.ReadWalletsOfOrder(o.ID, &rr.wallets),
		db.ReadOrderRefunds(o.ID, &rr.refunds),
		db.ReadFailedRefunds(a.ID, &rr.failed, &rr.failures),
		db.ReadHandledRefunds(a.ID, &rr.handled, &rr.nHandled),
	}
	if rr.capturesRead = manualCapture(a); rr.capturesRead {
		reads = append(reads, db.ReadOrderCaptures(o.ID, &rr.captures))
	}
	if rr.attemptsRead = mayHaveGivenBack(a); rr.attemptsRead {
		reads = append(reads, db.ReadAttemptsOfOrder(o.ID, &rr.attempts))
	}
	if err := rr.q.ReadLast(ctx, reads...); err != nil {
		return err
	}
	rr.batched = true
	return nil
}

// notBatched is the error of a read readPaid did not make, once the
// snapshot has ended: a page that would read more than it does.
func notBatched(what string) error {
	return fmt.Errorf("checkout: result page: %s not read with the paid order's reads", what)
}

// wallet is db.WalletByID.
func (rr *resultReads) wallet(ctx context.Context, id int64) (db.Wallet, error) {
	if rr.batched {
		if w, ok := rr.wallets[id]; ok {
			return w, nil
		}
		return db.Wallet{}, db.ErrNotFound
	}
	return rr.q.WalletByID(ctx, id)
}

// OrderCaptures is db.Queries.OrderCaptures (a capturesReader).
func (rr *resultReads) OrderCaptures(ctx context.Context, orderID int64) ([]db.Capture, error) {
	if rr.batched {
		if !rr.capturesRead || orderID != rr.orderID {
			return nil, notBatched("captures")
		}
		return rr.captures, nil
	}
	return rr.q.OrderCaptures(ctx, orderID)
}

// orderRefunds is db.OrderRefunds.
func (rr *resultReads) orderRefunds(ctx context.Context, orderID int64) ([]db.Refund, error) {
	if rr.batched {
		if orderID != rr.orderID {
			return nil, notBatched("refunds")
		}
		return rr.refunds, nil
	}
	return rr.q.OrderRefunds(ctx, orderID)
}

// failedRefunds is db.FailedRefunds.
func (rr *resultReads) failedRefunds(ctx context.Context, attemptID int64) (int64, int, error) {
	if rr.batched {
		if attemptID != rr.attemptID {
			return 0, 0, notBatched("failed refunds")
		}
		return rr.failed, rr.failures, nil
	}
	return rr.q.FailedRefunds(ctx, attemptID)
}

// handledRefunds is db.HandledRefunds.
func (rr *resultReads) handledRefunds(ctx context.Context, attemptID int64) (int64, int, error) {
	if rr.batched {
		if attemptID != rr.attemptID {
			return 0, 0, notBatched("handled refunds")
		}
		return rr.handled, rr.nHandled, nil
	}
	return rr.q.HandledRefunds(ctx, attemptID)
}

// attemptsOfOrder is db.AttemptsOfOrder.
func (rr *resultReads) attemptsOfOrder(ctx context.Context, orderID int64) ([]db.Attempt, error) {
	if rr.batched {
		if !rr.attemptsRead || orderID != rr.orderID {
			return nil, notBatched("attempts")
		}
		return rr.attempts, nil
	}
	return rr.q.AttemptsOfOrder(ctx, orderID)
}
