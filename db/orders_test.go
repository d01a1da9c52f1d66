package db_test

import (
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

func TestProducts(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		ps, err := d.Products(ctx)
		check(t, err)
		var slugs []string
		for _, p := range ps {
			slugs = append(slugs, p.Slug)
		}
		eq(t, slugs, []string{"coffee", "mug", "notebook", "matcha", "furoshiki", "teapot", "coldbrew"}, "the catalogue in its order")
		coffee := db.Product{ID: ps[0].ID, Slug: "coffee", Name: "Single-origin coffee beans", Description: "250 g, roasted this week.",
			Icon: "coffee", Currency: "USD", Price: 1850, Demo: true, WordsOnce: true} // the demo shop's, no sync yet
		eq(t, ps[0], coffee, "the first product")

		p, err := d.ProductBySlug(ctx, "coffee")
		check(t, err)
		eq(t, p, coffee, "by slug")
		p, err = d.ProductByID(ctx, coffee.ID)
		check(t, err)
		eq(t, p, coffee, "by id")
		_, err = d.ProductBySlug(ctx, "tea")
		is(t, err, db.ErrNotFound, "unknown slug")
		_, err = d.ProductByID(ctx, 1000)
		is(t, err, db.ErrNotFound, "unknown id")
	})
}

func TestOrders(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		buyer := newBuyer(t, d, "ann@example.com")
		guest := newGuestOrder(t, d, "ORD-GUEST", "K1", "USD", 1850)
		owned := newOrder(t, d, "ORD-OWNED", buyer, "JPY", 9_000_000_000) // past 32 bits

		got, err := d.OrderByRef(ctx, "ORD-GUEST")
		check(t, err)
		eq(t, got, guest, "a guest's order by ref (BuyerID 0, its guest key)")
		got, err = d.OrderByID(ctx, owned.ID)
		check(t, err)
		eq(t, got, owned, "a buyer's order by id")
		_, err = d.OrderByRef(ctx, "ORD-NONE")
		is(t, err, db.ErrNotFound, "unknown ref")
		_, err = d.OrderByID(ctx, owned.ID+100)
		is(t, err, db.ErrNotFound, "unknown id")
		_, err = d.InsertOrder(ctx, db.Order{Ref: "ORD-GUEST", ProductID: 1, Quantity: 1, Currency: "USD", Amount: 1, Status: db.OrderOpen, CreatedAt: t0})
		if err == nil {
			t.Error("a second order with the same ref was inserted")
		}

		t1, t2 := t0.Add(time.Minute), t0.Add(2*time.Minute)
		changed, err := d.SetOrderStatus(ctx, guest.ID, db.OrderProcessing, db.OrderPaid, t1)
		ok(t, changed, err, false, "status change from a status the order is not in")
		changed, err = d.SetOrderStatus(ctx, guest.ID, db.OrderOpen, db.OrderProcessing, t1)
		ok(t, changed, err, true, "OPEN → PROCESSING")
		got, _ = d.OrderByID(ctx, guest.ID)
		eq(t, [2]any{got.Status, got.PaidAt}, [2]any{db.OrderProcessing, time.Time{}}, "status and paid time, not paid yet")
		eq(t, got.UpdatedAt, t1, "updated")
		changed, err = d.SetOrderStatus(ctx, guest.ID, db.OrderProcessing, db.OrderPaid, t2)
		ok(t, changed, err, true, "PROCESSING → PAID")
		got, _ = d.OrderByID(ctx, guest.ID)
		eq(t, [2]any{got.Status, got.PaidAt}, [2]any{db.OrderPaid, t2}, "status and paid time")

		changed, err = d.ClaimGuestOrder(ctx, "ORD-OWNED", "K1", buyer+1, t1)
		ok(t, changed, err, false, "claiming a buyer's order")
		changed, err = d.ClaimGuestOrder(ctx, "ORD-GUEST", "K2", buyer, t2)
		ok(t, changed, err, false, "claiming a guest's order with another browser's key")
		changed, err = d.ClaimGuestOrder(ctx, "ORD-GUEST", "", buyer, t2)
		ok(t, changed, err, false, "claiming a guest's order with no key")
		changed, err = d.ClaimGuestOrder(ctx, "ORD-GUEST", "K1", buyer, t2)
		ok(t, changed, err, true, "claiming a guest's order")
		changed, err = d.ClaimGuestOrder(ctx, "ORD-GUEST", "K1", buyer+1, t2)
		ok(t, changed, err, false, "claiming it again")
		got, _ = d.OrderByRef(ctx, "ORD-GUEST")
		eq(t, got.BuyerID, buyer, "the claimed order's buyer")

		// Its payment cancelled at Antom after it was paid: nothing is paid.
		changed, err = d.SetOrderStatus(ctx, guest.ID, db.OrderPaid, db.OrderOpen, t2)
		ok(t, changed, err, true, "PAID → OPEN")
		got, _ = d.OrderByID(ctx, guest.ID)
		eq(t, [2]any{got.Status, got.PaidAt}, [2]any{db.OrderOpen, time.Time{}}, "no paid time once open again")
	})
}

func TestAttempts(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o := newOrder(t, d, "ORD-1", 0, "USD", 1850)
		card := db.Attempt{OrderID: o.ID, PaymentRequestID: "PR-CARD", Method: db.MethodCard, Currency: "USD", Amount: 1850,
			Status: db.AttemptProcessing, ExpiresAt: t0.Add(time.Hour), NextCheckAt: t0.Add(time.Minute), CreatedAt: t0,
			KeepCard: true, CaptureMode: "MANUAL"}
		id, err := d.InsertAttempt(ctx, card)
		check(t, err)
		card.ID, card.UpdatedAt = id, t0
		got, err := d.AttemptByID(ctx, id)
		check(t, err)
		eq(t, got, card, "a card attempt by id (KeepCard true, no wallet, no card)")

		_, err = d.InsertAttempt(ctx, db.Attempt{OrderID: o.ID, PaymentRequestID: "PR-TWO", Method: db.MethodWallet,
			Currency: "USD", Amount: 1850, Status: db.AttemptProcessing, ExpiresAt: t0, NextCheckAt: t0, CreatedAt: t0})
		is(t, err, db.ErrDuplicate, "a second PROCESSING attempt for the order")

		got, err = d.OpenAttempt(ctx, o.ID)
		check(t, err)
		eq(t, got.ID, id, "the open attempt")
		got, err = d.AttemptByRequestID(ctx, "PR-CARD")
		check(t, err)
		eq(t, got.ID, id, "by paymentRequestId")
		_, err = d.AttemptByRequestID(ctx, "PR-NONE")
		is(t, err, db.ErrNotFound, "unknown paymentRequestId")
		_, err = d.AttemptByID(ctx, id+100)
		is(t, err, db.ErrNotFound, "unknown id")
		_, err = d.SuccessfulAttempt(ctx, o.ID)
		is(t, err, db.ErrNotFound, "successful attempt before any")

		t1 := t0.Add(time.Minute)
		changed, err := d.SetCardPage(ctx, id, "", db.CardPageAsking, t0)
		ok(t, changed, err, true, "card page asked for")
		changed, err = d.SetCardPage(ctx, id, db.CardPageRefused, "", t1)
		ok(t, changed, err, false, "card page from a value it does not have")
		changed, err = d.SetCardPage(ctx, id, db.CardPageAsking, db.CardPageRefused, t1)
		ok(t, changed, err, true, "card page asking to refused")
		page, err := d.CardPage(ctx, id)
		check(t, err)
		eq(t, page, db.CardPageRefused, "card page refused")
		_, err = d.CardPage(ctx, id+100)
		is(t, err, db.ErrNotFound, "card page of an unknown attempt")
		check(t, d.SetAttemptRedirect(ctx, id, "https://pay.example/normal?x=1", t1))
		check(t, d.SetAttemptCard(ctx, id, "VISA", "4242", t0.Add(7*24*time.Hour), t1))
		check(t, d.SetAttemptPaymentID(ctx, id, "PAY-1", t1))
		check(t, d.SetAttemptPaymentID(ctx, id, "PAY-OTHER", t1)) // the first one stays
		check(t, d.ScheduleCheck(ctx, id, t0.Add(3*time.Minute), t1))
		got, _ = d.AttemptByID(ctx, id)
		eq(t, []any{got.RedirectURL, got.CardBrand, got.CardLast4, got.AuthExpiresAt, got.PaymentID, got.Checks, got.NextCheckAt, got.UpdatedAt},
			[]any{"https://pay.example/normal?x=1", "VISA", "4242", t0.Add(7 * 24 * time.Hour), "PAY-1", 1, t0.Add(3 * time.Minute), t1},
			"redirect, card, paymentId (first kept), checks, next check, updated")

		// The buyer's "check again" passes once per interval.
		changed, err = d.ClaimManualCheck(ctx, id, t0, t1)
		ok(t, changed, err, true, "first manual check")
		changed, err = d.ClaimManualCheck(ctx, id, t0, t1.Add(time.Second))
		ok(t, changed, err, false, "a second one within the interval")
		changed, err = d.ClaimManualCheck(ctx, id, t1.Add(time.Second), t1.Add(2*time.Second))
		ok(t, changed, err, true, "one after the interval")

		due, err := d.AttemptsToCheck(ctx, t0.Add(2*time.Minute))
		check(t, err)
		eq(t, len(due), 0, "attempts due before their next check")
		due, err = d.AttemptsToCheck(ctx, t0.Add(3*time.Minute))
		check(t, err)
		eq(t, len(due), 1, "attempts due at their next check")

		t2 := t0.Add(5 * time.Minute)
		success := db.Settlement{Status: db.AttemptSuccess, Code: "SUCCESS", PaidAt: t2, Source: db.SourceAntom}
		changed, err = d.SettleAttempt(ctx, id, db.AttemptFail, "", success, t2)
		ok(t, changed, err, false, "settle from a status the attempt is not in")
		changed, err = d.SettleAttempt(ctx, id, db.AttemptProcessing, db.SourceOurs, success, t2)
		ok(t, changed, err, false, "settle from a source the attempt does not have")
		got, _ = d.AttemptByID(ctx, id)
		eq(t, [3]any{got.Status, got.FinalSource, got.UpdatedAt}, [3]any{db.AttemptProcessing, "", t1}, "untouched by a mismatched settle")
		changed, err = d.SettleAttempt(ctx, id, db.AttemptProcessing, "", success, t2)
		ok(t, changed, err, true, "settle")
		changed, err = d.SettleAttempt(ctx, id, db.AttemptProcessing, "",
			db.Settlement{Status: db.AttemptFail, Code: "ORDER_IS_CLOSED", Source: db.SourceAntom}, t2)
		ok(t, changed, err, false, "settle a final attempt as if still PROCESSING")
		got, _ = d.AttemptByID(ctx, id)
		eq(t, []any{got.Status, got.ResultCode, got.PaymentID, got.PaidAt, got.FinalSource, got.NextCheckAt, got.UpdatedAt},
			[]any{db.AttemptSuccess, "SUCCESS", "PAY-1", t2, db.SourceAntom, time.Time{}, t2},
			"settled by Antom, nothing left to ask (an empty paymentId keeps the one known)")
		check(t, d.ScheduleCheck(ctx, id, t0.Add(time.Hour), t2.Add(time.Second)))
		got, _ = d.AttemptByID(ctx, id)
		eq(t, [3]any{got.Checks, got.NextCheckAt, got.UpdatedAt}, [3]any{1, time.Time{}, t2},
			"checks, next check and updated of an attempt nobody asks about stay")
		_, err = d.OpenAttempt(ctx, o.ID)
		is(t, err, db.ErrNotFound, "open attempt once settled")
		due, err = d.AttemptsToCheck(ctx, t0.Add(time.Hour))
		check(t, err)
		eq(t, len(due), 0, "settled attempts are not checked")

		// A second attempt, once the first is final: the one that paid
		// speaks for the order (LatestAttempt), though older; oldest first
		// for AttemptsOfOrder.
		second := newAttempt(t, d, o, "PR-WALLET")
		changed, err = d.SettleAttempt(ctx, second.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail,
			Code: "USER_BALANCE_NOT_ENOUGH", PaymentID: "PAY-2", Source: db.SourceAntom}, t2)
		ok(t, changed, err, true, "settle the second as failed")
		got, _ = d.AttemptByID(ctx, second.ID)
		eq(t, []any{got.PaymentID, got.PaidAt, got.FinalSource}, []any{"PAY-2", time.Time{}, db.SourceAntom}, "the second, failed")
		latest, err := d.LatestAttempt(ctx, o.ID)
		check(t, err)
		eq(t, latest.ID, id, "latest attempt: the one that paid, not the newer failed one")
		all, err := d.AttemptsOfOrder(ctx, o.ID)
		check(t, err)
		eq(t, []int64{all[0].ID, all[1].ID}, []int64{id, second.ID}, "attempts of the order, oldest first")
		paid, err := d.SuccessfulAttempt(ctx, o.ID)
		check(t, err)
		eq(t, paid.ID, id, "the successful attempt")
		_, err = d.LatestAttempt(ctx, o.ID+100)
		is(t, err, db.ErrNotFound, "latest attempt of an order without any")
	})
}

func TestAttemptWithWalletAndCard(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		buyer := newBuyer(t, d, "ann@example.com")
		wid := newWallet(t, d, buyer, "hash-1")
		check(t, d.KeepCard(ctx, db.Card{BuyerID: buyer, TokenSealed: []byte("sealed"), TokenHash: "card-1", Brand: "VISA", Last4: "4242", CreatedAt: t0}))
		cards, err := d.BuyerCards(ctx, buyer, db.CardActive)
		check(t, err)
		o := newOrder(t, d, "ORD-1", buyer, "USD", 100)
		a := db.Attempt{OrderID: o.ID, PaymentRequestID: "PR-1", Method: db.MethodWallet, WalletID: wid, CardID: cards[0].ID,
			Currency: "USD", Amount: 100, Status: db.AttemptProcessing, ExpiresAt: t0, NextCheckAt: t0, CreatedAt: t0}
		a.ID, err = d.InsertAttempt(ctx, a)
		check(t, err)
		a.UpdatedAt = t0
		got, err := d.AttemptByID(ctx, a.ID)
		check(t, err)
		eq(t, got, a, "an attempt with a wallet and a kept card")
	})
}

// settle writes s over an attempt read in (fromStatus, fromSource), and
// must change it.
func settle(t testing.TB, d *db.DB, id int64, fromStatus, fromSource string, s db.Settlement, now time.Time) {
	t.Helper()
	changed, err := d.SettleAttempt(ctx, id, fromStatus, fromSource, s, now)
	ok(t, changed, err, true, "settle attempt")
}

// An attempt we closed ourselves stays watched, and Antom's word later
// settles it, once.
func TestAttemptSettledByUs(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o := newOrder(t, d, "ORD-1", 0, "USD", 1850)
		a := newAttempt(t, d, o, "PR-1")
		t1, t2, watch := t0.Add(time.Minute), t0.Add(2*time.Minute), t0.Add(time.Hour)
		settle(t, d, a.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail, Code: "ORDER_NOT_EXIST",
			Source: db.SourceOurs, NextCheckAt: watch}, t1)
		got, err := d.AttemptByID(ctx, a.ID)
		check(t, err)
		eq(t, []any{got.Status, got.ResultCode, got.FinalSource, got.NextCheckAt}, []any{db.AttemptFail, "ORDER_NOT_EXIST", db.SourceOurs, watch},
			"failed by us, still watched")
		_, err = d.OpenAttempt(ctx, o.ID)
		is(t, err, db.ErrNotFound, "open attempt once failed by us")
		due, err := d.AttemptsToCheck(ctx, watch.Add(-time.Nanosecond))
		check(t, err)
		eq(t, len(due), 0, "due before its next check")
		due, err = d.AttemptsToCheck(ctx, watch)
		check(t, err)
		eq(t, len(due), 1, "due at its next check, though final")
		check(t, d.ScheduleCheck(ctx, a.ID, watch.Add(time.Hour), t1))
		got, _ = d.AttemptByID(ctx, a.ID)
		eq(t, [2]any{got.Checks, got.NextCheckAt}, [2]any{1, watch.Add(time.Hour)}, "a watched attempt's checks and next check")

		late := db.Settlement{Status: db.AttemptSuccess, Code: "SUCCESS", PaymentID: "PAY-LATE", PaidAt: t2, Source: db.SourceAntom}
		changed, err := d.SettleAttempt(ctx, a.ID, db.AttemptProcessing, "", late, t2)
		ok(t, changed, err, false, "settle it as if still PROCESSING")
		changed, err = d.SettleAttempt(ctx, a.ID, db.AttemptFail, db.SourceAntom, late, t2)
		ok(t, changed, err, false, "settle it as if Antom had failed it")
		changed, err = d.SettleAttempt(ctx, a.ID, db.AttemptFail, db.SourceOurs, late, t2)
		ok(t, changed, err, true, "Antom settles our FAIL")
		changed, err = d.SettleAttempt(ctx, a.ID, db.AttemptFail, db.SourceOurs, late, t2)
		ok(t, changed, err, false, "the same again")
		got, _ = d.AttemptByID(ctx, a.ID)
		eq(t, []any{got.Status, got.PaymentID, got.PaidAt, got.FinalSource, got.NextCheckAt},
			[]any{db.AttemptSuccess, "PAY-LATE", t2, db.SourceAntom, time.Time{}}, "settled by Antom over us")
		due, err = d.AttemptsToCheck(ctx, watch.Add(24*time.Hour))
		check(t, err)
		eq(t, len(due), 0, "nothing left to ask")
	})
}

// A cancel we ask Antom for: due at once, asked again until Antom ends
// it, never again once Antom cancelled; settling drops one still waiting.
func TestAttemptCancel(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		t1, t2, t3 := t0.Add(time.Minute), t0.Add(2*time.Minute), t0.Add(3*time.Minute)
		a := newAttempt(t, d, newOrder(t, d, "ORD-1", 0, "USD", 100), "PR-1")
		changed, err := d.SetCancelStatus(ctx, a.ID, db.CancelSuccess, time.Time{}, t1)
		ok(t, changed, err, false, "end a cancel nobody asked for")
		changed, err = d.RequestCancel(ctx, a.ID, "", t1)
		ok(t, changed, err, true, "request a cancel")
		got, _ := d.AttemptByID(ctx, a.ID)
		eq(t, []any{got.Status, got.CancelStatus, got.NextCheckAt, got.UpdatedAt}, []any{db.AttemptProcessing, db.CancelProcessing, t1, t1},
			"cancel PROCESSING and due at once")

		// Antom refuses: asked again later, and a new request is allowed.
		changed, err = d.SetCancelStatus(ctx, a.ID, db.CancelFail, t3, t2)
		ok(t, changed, err, true, "the cancel fails")
		changed, err = d.SetCancelStatus(ctx, a.ID, db.CancelSuccess, time.Time{}, t2)
		ok(t, changed, err, false, "end it again")
		got, _ = d.AttemptByID(ctx, a.ID)
		eq(t, [2]any{got.CancelStatus, got.NextCheckAt}, [2]any{db.CancelFail, t3}, "failed cancel, next check")
		changed, err = d.RequestCancel(ctx, a.ID, "", t2)
		ok(t, changed, err, true, "request it again after a FAIL")

		// Antom cancels: nothing left to ask, and no new request.
		changed, err = d.SetCancelStatus(ctx, a.ID, db.CancelSuccess, time.Time{}, t3)
		ok(t, changed, err, true, "the cancel succeeds")
		got, _ = d.AttemptByID(ctx, a.ID)
		eq(t, [3]any{got.CancelStatus, got.NextCheckAt, got.UpdatedAt}, [3]any{db.CancelSuccess, time.Time{}, t3}, "cancelled by Antom")
		changed, err = d.RequestCancel(ctx, a.ID, "", t3)
		ok(t, changed, err, false, "request a cancel Antom made already")
		due, err := d.AttemptsToCheck(ctx, t3.Add(time.Hour))
		check(t, err)
		eq(t, len(due), 0, "a cancelled attempt is not checked")

		// Settling drops a cancel still waiting — a SUCCESS leaves it in
		// doubt, asked about at DoubtCheckAt — and keeps one Antom ended.
		waiting := newAttempt(t, d, newOrder(t, d, "ORD-2", 0, "USD", 100), "PR-2")
		changed, err = d.RequestCancel(ctx, waiting.ID, "", t1)
		ok(t, changed, err, true, "request a cancel")
		settle(t, d, waiting.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail, Code: "X",
			Source: db.SourceAntom, DoubtCheckAt: t3}, t2)
		got, _ = d.AttemptByID(ctx, waiting.ID)
		eq(t, [2]any{got.CancelStatus, got.NextCheckAt}, [2]any{"", time.Time{}}, "a waiting cancel dropped by the settle")
		doubt := newAttempt(t, d, newOrder(t, d, "ORD-4", 0, "USD", 100), "PR-4")
		changed, err = d.RequestCancel(ctx, doubt.ID, "", t1)
		ok(t, changed, err, true, "request a cancel")
		settle(t, d, doubt.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptSuccess, Code: "SUCCESS",
			PaidAt: t2, Source: db.SourceAntom, DoubtCheckAt: t3}, t2)
		got, _ = d.AttemptByID(ctx, doubt.ID)
		eq(t, [2]any{got.CancelStatus, got.NextCheckAt}, [2]any{db.CancelInDoubt, t3}, "a waiting cancel in doubt after SUCCESS")
		changed, err = d.EndCancelDoubt(ctx, doubt.ID, db.CancelFail, t3)
		ok(t, changed, err, true, "the payment stands")
		got, _ = d.AttemptByID(ctx, doubt.ID)
		eq(t, [2]any{got.CancelStatus, got.NextCheckAt}, [2]any{db.CancelFail, time.Time{}}, "doubt ended")
		changed, err = d.CancelPaidAttempt(ctx, doubt.ID, t3)
		ok(t, changed, err, true, "Antom cancelled the paid attempt")
		got, _ = d.AttemptByID(ctx, doubt.ID)
		eq(t, [4]any{got.Status, got.CancelStatus, got.PaidAt, got.CancelledAfterPayment()},
			[4]any{db.AttemptCancelled, db.CancelSuccess, t2, true}, "cancelled after payment")
		changed, err = d.CancelPaidAttempt(ctx, doubt.ID, t3)
		ok(t, changed, err, false, "cancel it again")

		// Antom confirmed the cancel first, then says it had been paid:
		// paid before the cancel, the paymentId kept if known.
		_, err = d.PaidBeforeCancel(ctx, a.ID, time.Time{}, "", t3)
		if err == nil {
			t.Fatal("paid before cancel without a paid time")
		}
		changed, err = d.PaidBeforeCancel(ctx, waiting.ID, t2, "PAY-2", t3)
		ok(t, changed, err, false, "a FAIL is no cancelled payment")
		settle(t, d, a.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptCancelled, Code: "ORDER_IS_CANCELED",
			Source: db.SourceAntom}, t3)
		changed, err = d.PaidBeforeCancel(ctx, a.ID, t2, "PAY-1", t3)
		ok(t, changed, err, true, "paid before the cancel")
		got, _ = d.AttemptByID(ctx, a.ID)
		eq(t, [5]any{got.Status, got.CancelStatus, got.PaidAt, got.PaymentID, got.CancelledAfterPayment()},
			[5]any{db.AttemptCancelled, db.CancelSuccess, t2, "PAY-1", true}, "cancelled after payment")
		changed, err = d.PaidBeforeCancel(ctx, a.ID, t3, "PAY-X", t3)
		ok(t, changed, err, false, "told again")
		changed, err = d.PaidBeforeCancel(ctx, doubt.ID, t3, "PAY-X", t3)
		ok(t, changed, err, false, "cancelled after payment already")
		refused := newAttempt(t, d, newOrder(t, d, "ORD-3", 0, "USD", 100), "PR-3")
		changed, err = d.RequestCancel(ctx, refused.ID, "", t1)
		ok(t, changed, err, true, "request a cancel")
		changed, err = d.SetCancelStatus(ctx, refused.ID, db.CancelFail, t2, t1)
		ok(t, changed, err, true, "the cancel fails")
		settle(t, d, refused.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptSuccess, Code: "SUCCESS",
			PaidAt: t2, Source: db.SourceAntom}, t2)
		got, _ = d.AttemptByID(ctx, refused.ID)
		eq(t, got.CancelStatus, db.CancelFail, "a failed cancel kept by the settle")
	})
}

// CheckSoon only ever brings a check forward, and leaves an attempt
// nobody asks about alone.
func TestCheckSoon(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		t1 := t0.Add(time.Minute)
		a := newAttempt(t, d, newOrder(t, d, "ORD-1", 0, "USD", 100), "PR-1") // next check at t0+5s
		check(t, d.CheckSoon(ctx, a.ID, t0.Add(10*time.Second), t1))
		got, _ := d.AttemptByID(ctx, a.ID)
		eq(t, [2]any{got.NextCheckAt, got.UpdatedAt}, [2]any{a.NextCheckAt, t0}, "a later time leaves the check")
		check(t, d.CheckSoon(ctx, a.ID, a.NextCheckAt, t1))
		got, _ = d.AttemptByID(ctx, a.ID)
		eq(t, [2]any{got.NextCheckAt, got.UpdatedAt}, [2]any{a.NextCheckAt, t0}, "the same time leaves it")
		check(t, d.CheckSoon(ctx, a.ID, t0.Add(time.Second), t1))
		got, _ = d.AttemptByID(ctx, a.ID)
		eq(t, [2]any{got.NextCheckAt, got.UpdatedAt}, [2]any{t0.Add(time.Second), t1}, "an earlier time brings it forward")

		settle(t, d, a.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail, Code: "ORDER_CLOSED",
			Source: db.SourceAntom}, t1)
		check(t, d.CheckSoon(ctx, a.ID, t0, t1.Add(time.Second)))
		got, _ = d.AttemptByID(ctx, a.ID)
		eq(t, [2]any{got.NextCheckAt, got.UpdatedAt}, [2]any{time.Time{}, t1}, "an attempt nobody asks about stays so")
	})
}

// A late success: the attempt that paid first speaks for the order; the
// other is surplus and never counts as paying it.
func TestSurplusAttempt(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		t1, t2, t3 := t0.Add(time.Minute), t0.Add(2*time.Minute), t0.Add(3*time.Minute)
		o := newOrder(t, d, "ORD-1", 0, "USD", 100)
		first := newAttempt(t, d, o, "PR-1")
		check(t, d.SetAttemptPaymentID(ctx, first.ID, "PAY-1", t0))
		settle(t, d, first.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail, Code: "ORDER_NOT_EXIST",
			Source: db.SourceOurs, NextCheckAt: t0.Add(time.Hour)}, t1)
		second := db.Attempt{OrderID: o.ID, PaymentRequestID: "PR-2", Method: db.MethodCard, Currency: "USD", Amount: 100,
			Status: db.AttemptProcessing, ExpiresAt: t0.Add(time.Hour), NextCheckAt: t0.Add(time.Minute), CreatedAt: t1}
		var err error
		second.ID, err = d.InsertAttempt(ctx, second)
		check(t, err)
		latest, err := d.LatestAttempt(ctx, o.ID)
		check(t, err)
		eq(t, latest.ID, second.ID, "latest attempt when none paid: the newest")

		_, err = d.AttemptByPaymentID(ctx, "")
		is(t, err, db.ErrNotFound, "an empty paymentId finds nothing")
		_, err = d.AttemptByPaymentID(ctx, "PAY-NONE")
		is(t, err, db.ErrNotFound, "unknown paymentId")
		got, err := d.AttemptByPaymentID(ctx, "PAY-1")
		check(t, err)
		eq(t, got.ID, first.ID, "by paymentId")

		// The first succeeds late, and pays the order; then the second.
		settle(t, d, first.ID, db.AttemptFail, db.SourceOurs, db.Settlement{Status: db.AttemptSuccess, Code: "SUCCESS",
			PaidAt: t2, Source: db.SourceAntom}, t2)
		paying, open, err := d.PayingAndOpenAttempts(ctx, o.ID, first.ID)
		check(t, err)
		eq(t, [2]int64{paying.ID, open.ID}, [2]int64{0, second.ID}, "besides the one that paid: none paying, the second open")
		paying, open, err = d.PayingAndOpenAttempts(ctx, o.ID, second.ID)
		check(t, err)
		eq(t, [2]int64{paying.ID, open.ID}, [2]int64{first.ID, 0}, "besides the open one: the first paying, none other open")
		settle(t, d, second.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptSuccess, Code: "SUCCESS",
			PaymentID: "PAY-2", PaidAt: t3, Source: db.SourceAntom}, t3)
		paying, open, err = d.PayingAndOpenAttempts(ctx, o.ID, second.ID)
		check(t, err)
		eq(t, [2]int64{paying.ID, open.ID}, [2]int64{first.ID, 0}, "the other attempt that paid")
		paying, _, err = d.PayingAndOpenAttempts(ctx, o.ID, first.ID)
		check(t, err)
		eq(t, paying.ID, second.ID, "the other attempt that paid, before either is surplus")

		changed, err := d.MarkSurplus(ctx, second.ID, t3)
		ok(t, changed, err, true, "mark the second surplus")
		changed, err = d.MarkSurplus(ctx, second.ID, t3)
		ok(t, changed, err, false, "mark it again")
		open = newAttempt(t, d, newOrder(t, d, "ORD-2", 0, "USD", 100), "PR-3")
		changed, err = d.MarkSurplus(ctx, open.ID, t3)
		ok(t, changed, err, false, "mark an attempt that has not succeeded")
		got, _ = d.AttemptByID(ctx, open.ID)
		eq(t, got.Surplus, false, "not surplus")
		got, _ = d.AttemptByID(ctx, second.ID)
		eq(t, [3]any{got.Surplus, got.Status, got.UpdatedAt}, [3]any{true, db.AttemptSuccess, t3}, "surplus, still SUCCESS")

		paying, _, err = d.PayingAndOpenAttempts(ctx, o.ID, first.ID)
		check(t, err)
		eq(t, paying.ID, int64(0), "a surplus attempt never pays")
		paid, err := d.SuccessfulAttempt(ctx, o.ID)
		check(t, err)
		eq(t, paid.ID, first.ID, "the successful attempt: the older one that paid, not the newer surplus one")
		latest, err = d.LatestAttempt(ctx, o.ID)
		check(t, err)
		eq(t, latest.ID, first.ID, "latest attempt: the one that paid")

		// Staff's list shows the paying attempt's method and no automatic
		// refund of the surplus one.
		for _, reqID := range []string{"RF-AUTO-1", "RF-AUTO-2"} {
			_, err = d.InsertRefund(ctx, db.Refund{OrderID: o.ID, AttemptID: second.ID, RefundRequestID: reqID, Currency: "USD",
				Amount: 50, Status: db.RefundProcessing, CreatedAt: t3, Automatic: true})
			check(t, err)
		}
		r, err := d.RefundByRequestID(ctx, "RF-AUTO-1")
		check(t, err)
		changed, err = d.SettleRefund(ctx, r.ID, db.RefundProcessing, "", db.RefundSuccess, "SUCCESS", "", db.SourceAntom, t3, t3)
		ok(t, changed, err, true, "an automatic refund succeeds")
		rows, err := d.SearchOrders(ctx, db.OrderSearch{Text: "ORD-1", Limit: 10})
		check(t, err)
		eq(t, []any{len(rows), rows[0].Attempt.Method, rows[0].Refunded, rows[0].RefundProcessing}, []any{1, db.MethodWallet, int64(0), false},
			"the order's row: the paying wallet attempt, no refund of its own")
	})
}

// EndWatch ends the watch of a close of ours once: a second call, or one
// on an attempt Antom settled, changes nothing.
func TestEndWatch(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		t1 := t0.Add(time.Minute)
		ours := newAttempt(t, d, newOrder(t, d, "ORD-1", 0, "USD", 100), "PR-1")
		settle(t, d, ours.ID, db.AttemptProcessing, "", db.Settlement{Status: db.AttemptFail, Code: "ORDER_NOT_EXIST",
			Source: db.SourceOurs, NextCheckAt: t1}, t0)
		changed, err := d.EndWatch(ctx, ours.ID, t1)
		ok(t, changed, err, true, "end the watch")
		got, _ := d.AttemptByID(ctx, ours.ID)
		eq(t, got.NextCheckAt, time.Time{}, "no longer asked about")
		changed, err = d.EndWatch(ctx, ours.ID, t1)
		ok(t, changed, err, false, "end it again")
		antoms := newAttempt(t, d, newOrder(t, d, "ORD-2", 0, "USD", 100), "PR-2")
		changed, err = d.EndWatch(ctx, antoms.ID, t1)
		ok(t, changed, err, false, "an open attempt is not a watched close")
	})
}

// An attempt and its order by paymentRequestId, in one query: the same as
// reading each.
func TestAttemptAndOrderByRequestID(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		o := newOrder(t, d, "ORD-1", 0, "USD", 100)
		newOrder(t, d, "ORD-2", 0, "EUR", 200)
		a := newAttempt(t, d, o, "PR-1")
		check(t, d.SetAttemptPaymentID(ctx, a.ID, "PAY-1", t0))
		gotA, gotO, err := d.AttemptAndOrderByRequestID(ctx, "PR-1")
		check(t, err)
		wantA, err := d.AttemptByRequestID(ctx, "PR-1")
		check(t, err)
		wantO, err := d.OrderByID(ctx, o.ID)
		check(t, err)
		eq(t, gotA, wantA, "attempt")
		eq(t, gotO, wantO, "order")
		_, _, err = d.AttemptAndOrderByRequestID(ctx, "PR-NONE")
		is(t, err, db.ErrNotFound, "unknown paymentRequestId")
	})
}

// The buyer's return from the hosted page is kept on an open attempt,
// read back by every reader of attempts, and forgotten once cleared.
func TestAttemptReturned(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		t1 := t0.Add(time.Minute)
		o := newOrder(t, d, "ORD-1", 0, "USD", 100)
		a := newAttempt(t, d, o, "PR-1")
		changed, err := d.ClearReturned(ctx, a.ID, t1)
		ok(t, changed, err, false, "clear a return nobody made")
		changed, err = d.MarkReturned(ctx, a.ID, t1)
		ok(t, changed, err, true, "mark returned")
		got, _ := d.AttemptByID(ctx, a.ID)
		eq(t, got.ReturnedAt, t1, "returned at")
		_, latest, _, err := d.OrderAndLatestAttemptByRef(ctx, "ORD-1")
		check(t, err)
		eq(t, latest.ReturnedAt, t1, "returned at, with the order")
		_, narrow, err := d.CheckoutOrderByRef(ctx, "ORD-1")
		check(t, err)
		eq(t, narrow.ReturnedAt, t1, "returned at, for the checkout page")
		changed, err = d.ClearReturned(ctx, a.ID, t1)
		ok(t, changed, err, true, "clear returned")
		got, _ = d.AttemptByID(ctx, a.ID)
		eq(t, got.ReturnedAt, time.Time{}, "returned at, cleared")
	})
}

// A browser's guest orders are claimed together when its buyer signs in
// (ClaimGuestOrders, by the session's guest key), and the orders of a
// session from before guest keys, which held their refs, are given its
// new key (KeyGuestOrders): never a buyer's order, another browser's, or
// one claimed already.
func TestGuestKeys(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		ann, bob := newBuyer(t, d, "ann@example.com"), newBuyer(t, d, "bob@example.com")
		newGuestOrder(t, d, "ORD-K1", "K1", "USD", 100)
		newGuestOrder(t, d, "ORD-K2", "K1", "USD", 200)
		newGuestOrder(t, d, "ORD-OTHER", "K2", "USD", 300)
		newOrder(t, d, "ORD-BOB", bob, "USD", 400)
		newOrder(t, d, "ORD-OLD1", 0, "USD", 500) // a guest's, made before guest keys
		newOrder(t, d, "ORD-OLD2", 0, "USD", 600)
		newOrder(t, d, "ORD-OLD3", 0, "USD", 700) // another old session's

		key, err := d.KeyGuestOrders(ctx, []string{"ORD-OLD1", "ORD-OLD2", "ORD-BOB", "ORD-OTHER", "ORD-NONE", "ORD-\xff"}, "K1")
		check(t, err)
		eq(t, key, "K1", "the key they hold")
		keyOf := func(ref string) string {
			t.Helper()
			o, err := d.OrderByRef(ctx, ref)
			check(t, err)
			return o.GuestKey
		}
		eq(t, []string{keyOf("ORD-OLD1"), keyOf("ORD-OLD2"), keyOf("ORD-OLD3"), keyOf("ORD-BOB"), keyOf("ORD-OTHER")},
			[]string{"K1", "K1", "", "", "K2"}, "keys after an old session's refs were keyed")
		key, err = d.KeyGuestOrders(ctx, []string{"ORD-OLD1", "ORD-OLD2"}, "K9")
		check(t, err)
		eq(t, key, "K1", "keyed again (another tab upgraded the same session first): the key they hold")
		key, err = d.KeyGuestOrders(ctx, []string{"ORD-BOB", "ORD-NONE"}, "K9")
		check(t, err)
		eq(t, key, "", "no guest order among the refs")

		n, err := d.ClaimGuestOrders(ctx, "K1", ann, t0.Add(time.Minute))
		check(t, err)
		eq(t, n, int64(4), "orders claimed at once")
		n, err = d.ClaimGuestOrders(ctx, "K1", bob, t0.Add(time.Minute))
		check(t, err)
		eq(t, n, int64(0), "claimed again by another buyer")
		n, err = d.ClaimGuestOrders(ctx, "", bob, t0.Add(time.Minute))
		check(t, err)
		eq(t, n, int64(0), "no key claims nothing")
		buyerOf := func(ref string) int64 {
			t.Helper()
			o, err := d.OrderByRef(ctx, ref)
			check(t, err)
			return o.BuyerID
		}
		eq(t, []int64{buyerOf("ORD-K1"), buyerOf("ORD-K2"), buyerOf("ORD-OLD1"), buyerOf("ORD-OLD2"), buyerOf("ORD-OTHER"), buyerOf("ORD-OLD3"), buyerOf("ORD-BOB")},
			[]int64{ann, ann, ann, ann, 0, 0, bob}, "buyers after the claim")
		o, err := d.OrderByRef(ctx, "ORD-K1")
		check(t, err)
		eq(t, o.UpdatedAt, t0.Add(time.Minute), "a claimed order's update time")
		ls, err := d.OwnedOrders(ctx, 0, "K1", 10)
		check(t, err)
		eq(t, len(ls), 0, "a claimed order is no longer the guest key's alone")
	})
}
