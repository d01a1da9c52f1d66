package db

import "context"

// OrderAndWallet returns the order named ref and the wallet walletID,
// read in one query (one round trip on PostgreSQL): what a one-click pay
// checks before it starts. ErrNotFound if there is no such order; the
// zero Wallet (ID 0) if there is no such wallet.
func (q *Queries) OrderAndWallet(ctx context.Context, ref string, walletID int64) (Order, Wallet, error) {
	if !IsText(ref) {
		return Order{}, Wallet{}, ErrNotFound
	}
	// The wallet's side is its row, or else a row of zeros (found 0), so
	// that the order is read either way.
	b, err := queryOne(ctx, q.q, "order and wallet", scanOrderAndWallet, `SELECT o.*, w.*
		FROM (SELECT `+orderKeyColumns+` FROM orders WHERE ref = ?) o,
		(SELECT 1 AS found, `+walletColumns+` FROM wallets WHERE id = ?
		 UNION ALL SELECT 0, 0, 0, '', '', NULL, '', '', NULL, '', '', '', 0, '', '', '', '', 0
		 ORDER BY 1 DESC LIMIT 1) w`, ref, walletID)
	return b.o, b.w, err
}

// scanOrderAndWallet scans orderKeyColumns, found and walletColumns; the
// zero Wallet when found is 0.
func scanOrderAndWallet(row scanner) (orderWallet, error) {
	var out orderWallet
	var found int64
	var err error
	out.o, err = scanOrderKeyed(scanFunc(func(order ...any) error {
		var werr error
		out.w, werr = scanWallet(scanFunc(func(wallet ...any) error {
			return row.Scan(append(append(order, &found), wallet...)...)
		}))
		return werr
	}))
	if found == 0 {
		out.w = Wallet{}
	}
	return out, err
}

type orderWallet struct {
	o Order
	w Wallet
}

// scanFunc is a scanner made of a function.
type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }
