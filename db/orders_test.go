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
			Icon: "coffee", Currency: "USD", Price: 1850}
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
		guest := newOrder(t, d, "ORD-GUEST", 0, "USD", 1850)
		owned := newOrder(t, d, "ORD-OWNED", buyer, "JPY", 9_000_000_000) // past 32 bits

		got, err := d.OrderByRef(ctx, "ORD-GUEST")
		check(t, err)
		eq(t, got, guest, "a guest's order by ref (BuyerID 0)")
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

		changed, err = d.ClaimGuestOrder(ctx, "ORD-OWNED", buyer+1, t1)
		ok(t, changed, err, false, "claiming a buyer's order")
		changed, err = d.ClaimGuestOrder(ctx, "ORD-GUEST", buyer, t2)
		ok(t, changed, err, true, "claiming a guest's order")
		changed, err = d.ClaimGuestOrder(ctx, "ORD-GUEST", buyer+1, t2)
		ok(t, changed, err, false, "claiming it again")
		got, _ = d.OrderByRef(ctx, "ORD-GUEST")
		eq(t, got.BuyerID, buyer, "the claimed order's buyer")
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
		changed, err := d.ClaimManualCheck(ctx, id, t0, t1)
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
		changed, err = d.SettleAttempt(ctx, id, db.AttemptSuccess, "SUCCESS", "", t2, t2)
		ok(t, changed, err, true, "settle")
		changed, err = d.SettleAttempt(ctx, id, db.AttemptFail, "ORDER_IS_CLOSED", "", t2, t2)
		ok(t, changed, err, false, "settle a final attempt")
		got, _ = d.AttemptByID(ctx, id)
		eq(t, []any{got.Status, got.ResultCode, got.PaymentID, got.PaidAt}, []any{db.AttemptSuccess, "SUCCESS", "PAY-1", t2},
			"settled (an empty paymentId keeps the one known)")
		check(t, d.ScheduleCheck(ctx, id, t0.Add(time.Hour), t2))
		got, _ = d.AttemptByID(ctx, id)
		eq(t, got.Checks, 1, "checks of a final attempt stay")
		_, err = d.OpenAttempt(ctx, o.ID)
		is(t, err, db.ErrNotFound, "open attempt once settled")
		due, err = d.AttemptsToCheck(ctx, t0.Add(time.Hour))
		check(t, err)
		eq(t, len(due), 0, "settled attempts are not checked")

		// A second attempt, once the first is final: newest first for
		// LatestAttempt, oldest first for AttemptsOfOrder.
		second := newAttempt(t, d, o, "PR-WALLET")
		changed, err = d.SettleAttempt(ctx, second.ID, db.AttemptFail, "USER_BALANCE_NOT_ENOUGH", "PAY-2", time.Time{}, t2)
		ok(t, changed, err, true, "settle the second as failed")
		latest, err := d.LatestAttempt(ctx, o.ID)
		check(t, err)
		eq(t, []any{latest.ID, latest.PaymentID, latest.PaidAt}, []any{second.ID, "PAY-2", time.Time{}}, "latest attempt")
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
