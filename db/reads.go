package db

// The reads Queries.Read batches: each is the query method it is named
// after, its rows into out.

// ReadBuyerEmail is BuyerEmail: "" for id 0 (no statement) or an
// unknown id.
func ReadBuyerEmail(id int64, out *string) Read {
	*out = ""
	if id == 0 {
		return Read{}
	}
	return Read{what: "buyer email", query: buyerEmail, args: []any{id},
		row: func(row scanner) error { return row.Scan(out) }}
}

// ReadProductByID is ProductByID: ErrNotFound if there is none.
func ReadProductByID(id int64, out *Product) Read {
	return readOne("product", out, scanProduct, `SELECT `+productColumns+` FROM products WHERE id = ?`, id)
}

// ReadAttemptsOfOrder is AttemptsOfOrder.
func ReadAttemptsOfOrder(orderID int64, out *[]Attempt) Read {
	return readAll("attempts of order", out, scanAttempt, attemptsOfOrder, orderID)
}

// ReadLatestAttempt is LatestAttempt, a zero Attempt (ID 0) when the
// order has none.
func ReadLatestAttempt(orderID int64, out *Attempt) Read {
	return readFirst("attempt", out, scanAttempt, `SELECT `+attemptColumns+` FROM payment_attempts WHERE order_id = ? AND `+latestAttempt, orderID)
}

// ReadSuccessfulAttempt is SuccessfulAttempt, a zero Attempt (ID 0)
// when no attempt paid the order.
func ReadSuccessfulAttempt(orderID int64, out *Attempt) Read {
	return readFirst("attempt", out, scanAttempt, `SELECT `+attemptColumns+` FROM payment_attempts `+successfulAttempt, orderID)
}

// ReadOrderCaptures is OrderCaptures.
func ReadOrderCaptures(orderID int64, out *[]Capture) Read {
	return readAll("captures", out, scanCapture, `SELECT `+captureColumns+` FROM captures `+orderCaptures, orderID)
}

// ReadOrderRefunds is OrderRefunds.
func ReadOrderRefunds(orderID int64, out *[]Refund) Read {
	return readAll("refunds", out, scanRefund, `SELECT `+refundColumns+` FROM refunds `+orderRefunds, orderID)
}

// ReadRefundFailuresOwed is RefundFailuresOwed.
func ReadRefundFailuresOwed(orderID int64, out *map[int64]RefundOwed) Read {
	return readMap("open refund failures", out, scanRefundOwed, refundFailuresOwed, orderID)
}

// ReadOrderRefundsPaidTwice is OrderRefundsPaidTwice.
func ReadOrderRefundsPaidTwice(orderID int64, out *map[int64]string) Read {
	return readMap("order refunds paid twice", out, scanPaidTwice, orderRefundsPaidTwice, orderID)
}

// ReadOrderRefundsFoundTwice is OrderRefundsFoundTwice.
func ReadOrderRefundsFoundTwice(orderID int64, out *map[int64]string) Read {
	return readMap("order refunds found twice", out, scanPaidTwice, orderRefundsFoundTwice, orderID)
}

// ReadEvents is Events: in a transaction, after the entries InsertEvent
// kept are written (Queries.Read writes them first).
func ReadEvents(subject string, out *[]Event) Read {
	return readAll("events", out, scanEvent, subjectEvents, subject)
}

// ReadAttemptMoney is AttemptMoney: ErrNotFound if there is no such
// attempt.
func ReadAttemptMoney(attemptID int64, out *AttemptMoney) Read {
	return readOne("attempt money", out, func(row scanner) (AttemptMoney, error) {
		var m AttemptMoney
		err := row.Scan(&m.Captured, &m.Refunded, &m.Processing, &m.Handled)
		return m, err
	}, attemptMoney, attemptID)
}

// ReadRefundTotals is RefundTotals.
func ReadRefundTotals(attemptID int64, refunded, processing *int64) Read {
	return Read{what: "refund totals", query: refundTotals, args: []any{attemptID},
		row: func(row scanner) error { return row.Scan(refunded, processing) }}
}

// ReadHandledRefundTotal is HandledRefundTotal.
func ReadHandledRefundTotal(attemptID int64, out *int64) Read {
	var count int
	return Read{what: "handled refund total", query: handledRefunds, args: []any{attemptID},
		row: func(row scanner) error { return row.Scan(out, &count) }}
}

// ReadFailedRefundTotal is FailedRefundTotal.
func ReadFailedRefundTotal(attemptID int64, out *int64) Read {
	var failures int
	return Read{what: "failed refund total", query: failedRefunds, args: []any{attemptID},
		row: func(row scanner) error { return row.Scan(out, &failures) }}
}

// ReadWalletByID is WalletByID, a zero Wallet (ID 0) when there is none.
func ReadWalletByID(id int64, out *Wallet) Read {
	return readFirst("wallet", out, scanWallet, `SELECT `+walletColumns+` FROM wallets WHERE id = ?`, id)
}

// ReadWalletsOfOrder reads the wallets an order's attempts paid with,
// by id (WalletByID of each attempt's wallet, in one statement); an
// attempt without a wallet, or whose wallet is gone, has none in it.
func ReadWalletsOfOrder(orderID int64, out *map[int64]Wallet) Read {
	return readMap("wallets of order", out, func(row scanner) (int64, Wallet, error) {
		w, err := scanWallet(row)
		return w.ID, w, err
	}, `SELECT `+walletColumns+` FROM wallets WHERE id IN (SELECT wallet_id FROM payment_attempts WHERE order_id = ?)`, orderID)
}

// ReadFailedRefunds is FailedRefunds.
func ReadFailedRefunds(attemptID int64, owed *int64, failures *int) Read {
	*owed, *failures = 0, 0
	return Read{what: "failed refund total", query: failedRefunds, args: []any{attemptID},
		row: func(row scanner) error { return row.Scan(owed, failures) }}
}

// ReadHandledRefunds is HandledRefunds.
func ReadHandledRefunds(attemptID int64, total *int64, count *int) Read {
	*total, *count = 0, 0
	return Read{what: "handled refund total", query: handledRefunds, args: []any{attemptID},
		row: func(row scanner) error { return row.Scan(total, count) }}
}
