package db

import "context"

// Books is every order, payment attempt, refund, capture, link attempt and
// wallet, in id order: what a tool that audits the checkout against
// Antom's ledger reads (proof/, `make chaos`, `make crash`). Read only.
type Books struct {
	Orders   []Order
	Attempts []Attempt
	Refunds  []Refund
	Captures []Capture
	Links    []LinkAttempt
	Wallets  []Wallet
}

// ReadBooks reads the Books table by table, without a transaction (which
// would hold up the app's writes): read them while the app is stopped for
// a view in which the tables agree with each other.
func (q *Queries) ReadBooks(ctx context.Context) (Books, error) {
	var b Books
	err := func() error {
		var err error
		if b.Orders, err = queryAll(ctx, q.q, "orders", scanOrder, `SELECT `+orderColumns+` FROM orders ORDER BY id`); err != nil {
			return err
		}
		if b.Attempts, err = queryAll(ctx, q.q, "attempts", scanAttempt, `SELECT `+attemptColumns+` FROM payment_attempts ORDER BY id`); err != nil {
			return err
		}
		if b.Refunds, err = q.refunds(ctx, `ORDER BY id`); err != nil {
			return err
		}
		if b.Captures, err = q.captures(ctx, `ORDER BY id`); err != nil {
			return err
		}
		if b.Links, err = q.linkAttempts(ctx, `ORDER BY id`); err != nil {
			return err
		}
		b.Wallets, err = q.wallets(ctx, `ORDER BY id`)
		return err
	}()
	return b, err
}
