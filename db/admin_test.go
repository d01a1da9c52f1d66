package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

func TestSearchOrders(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		ann := newBuyer(t, d, "Ann.Lee@Example.com")
		paidAttempt(t, d, "ORD-NONE", "USD", 1000, t0)
		partialOrder, partial := paidAttempt(t, d, "ORD-PART", "USD", 1000, t0)
		_, full := paidAttempt(t, d, "ORD-FULL", "USD", 1000, t0)
		_, pending := paidAttempt(t, d, "ORD-PEND", "USD", 1000, t0)
		newOrder(t, d, "ORD-OPEN_100%", ann, "JPY", 500)
		refund := func(a db.Attempt, reqID string, amount int64, status string) {
			t.Helper()
			id, err := d.InsertRefund(ctx, db.Refund{OrderID: a.OrderID, AttemptID: a.ID, RefundRequestID: reqID, Currency: "USD",
				Amount: amount, Status: db.RefundProcessing, CreatedAt: t0})
			check(t, err)
			if status != db.RefundProcessing {
				changed, err := d.SettleRefund(ctx, id, db.RefundProcessing, "", status, status, "", db.SourceAntom, t0, t0)
				ok(t, changed, err, true, "settle "+reqID)
			}
		}
		refund(partial, "RF-P1", 300, db.RefundSuccess)
		refund(partial, "RF-P2", 200, db.RefundFail)
		refund(full, "RF-F1", 600, db.RefundSuccess)
		refund(full, "RF-F2", 400, db.RefundSuccess)
		refund(pending, "RF-X1", 100, db.RefundProcessing)
		x1, err := d.RefundByRequestID(ctx, "RF-X1")
		check(t, err)
		check(t, d.SetRefundID(ctx, x1.ID, "REFUND-X1", t0))

		refs := func(s db.OrderSearch) []string { t.Helper(); return searchRefs(t, d, s) }
		eq(t, refs(db.OrderSearch{}), []string{"ORD-OPEN_100%", "ORD-PEND", "ORD-FULL", "ORD-PART", "ORD-NONE"}, "all, newest first")
		eq(t, refs(db.OrderSearch{Limit: 2, Offset: 1}), []string{"ORD-PEND", "ORD-FULL"}, "a page")
		eq(t, refs(db.OrderSearch{Text: "ord-p"}), []string{"ORD-PEND", "ORD-PART"}, "part of a ref, in another case")
		eq(t, refs(db.OrderSearch{Text: "ann.LEE@example"}), []string{"ORD-OPEN_100%"}, "part of an email, in another case")
		eq(t, refs(db.OrderSearch{Text: "_100%"}), []string{"ORD-OPEN_100%"}, "LIKE's wildcards match themselves")
		eq(t, refs(db.OrderSearch{Text: "ORD_NONE"}), []string{}, "_ is no wildcard")
		eq(t, refs(db.OrderSearch{Text: "PR-ORD-FULL"}), []string{"ORD-FULL"}, "a whole paymentRequestId")
		eq(t, refs(db.OrderSearch{Text: "PAY-ORD-NONE"}), []string{"ORD-NONE"}, "a whole paymentId")
		eq(t, refs(db.OrderSearch{Text: "PAY-ORD"}), []string{}, "part of a paymentId")
		eq(t, refs(db.OrderSearch{Text: "RF-P2"}), []string{"ORD-PART"}, "a whole refundRequestId")
		eq(t, refs(db.OrderSearch{Text: "rf-p2"}), []string{"ORD-PART"}, "a whole refundRequestId in lower case")
		eq(t, refs(db.OrderSearch{Text: "pr-ord-full"}), []string{"ORD-FULL"}, "a whole paymentRequestId in lower case")
		eq(t, refs(db.OrderSearch{Text: "REFUND-X1"}), []string{"ORD-PEND"}, "a whole refundId")
		eq(t, refs(db.OrderSearch{Text: "RF-P"}), []string{}, "part of a refundRequestId")
		// The test settles attempts only: each order stays OPEN, and is
		// paid by its SUCCESS attempt, as the buyer's page says.
		eq(t, refs(db.OrderSearch{State: "paid"}), []string{"ORD-PEND", "ORD-NONE"}, "paid, nothing refunded")
		eq(t, refs(db.OrderSearch{State: "partially-refunded"}), []string{"ORD-PART"}, "partly refunded")
		eq(t, refs(db.OrderSearch{State: "refunded"}), []string{"ORD-FULL"}, "fully refunded")
		eq(t, refs(db.OrderSearch{State: "unpaid"}), []string{"ORD-OPEN_100%"}, "never tried to pay")
		eq(t, refs(db.OrderSearch{Tried: true}), []string{"ORD-PEND", "ORD-FULL", "ORD-PART", "ORD-NONE"}, "tried to pay")
		eq(t, refs(db.OrderSearch{RefundProcessing: true}), []string{"ORD-PEND"}, "a refund under way")
		eq(t, refs(db.OrderSearch{Text: "ORD", State: "partially-refunded"}), []string{"ORD-PART"}, "text and state together")

		rows, err := d.SearchOrders(ctx, db.OrderSearch{Text: "ORD-PART", Limit: 10})
		check(t, err)
		want := db.OrderListRow{Order: partialOrder, Paid: 1000, Refunded: 300, RefundFailed: true, Attempt: db.Attempt{ID: partial.ID,
			Status: db.AttemptSuccess, Method: db.MethodWallet, CaptureMode: partial.CaptureMode, FinalSource: db.SourceAntom}}
		eq(t, rows, []db.OrderListRow{want}, "a row: the order, its buyer's attempt, what it took and what was refunded")
		rows, err = d.SearchOrders(ctx, db.OrderSearch{Text: "ORD-OPEN", Limit: 10})
		check(t, err)
		eq(t, []any{rows[0].BuyerEmail, rows[0].Attempt, rows[0].Refunded, rows[0].RefundProcessing},
			[]any{"Ann.Lee@Example.com", db.Attempt{}, int64(0), false}, "an open order of a buyer")
		rows, err = d.SearchOrders(ctx, db.OrderSearch{Text: "ORD-PEND", Limit: 10})
		check(t, err)
		eq(t, [2]any{rows[0].BuyerEmail, rows[0].RefundProcessing}, [2]any{"", true}, "a guest's order with a refund under way")

		// ORD-PART's failed refund waits for staff until refunds of the
		// payment after it make it good; an automatic one that failed is
		// counted elsewhere (AutomaticRefunds).
		failed := func(want int, wantPart int64, what string) {
			t.Helper()
			failed, err := d.CountRefundsFailed(ctx)
			check(t, err)
			n := failed.Open
			part, err := d.FailedRefundTotal(ctx, partial.ID)
			check(t, err)
			eq(t, [2]any{n, part}, [2]any{want, wantPart}, what)
		}
		failed(1, 200, "a failed refund, nothing after it")
		eq(t, refs(db.OrderSearch{RefundFailed: true}), []string{"ORD-PART"}, "a failed refund not made again")
		refund(partial, "RF-P3", 200, db.RefundFail)
		failed(2, 400, "two failed refunds")
		// A smaller refund after them leaves the rest owed.
		refund(partial, "RF-P4", 100, db.RefundProcessing)
		failed(2, 300, "a smaller refund after them")
		eq(t, refs(db.OrderSearch{RefundFailed: true}), []string{"ORD-PART"}, "the rest still owed")
		refund(partial, "RF-P5", 300, db.RefundSuccess)
		failed(0, 0, "refunded again")
		eq(t, refs(db.OrderSearch{RefundFailed: true}), []string{}, "nothing failed is left")
		_, err = d.InsertRefund(ctx, db.Refund{OrderID: full.OrderID, AttemptID: full.ID, RefundRequestID: "RF-AUTO",
			Currency: "USD", Amount: 10, Status: db.RefundFail, CreatedAt: t0, Automatic: true})
		check(t, err)
		failed(0, 0, "an automatic refund that failed")
	})
}

// The list's states follow the attempt the buyer's page is about: a card
// payment whose hosted page was opened is not finished (card-page), not
// processing, until it is cancelled or settles.
func TestSearchOrdersByState(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		newOrder(t, d, "ORD-NEVER", 0, "USD", 100)
		newAttempt(t, d, newOrder(t, d, "ORD-WALLET", 0, "USD", 100), "PR-WALLET")
		card := func(o db.Order) db.Attempt {
			t.Helper()
			a := db.Attempt{OrderID: o.ID, PaymentRequestID: "PR-CARD-" + o.Ref, Method: db.MethodCard, Currency: "USD", Amount: 100,
				Status: db.AttemptProcessing, ExpiresAt: t0.Add(time.Hour), NextCheckAt: t0.Add(time.Hour), CreatedAt: t0}
			id, err := d.InsertAttempt(ctx, a)
			check(t, err)
			check(t, d.SetAttemptRedirect(ctx, id, "https://antom.example/card?id="+o.Ref, t0))
			a.ID = id
			return a
		}
		fail := func(o db.Order) {
			t.Helper()
			a := newAttempt(t, d, o, "PR-"+o.Ref)
			changed, err := d.SettleAttempt(ctx, a.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail, Code: "RISK_REJECT", Source: db.SourceAntom}, t0)
			ok(t, changed, err, true, "fail the attempt")
		}
		card(newOrder(t, d, "ORD-CARDPAGE", 0, "USD", 100))
		leaving := card(newOrder(t, d, "ORD-LEAVING", 0, "USD", 100))
		changed, err := d.RequestCancel(ctx, leaving.ID, "", t0)
		ok(t, changed, err, true, "ask to cancel")
		fail(newOrder(t, d, "ORD-FAILED", 0, "USD", 100))
		// A failed attempt, then the card page: the latest attempt counts.
		retried := newOrder(t, d, "ORD-RETRIED", 0, "USD", 100)
		fail(retried)
		card(retried)

		for state, want := range map[string][]string{
			"unpaid":     {"ORD-NEVER"},
			"processing": {"ORD-WALLET"},
			"card-page":  {"ORD-RETRIED", "ORD-CARDPAGE"},
			"cancelling": {"ORD-LEAVING"},
			"failed":     {"ORD-FAILED"},
			"paid":       {},
		} {
			eq(t, searchRefs(t, d, db.OrderSearch{State: state}), want, state)
		}
	})
}

// searchRefs is the refs of the orders s finds (50 at most when s sets no
// limit), newest first.
func searchRefs(t *testing.T, d *db.DB, s db.OrderSearch) []string {
	t.Helper()
	if s.Limit == 0 {
		s.Limit = 50
	}
	rows, err := d.SearchOrders(ctx, s)
	check(t, err)
	out := []string{}
	for _, r := range rows {
		out = append(out, r.Ref)
	}
	return out
}

func TestDashboard(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		h := time.Hour
		paidAttempt(t, d, "ORD-1", "USD", 1000, t0)
		paidAttempt(t, d, "ORD-2", "USD", 9_000_000_000, t0.Add(10*time.Minute))
		paidAttempt(t, d, "ORD-3", "JPY", 500, t0.Add(2*h))
		paidAttempt(t, d, "ORD-OLD", "JPY", 700, t0.Add(-2*h))
		failed := newAttempt(t, d, newOrder(t, d, "ORD-F", 0, "USD", 100), "PR-F")
		changed, err := d.SettleAttempt(ctx, failed.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail,
			Code: "USER_BALANCE_NOT_ENOUGH", Source: db.SourceAntom}, t0)
		ok(t, changed, err, true, "fail an attempt")
		// Closed by us: Antom had no such payment past its expiry. Final,
		// not successful, and not Antom's failure: counted apart.
		ours := newAttempt(t, d, newOrder(t, d, "ORD-U", 0, "USD", 100), "PR-U")
		changed, err = d.SettleAttempt(ctx, ours.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail,
			Code: "ORDER_NOT_EXIST", Source: db.SourceOurs, NextCheckAt: t0.Add(time.Minute)}, t0)
		ok(t, changed, err, true, "close an attempt ourselves")
		newAttempt(t, d, newOrder(t, d, "ORD-P", 0, "USD", 100), "PR-P")

		totals, err := d.PaymentsSince(ctx, t0)
		check(t, err)
		eq(t, totals, []db.CurrencyTotal{{"JPY", 1, 500}, {"USD", 2, 9_000_001_000}}, "payments since, per currency")

		// Every attempt above was created at t0.
		succeeded, final, unconfirmed, err := d.AttemptOutcomesSince(ctx, t0)
		check(t, err)
		eq(t, [3]int{succeeded, final, unconfirmed}, [3]int{4, 6, 1}, "succeeded, final and unconfirmed attempts")
		succeeded, final, unconfirmed, err = d.AttemptOutcomesSince(ctx, t0.Add(time.Second))
		check(t, err)
		eq(t, [3]int{succeeded, final, unconfirmed}, [3]int{0, 0, 0}, "none started later")

		open, err := d.CountOpenAttemptsBefore(ctx, t0.Add(time.Second))
		check(t, err)
		eq(t, open, db.OpenAttempts{Processing: 1}, "attempts processing started before a time")
		open, err = d.CountOpenAttemptsBefore(ctx, t0)
		check(t, err)
		eq(t, open, db.OpenAttempts{}, "none started before t0")
		for _, ref := range []string{"ORD-CP", "ORD-CC"} {
			o := newOrder(t, d, ref, 0, "USD", 100)
			id, err := d.InsertAttempt(ctx, db.Attempt{OrderID: o.ID, PaymentRequestID: "PR-" + ref, Method: db.MethodCard, Currency: "USD",
				Amount: 100, Status: db.AttemptProcessing, ExpiresAt: t0.Add(h), NextCheckAt: t0.Add(h), CreatedAt: t0})
			check(t, err)
			check(t, d.SetAttemptRedirect(ctx, id, "https://antom.example/card", t0))
			if ref == "ORD-CC" {
				changed, err := d.RequestCancel(ctx, id, "", t0)
				ok(t, changed, err, true, "ask to cancel")
			}
		}
		open, err = d.CountOpenAttemptsBefore(ctx, t0.Add(time.Second))
		check(t, err)
		eq(t, open, db.OpenAttempts{Processing: 1, CardPage: 1, Cancelling: 1}, "a card page left open and one being cancelled are not processing")
		// A buyer back from the card page (/return) is no longer on it:
		// their payment is being confirmed (their page says so), and so is
		// it counted; a cancel asked for still counts as cancelling.
		for _, ref := range []string{"ORD-CR", "ORD-CRC"} {
			o := newOrder(t, d, ref, 0, "USD", 100)
			id, err := d.InsertAttempt(ctx, db.Attempt{OrderID: o.ID, PaymentRequestID: "PR-" + ref, Method: db.MethodCard, Currency: "USD",
				Amount: 100, Status: db.AttemptProcessing, ExpiresAt: t0.Add(h), NextCheckAt: t0.Add(h), CreatedAt: t0})
			check(t, err)
			check(t, d.SetAttemptRedirect(ctx, id, "https://antom.example/card", t0))
			changed, err := d.MarkReturned(ctx, id, t0)
			ok(t, changed, err, true, "mark returned")
			if ref == "ORD-CRC" {
				changed, err := d.RequestCancel(ctx, id, "", t0)
				ok(t, changed, err, true, "ask to cancel")
			}
		}
		open, err = d.CountOpenAttemptsBefore(ctx, t0.Add(time.Second))
		check(t, err)
		eq(t, open, db.OpenAttempts{Processing: 2, CardPage: 1, Cancelling: 2}, "a buyer back from the card page is being confirmed, not on the card page")

		minutes, err := d.PaymentsPerMinute(ctx, t0.Add(-h))
		check(t, err)
		m := time.Minute
		eq(t, minutes, []db.MinuteCount{{t0.Truncate(m), 1}, {t0.Add(10 * m).Truncate(m), 1}, {t0.Add(2 * h).Truncate(m), 1}}, "payments per minute (UTC)")
		paidAttempt(t, d, "ORD-4", "USD", 100, t0.Add(59*time.Second)) // the same minute as t0's
		minutes, err = d.PaymentsPerMinute(ctx, t0.Add(time.Minute))
		check(t, err)
		eq(t, minutes, []db.MinuteCount{{t0.Add(10 * m).Truncate(m), 1}, {t0.Add(2 * h).Truncate(m), 1}}, "payments per minute since 10:01")
		minutes, err = d.PaymentsPerMinute(ctx, t0.Truncate(m))
		check(t, err)
		eq(t, minutes[0], db.MinuteCount{Minute: t0.Truncate(m), Count: 2}, "two payments in one minute")

		n, err := d.CountRefundsProcessing(ctx)
		check(t, err)
		eq(t, n, 0, "refunds processing")
		_, a := paidAttempt(t, d, "ORD-R", "USD", 100, t0)
		_, err = d.InsertRefund(ctx, db.Refund{OrderID: a.OrderID, AttemptID: a.ID, RefundRequestID: "RF-1", Currency: "USD",
			Amount: 50, Status: db.RefundProcessing, CreatedAt: t0})
		check(t, err)
		n, err = d.CountRefundsProcessing(ctx)
		check(t, err)
		eq(t, n, 1, "refunds processing")
	})
}

func TestOpenAuthorizationsAndRefundsSince(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		authorize := func(ref, currency string, amount int64, orderStatus string) {
			t.Helper()
			o := newOrder(t, d, ref, 0, currency, amount)
			a := db.Attempt{OrderID: o.ID, PaymentRequestID: "PR-" + ref, Method: db.MethodCard, Currency: currency,
				Amount: amount, Status: db.AttemptProcessing, ExpiresAt: t0.Add(time.Hour), NextCheckAt: t0, CreatedAt: t0,
				CaptureMode: "MANUAL"}
			id, err := d.InsertAttempt(ctx, a)
			check(t, err)
			changed, err := d.SettleAttempt(ctx, id, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptSuccess,
				Code: "SUCCESS", PaymentID: "PAY-" + ref, PaidAt: t0, Source: db.SourceAntom}, t0)
			ok(t, changed, err, true, "authorize "+ref)
			changed, err = d.SetOrderStatus(ctx, o.ID, db.OrderOpen, orderStatus, t0)
			ok(t, changed, err, true, ref+" to "+orderStatus)
		}
		authorize("ORD-A1", "USD", 1000, db.OrderAuthorized)
		authorize("ORD-A2", "USD", 250, db.OrderAuthorized)
		authorize("ORD-A3", "JPY", 900, db.OrderAuthorized)
		authorize("ORD-CAPTURED", "USD", 5000, db.OrderPaid)
		paidAttempt(t, d, "ORD-WALLET", "USD", 7000, t0)
		totals, err := d.OpenAuthorizations(ctx)
		check(t, err)
		eq(t, totals, []db.CurrencyTotal{{"JPY", 1, 900}, {"USD", 2, 1250}},
			"authorized orders only (not captured ones, not wallet payments), per currency")

		_, a := paidAttempt(t, d, "ORD-R", "USD", 10_000, t0)
		refund := func(reqID string, amount int64, automatic bool, status string, at time.Time) {
			t.Helper()
			id, err := d.InsertRefund(ctx, db.Refund{OrderID: a.OrderID, AttemptID: a.ID, RefundRequestID: reqID, Currency: "USD",
				Amount: amount, Status: db.RefundProcessing, CreatedAt: at, Automatic: automatic})
			check(t, err)
			if status != db.RefundProcessing {
				changed, err := d.SettleRefund(ctx, id, db.RefundProcessing, "", status, status, "", db.SourceAntom, at, at)
				ok(t, changed, err, true, "settle "+reqID)
			}
		}
		refund("RF-OLD", 100, false, db.RefundSuccess, t0.Add(-time.Hour))
		refund("RF-1", 300, false, db.RefundSuccess, t0)
		refund("RF-2", 200, false, db.RefundSuccess, t0.Add(time.Minute))
		refund("RF-FAIL", 400, false, db.RefundFail, t0)
		refund("RF-PROC", 500, false, db.RefundProcessing, t0)
		refund("RF-AUTO", 600, true, db.RefundSuccess, t0)
		totals, err = d.RefundsSince(ctx, t0)
		check(t, err)
		eq(t, totals, []db.CurrencyTotal{{"USD", 2, 500}},
			"staff refunds that succeeded since the time (not older, failed, processing or automatic ones)")
	})
}

// The success rate's counts leave out an attempt the buyer left to pay
// another way (MarkAbandoned) once it is cancelled: the buyer's choice,
// not a failed payment.
func TestAttemptOutcomesLeaveOutPayAnotherWay(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		var succeeded, final int
		var err error
		// An attempt the buyer left to pay another way, then cancelled, is
		// no failure: not counted. One they left that failed or succeeded
		// after all counts as such.
		settled := func(ref, status string, abandoned bool) {
			t.Helper()
			a := newAttempt(t, d, newOrder(t, d, ref, 0, "USD", 100), "PR-"+ref)
			if abandoned {
				changed, err := d.MarkAbandoned(ctx, a.ID, t0)
				ok(t, changed, err, true, "mark "+ref+" abandoned")
				changed, err = d.MarkAbandoned(ctx, a.ID, t0.Add(time.Minute))
				ok(t, changed, err, false, "mark "+ref+" abandoned again")
			}
			changed, err := d.SettleAttempt(ctx, a.ID, db.AttemptProcessing, "", db.Settlement{Status: status, Code: status,
				PaymentID: "PAY-" + ref, PaidAt: t0, Source: db.SourceAntom}, t0)
			ok(t, changed, err, true, "settle "+ref)
		}
		settled("ORD-LEFT", db.AttemptCancelled, true)
		succeeded, final, _, err = d.AttemptOutcomesSince(ctx, t0)
		check(t, err)
		eq(t, [2]int{succeeded, final}, [2]int{0, 0}, "an attempt left to pay another way, cancelled")
		settled("ORD-LEFT-PAID", db.AttemptSuccess, true)
		settled("ORD-LEFT-FAILED", db.AttemptFail, true)
		settled("ORD-CANCELLED", db.AttemptCancelled, false)
		succeeded, final, _, err = d.AttemptOutcomesSince(ctx, t0)
		check(t, err)
		eq(t, [2]int{succeeded, final}, [2]int{1, 3}, "left but paid or failed after all, and a cancel the buyer did not choose, count")
	})
}

// An attempt we closed before its buyer could act and followed at once
// with a new one (MarkClosedUnseen: a pay answer without a payment page)
// is no failed payment: the success rate leaves it out; the attempt that
// followed counts as it ends.
func TestAttemptOutcomesLeaveOutClosedUnseen(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o := newOrder(t, d, "ORD-NOPAGE", 0, "USD", 100)
		first := newAttempt(t, d, o, "PR-NOPAGE-1")
		changed, err := d.MarkClosedUnseen(ctx, first.ID)
		ok(t, changed, err, false, "mark an open attempt closed unseen")
		changed, err = d.SettleAttempt(ctx, first.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptCancelled,
			Code: "ORDER_IS_CANCELED", PaymentID: "PAY-NOPAGE-1", Source: db.SourceAntom}, t0)
		ok(t, changed, err, true, "cancel the first attempt")
		changed, err = d.MarkClosedUnseen(ctx, first.ID)
		ok(t, changed, err, true, "mark it closed unseen")
		changed, err = d.MarkClosedUnseen(ctx, first.ID)
		ok(t, changed, err, false, "mark it again")
		succeeded, final, _, err := d.AttemptOutcomesSince(ctx, t0)
		check(t, err)
		eq(t, [2]int{succeeded, final}, [2]int{0, 0}, "closed unseen")

		second := newAttempt(t, d, o, "PR-NOPAGE-2")
		changed, err = d.SettleAttempt(ctx, second.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptSuccess,
			Code: "SUCCESS", PaymentID: "PAY-NOPAGE-2", PaidAt: t0, Source: db.SourceAntom}, t0)
		ok(t, changed, err, true, "pay the second attempt")
		succeeded, final, _, err = d.AttemptOutcomesSince(ctx, t0)
		check(t, err)
		eq(t, [2]int{succeeded, final}, [2]int{1, 1}, "closed unseen, then paid")

		// A cancel of ours the buyer did see (not so marked) is a failed
		// payment still.
		other := newAttempt(t, d, newOrder(t, d, "ORD-SEEN", 0, "USD", 100), "PR-SEEN")
		changed, err = d.SettleAttempt(ctx, other.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptCancelled,
			Code: "ORDER_IS_CANCELED", PaymentID: "PAY-SEEN", Source: db.SourceAntom}, t0)
		ok(t, changed, err, true, "cancel another attempt")
		succeeded, final, _, err = d.AttemptOutcomesSince(ctx, t0)
		check(t, err)
		eq(t, [2]int{succeeded, final}, [2]int{1, 2}, "and a cancel the buyer saw")
	})
}
