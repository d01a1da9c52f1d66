package checkout

import (
	"context"
	"slices"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// adminReads is what staff's order page reads beside its order.
type adminReads struct {
	product    db.Product
	buyerEmail string
	attempts   []db.Attempt
	captures   []db.Capture
	refunds    []db.Refund
	open       map[int64]db.RefundOwed // openFailures
	twice      map[int64]string        // db.OrderRefundsPaidTwice
	foundTwice map[int64]string        // db.OrderRefundsFoundTwice; read only if a refund we closed is found processing
	events     []db.Event
	// latest is the attempt the buyer's page is about (buyersAttempt),
	// paying the one that paid the order (db.SuccessfulAttempt); ID 0
	// for none.
	latest, paying db.Attempt
	// Read once latest and paying are known: the wallets of the
	// attempts by id; when latest's state is paid, what of it was
	// refunded and settled another way (buyerStateOf); when the order is
	// paid, paying's money (attemptRefundFigures) and what its failed
	// refunds are owed (db.FailedRefundTotal).
	wallets                       map[int64]db.Wallet
	latestRefunded, latestHandled int64
	money                         db.AttemptMoney
	failed                        int64
	// lookEnds: of an AUTHORIZED order's authorizations whose expiry is
	// not known, how the looks for it ended (db.AuthExpiryLookEnding), by
	// attempt id.
	lookEnds map[int64]db.AuthExpiryLookEnding
	// voidRefusals: of an AUTHORIZED order's authorizations whose cancel
	// is FAIL, the void Antom refused (db.VoidRefusal), by attempt id.
	voidRefusals map[int64]db.VoidRefusal
	// autoCaptures: of the card attempts in AUTOMATIC mode Antom settled
	// FAIL, the automatic captures applied before (db.AutomaticCaptures),
	// by attempt id (autoCapturesFailed).
	autoCaptures map[int64][]db.AutomaticCapture
	// conflicts: the paymentIds Antom named for the order's attempts
	// other than the ones on record (db.PaymentIDConflictsOfOrder);
	// resolutions: staff's "Mark resolved" of the alarms on them
	// (db.AlarmResolutionsOfOrder).
	conflicts   []db.PaymentIDConflict
	resolutions []db.AlarmResolution
}

// readAdminOrder reads what staff's order page shows of order o through
// q (its snapshot), in two batches of independent reads (db.Queries.Read;
// on PostgreSQL a round trip each): what needs only the order, then what
// needs its attempts — the snapshot's last reads (ReadLast: on
// PostgreSQL with its COMMIT), so nothing may read through q after it.
// It reads what adminOrderDetail read one statement at a time — the same
// queries, the same snapshot — except a MANUAL attempt's captures
// (paidAmount), which are the order's, read once.
func (s *Service) readAdminOrder(ctx context.Context, q *db.Queries, o db.Order) (adminReads, error) {
	var r adminReads
	reads := make([]db.Read, 0, 12)
	reads = append(reads,
		db.ReadBuyerEmail(o.BuyerID, &r.buyerEmail),
		db.ReadAttemptsOfOrder(o.ID, &r.attempts),
		db.ReadOrderCaptures(o.ID, &r.captures),
		db.ReadOrderRefunds(o.ID, &r.refunds),
		db.ReadRefundFailuresOwed(o.ID, &r.open),
		db.ReadOrderRefundsPaidTwice(o.ID, &r.twice),
		db.ReadLatestAttempt(o.ID, &r.latest), // buyersAttempt's
		db.ReadSuccessfulAttempt(o.ID, &r.paying),
		db.ReadEvents(OrderSubject(o.Ref), &r.events),
		db.ReadPaymentIDConflictsOfOrder(o.ID, &r.conflicts),
		db.ReadAlarmResolutionsOfOrder(o.ID, &r.resolutions),
	)
	p, known := s.products.Load(o.ProductID) // s.product's, read once
	if known {
		r.product = p.(db.Product)
	} else {
		reads = append(reads, db.ReadProductByID(o.ProductID, &r.product))
	}
	if err := q.Read(ctx, reads...); err != nil {
		return adminReads{}, err
	}
	if !known {
		s.products.Store(o.ProductID, r.product)
	}
	reads = reads[:0]
	var wallets map[int64]*db.Wallet // by id
	for _, a := range r.attempts {
		if a.WalletID != 0 && wallets[a.WalletID] == nil {
			if wallets == nil {
				wallets = map[int64]*db.Wallet{}
			}
			wallets[a.WalletID] = new(db.Wallet)
			reads = append(reads, db.ReadWalletByID(a.WalletID, wallets[a.WalletID]))
		}
	}
	if r.latest.ID != 0 && resultState(o, r.latest) == ResultPaid {
		var processing int64
		reads = append(reads, db.ReadRefundTotals(r.latest.ID, &r.latestRefunded, &processing),
			db.ReadHandledRefundTotal(r.latest.ID, &r.latestHandled))
	}
	if slices.ContainsFunc(r.refunds, foundProcessing) { // almost never: only then its statement
		reads = append(reads, db.ReadOrderRefundsFoundTwice(o.ID, &r.foundTwice))
	}
	if r.paying.ID != 0 && o.Status == db.OrderPaid {
		reads = append(reads, db.ReadAttemptMoney(r.paying.ID, &r.money), db.ReadFailedRefundTotal(r.paying.ID, &r.failed))
	}
	lookEnds := map[int64]*db.AuthExpiryLookEnding{} // by attempt id
	for _, a := range r.attempts {
		if o.Status == db.OrderAuthorized && a.Status == db.AttemptSuccess && a.CaptureMode == antom.CaptureManual &&
			!a.Surplus && a.AuthExpiresAt.IsZero() {
			lookEnds[a.ID] = new(db.AuthExpiryLookEnding)
			reads = append(reads, db.ReadAuthExpiryLookEnding(a.ID, lookEnds[a.ID]))
		}
	}
	voidRefusals := map[int64]*db.VoidRefusal{} // by attempt id
	for _, a := range r.attempts {
		if o.Status == db.OrderAuthorized && a.Status == db.AttemptSuccess && a.CaptureMode == antom.CaptureManual &&
			!a.Surplus && a.CancelStatus == db.CancelFail {
			voidRefusals[a.ID] = new(db.VoidRefusal)
			reads = append(reads, db.ReadVoidRefusal(a.ID, voidRefusals[a.ID]))
		}
	}
	autoCaptures := map[int64]*[]db.AutomaticCapture{} // by attempt id; almost never any
	for _, a := range r.attempts {
		if failedAutomatic(a) {
			autoCaptures[a.ID] = new([]db.AutomaticCapture)
			reads = append(reads, db.ReadAutomaticCaptures(a.ID, autoCaptures[a.ID]))
		}
	}
	if err := q.ReadLast(ctx, reads...); err != nil {
		return adminReads{}, err
	}
	for id, end := range lookEnds {
		if r.lookEnds == nil {
			r.lookEnds = make(map[int64]db.AuthExpiryLookEnding, len(lookEnds))
		}
		r.lookEnds[id] = *end
	}
	for id, v := range voidRefusals {
		if r.voidRefusals == nil {
			r.voidRefusals = make(map[int64]db.VoidRefusal, len(voidRefusals))
		}
		r.voidRefusals[id] = *v
	}
	for id, cs := range autoCaptures {
		if r.autoCaptures == nil {
			r.autoCaptures = make(map[int64][]db.AutomaticCapture, len(autoCaptures))
		}
		r.autoCaptures[id] = *cs
	}
	for id, w := range wallets {
		if r.wallets == nil {
			r.wallets = make(map[int64]db.Wallet, len(wallets))
		}
		r.wallets[id] = *w
	}
	return r, nil
}

// foundProcessing reports whether r is a refund we closed as failed that
// Antom was found processing (db's refundFoundTwice reads only those).
func foundProcessing(r db.Refund) bool {
	return r.Status == db.RefundFail && !r.FoundProcessingAt.IsZero()
}
