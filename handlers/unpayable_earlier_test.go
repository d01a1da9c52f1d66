package handlers

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/lang"
)

// closedByUs stores a payment of order ref that we closed ourselves
// (Antom had no such payment past its expiry: FAIL ORDER_NOT_EXIST,
// ours), started at started and still watched for a late outcome: its
// next check is at next. Antom's SUCCESS for it would pay the order.
func (ta *testApp) closedByUs(t *testing.T, ref string, started, next time.Time) int64 {
	t.Helper()
	ctx, o := context.Background(), ta.order(t, ref)
	id, err := ta.DB.InsertAttempt(ctx, db.Attempt{OrderID: o.ID, PaymentRequestID: "PR-" + ref + "-OURS", Method: db.MethodCard,
		Currency: o.Currency, Amount: o.Amount, Status: db.AttemptProcessing, CreatedAt: started,
		ExpiresAt: started.Add(14 * time.Minute), NextCheckAt: started})
	if err != nil {
		t.Fatal(err)
	}
	// Its card page was shown: a card could pay it.
	if err := ta.DB.SetAttemptRedirect(ctx, id, "https://open-sea.alipay.com/cashier/"+ref, started); err != nil {
		t.Fatal(err)
	}
	set := db.Settlement{Status: db.AttemptFail, Code: "ORDER_NOT_EXIST", Source: db.SourceOurs, NextCheckAt: next}
	if ok, err := ta.DB.SettleAttempt(ctx, id, db.AttemptProcessing, "", set, started.Add(15*time.Minute)); err != nil || !ok {
		t.Fatalf("close %s ourselves: %v %v", ref, ok, err)
	}
	return id
}

// An order no new payment of which may start — its attempts used up, or
// its product no longer for sale — whose earlier payment we closed
// ourselves is still watched does not say it can no longer be paid: that
// payment, if Antom says it went through after all, pays the order
// (checkout.Result.EarlierMayPay). Its result page and checkout page say
// that no new payment can start and that the earlier one, if it goes
// through, pays it; the badges of My orders and the result page say the
// earlier payment is being checked, not "Can no longer be paid" — in
// every language. Once the watch ends (db.EndWatch), all of them say the
// order can no longer be paid again. A press of Pay refused meanwhile
// says so too.
func TestUnpayableOrderWithAWatchedEarlierPaymentSaysItMayStillBePaid(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("earlier@example.com")
	ctx := context.Background()
	hour := ta.now.Add(-time.Hour)
	// Closed by us, then the rest of its attempts declined: "Failed".
	failed := b.buy("coffee", "1")
	failedWatch := ta.closedByUs(t, failed, hour, ta.now.Add(time.Minute))
	ta.failedAttempts(t, failed, checkout.AttemptsPerOrder-1)
	// Its last attempt closed by us: "Not confirmed".
	unconfirmed := b.buy("mug", "1")
	ta.failedAttempts(t, unconfirmed, checkout.AttemptsPerOrder-1)
	unconfirmedWatch := ta.closedByUs(t, unconfirmed, hour, ta.now.Add(time.Minute))
	// Another order past its attempts, with no payment of ours watched.
	usedUp := b.buy("coffee", "1")
	ta.failedAttempts(t, usedUp, checkout.AttemptsPerOrder)

	type says struct{ badge, headline, words string }
	pages := func(when string, want map[string]says) {
		t.Helper()
		for _, l := range lang.Languages {
			say := lang.For(l)
			p, _ := b.getIn("/orders", l.Code)
			list := html(t, p.body)
			for ref, w := range want {
				what := when + ", " + l.Code + ", " + ref
				row := list.Find(`[data-testid="order-row"][data-ref="` + ref + `"] [data-testid="order-status"]`)
				assertEqual(t, strings.Join(strings.Fields(row.Text()), " "), say.T(w.badge), what+": My orders' badge")
				p, _ := b.getIn("/orders/"+ref, l.Code)
				d := html(t, p.body)
				assertEqual(t, textOf(t, d, "result-status"), say.T(w.badge), what+": the result page's badge")
				assertEqual(t, textOf(t, d, "result-headline-text"), say.T(w.headline), what+": the result page's headline")
				assertEqual(t, textOf(t, d, "attempts-used-up-words"), say.T(w.words), what+": the result page's words")
				p, _ = b.getIn("/checkout/"+ref, l.Code)
				d = html(t, p.body)
				assertEqual(t, textOf(t, d, "attempts-used-up-words"), say.T(w.words), what+": the checkout page's words")
			}
		}
	}
	pages("watched", map[string]says{
		failed:      {"orders.state_earlier_payment", "result.head_failed", "checkout.attempts_used_up_earlier"},
		unconfirmed: {"orders.state_unconfirmed", "latecharge.head_unconfirmed_ended", "checkout.attempts_used_up_earlier"},
		usedUp:      {"orders.state_unpayable", "result.head_failed", "checkout.attempts_used_up"},
	})
	en := lang.For(lang.English)
	b.refusedAt("/checkout/"+failed, "/checkout/"+failed+"/card", nil, en.T("checkout.too_many_attempts_earlier"))

	for _, id := range []int64{failedWatch, unconfirmedWatch} {
		if ended, err := ta.DB.EndWatch(ctx, id, ta.now); err != nil || !ended {
			t.Fatalf("end watch: %v %v", ended, err)
		}
	}
	pages("watch ended", map[string]says{
		failed:      {"orders.state_unpayable", "result.head_failed", "checkout.attempts_used_up"},
		unconfirmed: {"orders.state_unconfirmed", "latecharge.head_unconfirmed_ended", "checkout.attempts_used_up"},
		usedUp:      {"orders.state_unpayable", "result.head_failed", "checkout.attempts_used_up"},
	})
	b.refusedAt("/checkout/"+failed, "/checkout/"+failed+"/card", nil, en.T("checkout.too_many_attempts"))
}

// An order whose product is no longer for sale says the same while a
// payment of it we closed is watched (checkout.not_for_sale_earlier), and
// that it can no longer be paid once Antom confirms that payment failed.
func TestNotForSaleOrderWithAWatchedEarlierPayment(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("withdrawn@example.com")
	ref := b.buy("teapot", "1")
	id := ta.closedByUs(t, ref, ta.now.Add(-time.Hour), ta.now.Add(time.Minute))
	cancelled := b.buy("teapot", "1") // its payment cancelled, then one of ours watched
	watched := ta.closedByUs(t, cancelled, ta.now.Add(-time.Hour), ta.now.Add(time.Minute))
	ta.settle(t, cancelled, ta.cardAttempt(t, cancelled, "AUTOMATIC", 14*time.Minute), db.AttemptCancelled, "ORDER_IS_CANCELED", "")
	sellCatalogFile(t, ta)
	en := lang.For(lang.English)
	check := func(when, words, badge string) {
		t.Helper()
		for _, r := range []string{ref, cancelled} {
			assertEqual(t, textOf(t, html(t, b.get("/checkout/"+r).body), "attempts-used-up-words"), en.T(words), when+": "+r+"'s checkout page")
			assertEqual(t, textOf(t, html(t, b.get("/orders/"+r).body), "attempts-used-up-words"), en.T(words), when+": "+r+"'s result page")
		}
		badges, _ := listedBadges(t, b.get("/orders").body, "order-row-ref")
		assertEqual(t, badges[cancelled], en.T(badge), when+": My orders' badge of the cancelled one")
	}
	check("watched", "checkout.not_for_sale_earlier", "orders.state_earlier_payment")
	// Antom confirms both failed (what watchClosed applies).
	for _, a := range []int64{id, watched} {
		set := db.Settlement{Status: db.AttemptFail, Code: "ORDER_NOT_EXIST", Source: db.SourceAntom}
		if ok, err := ta.DB.SettleAttempt(context.Background(), a, db.AttemptFail, db.SourceOurs, set, ta.now); err != nil || !ok {
			t.Fatalf("confirm the failure: %v %v", ok, err)
		}
	}
	check("settled by Antom", "checkout.not_for_sale", "orders.state_unpayable")
}

// The result page of such an order listens (data-live) while the earlier
// payment is watched, and its long-poll answers with the order's words
// redrawn as soon as the reconciler ends the watch a day after that
// payment started: "can no longer be paid", from the data, not from what
// the page was first told. Without the watch's end published, the poll
// would answer only after its 25 s window.
func TestResultPageRedrawsWhenTheWatchEnds(t *testing.T) {
	ta, _ := newFakeAntomApp(t)
	b := ta.client(t)
	b.signUp("watch.ends@example.com")
	ref := b.buy("coffee", "1")
	ta.closedByUs(t, ref, ta.now.Add(-lateWatchForTest-time.Minute), ta.now.Add(-time.Second)) // its day is over, its check due
	ta.failedAttempts(t, ref, checkout.AttemptsPerOrder-1)
	en := lang.For(lang.English)

	p := b.get("/orders/" + ref)
	d := html(t, p.body)
	assertEqual(t, textOf(t, d, "result-status"), en.T("orders.state_earlier_payment"), "the badge while watched")
	card := testid(d, "result")
	assertEqual(t, card.AttrOr("data-live", ""), "true", "the page listens while the earlier payment is watched")

	answer, failed := longPoll[orderStatus](t, b, card.AttrOr("data-status-url", "")+"&seen="+url.QueryEscape(card.AttrOr("data-key", "")))
	waitFor(t, func() bool { return ta.Checkout.Hub().Waiting(checkout.OrderSubject(ref)) > 0 })
	if err := ta.Checkout.Reconcile(context.Background()); err != nil {
		t.Fatal(err)
	}
	s := awaitPoll(t, answer, failed, "watch's end")
	d = html(t, s.HTML)
	assertEqual(t, textOf(t, d, "result-status"), en.T("orders.state_unpayable"), "the redrawn badge")
	assertEqual(t, textOf(t, d, "attempts-used-up-words"), en.T("checkout.attempts_used_up"), "the redrawn words")
	assertEqual(t, testid(d, "result").AttrOr("data-live", ""), "false", "the page no longer listens")
	a, err := ta.DB.AttemptByRequestID(context.Background(), "PR-"+ref+"-OURS")
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, a.NextCheckAt.IsZero(), true, "the watch ended")
}

// lateWatchForTest is checkout's lateWatch: how long a payment we closed
// is watched after it started.
const lateWatchForTest = 24 * time.Hour
