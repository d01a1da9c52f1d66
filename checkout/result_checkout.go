package checkout

import (
	"context"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// CheckoutResult is what the checkout page shows of an order, read fresh
// in one narrow query (db.CheckoutOrderByRef): OrderResult's Order
// (without its PaidAt and CreatedAt), and its State, Decline, Relink
// BuyerCancelled and CancelBy (and Returned) — except that a paid order's State is ResultPaid however
// much was refunded, and a cancelled one's CardPageURL stays empty (the
// checkout page shows neither). The payment's details and its money
// (Payment, Charged, Refunded, …) are left zero: only the result page
// shows them; Unpayable says whether a payment may still be tried, and
// EarlierMayPay whether an earlier one may still pay the order.
// ErrNotFound for anyone but the order's owner.
func (s *Service) CheckoutResult(ctx context.Context, v Viewer, ref string) (Result, error) {
	row, a, err := s.db.CheckoutOrderByRef(ctx, ref)
	row, o, err := s.viewable(ctx, v, row, err)
	if err != nil {
		return Result{}, err
	}
	if a.ID == 0 {
		return Result{Order: o, State: ResultUnpaid, Unpayable: s.unpayable(o.Product.Slug, 0)}, nil
	}
	r := Result{Order: o, Unpayable: s.unpayable(o.Product.Slug, a.Attempts)}
	r.EarlierMayPay = earlierMayPay(r.Unpayable, a.ClosedWatched)
	read := db.Attempt{ID: a.ID, Status: a.Status, Method: a.Method, RedirectURL: a.RedirectURL, CardID: a.CardID, CancelStatus: a.CancelStatus,
		ReturnedAt: a.ReturnedAt, FinalSource: a.FinalSource, AbandonedAt: a.AbandonedAt, ConflictHeldAt: a.ConflictHeldAt}
	r.State, r.CancelBy = resultState(row, read), buyersCancelBy(read)
	switch r.State {
	case ResultFailed, ResultUnconfirmed:
		r.Decline = EndingWords(r.State, a.ResultCode, a.Method, a.CreatedAt, s.now())
		r.Relink = r.State == ResultFailed && a.ResultCode == antom.CodeInvalidAccessToken && a.WalletID != 0
		if r.Relink {
			r.RelinkWallet = a.WalletID
		}
	case ResultCancelled:
		r.BuyerCancelled = a.Method == db.MethodCard && a.RedirectURL != ""
		if !a.PaidAt.IsZero() { // paid, then cancelled: rare, so read in full then
			full, err := s.db.AttemptByID(ctx, a.ID)
			if err != nil {
				return Result{}, err
			}
			if r.Returned, err = s.returned(ctx, s.db.Queries, full); err != nil {
				return Result{}, err
			}
		}
	}
	return r, nil
}

// returned is the money attempt a, cancelled after it was paid, gave
// back to the buyer (Result.Returned), read through q; zero for any
// other attempt.
func (s *Service) returned(ctx context.Context, q *db.Queries, a db.Attempt) (Money, error) {
	if !a.CancelledAfterPayment() {
		return Money{}, nil
	}
	paid, err := paidAmount(ctx, q, a)
	if err != nil {
		return Money{}, err
	}
	return Money{a.Currency, paid}, nil
}
