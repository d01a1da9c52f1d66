package checkout

import (
	"context"
	"errors"

	"antom-checkout/db"
)

// Instrument is what a payment was made with, as staff pages name it:
// its method (db.MethodWallet, db.MethodCard; "" unknown) and, when
// known, its name and account — a wallet and its masked login
// ("GCash", "0917****123"), a card and its last digits ("Visa", "•••• 4242").
type Instrument struct {
	Method        string
	Name, Account string
}

// instrumentOf is attempt a's Instrument, w its wallet (zero when not
// read): the one naming of the order page's attempts (AttemptInfo) and
// of what a refund returns money to (RefundPreview.PaidWith,
// RefundInfo.PaidWith).
func instrumentOf(a db.Attempt, w db.Wallet) Instrument {
	in := Instrument{Method: a.Method}
	switch {
	case a.WalletID != 0 && w.ID == a.WalletID:
		in.Name, in.Account = BrandName(w.Wallet), w.UserLoginID
	case a.CardLast4 != "":
		in.Name, in.Account = brandName(a.CardBrand), "•••• "+a.CardLast4
	}
	return in
}

// paidWith is what attempt a was paid with, its wallet read.
func (s *Service) paidWith(ctx context.Context, a db.Attempt) (Instrument, error) {
	var w db.Wallet
	if a.WalletID != 0 {
		var err error
		w, err = s.db.WalletByID(ctx, a.WalletID)
		if err != nil && !errors.Is(err, db.ErrNotFound) {
			return Instrument{}, err
		}
	}
	return instrumentOf(a, w), nil
}
