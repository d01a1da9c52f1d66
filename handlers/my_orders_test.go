package handlers

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

var resultStatusRE = regexp.MustCompile(`data-testid="result" data-status="([^"]+)"`)

var orderRowRE = regexp.MustCompile(`data-testid="order-row" data-ref="([^"]+)" data-status="([^"]+)"`)

// orderRows returns My orders' rows as ref → status, and the refs in
// the order shown.
func orderRows(t *testing.T, body string) (map[string]string, []string) {
	t.Helper()
	states, refs := map[string]string{}, []string{}
	for _, m := range orderRowRE.FindAllStringSubmatch(body, -1) {
		states[m[1]] = m[2]
		refs = append(refs, m[1])
	}
	return states, refs
}

func TestMyOrdersListsEachStateNewestFirst(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("orders@example.com")
	buyer := ta.buyerID(t, "orders@example.com")
	wallet := ta.insertWallet(t, buyer, "0917****123")

	unpaid := b.buy("coffee", "1")
	processing := b.buy("coffee", "1")
	ta.openAttempt(t, processing, wallet)
	failed := b.buy("mug", "1")
	ta.settle(t, failed, ta.openAttempt(t, failed, wallet), db.AttemptFail, "USER_BALANCE_NOT_ENOUGH", "")
	paid := b.buy("matcha", "2")
	ta.settle(t, paid, ta.openAttempt(t, paid, wallet), db.AttemptSuccess, "SUCCESS", "PAY-1")
	partial := b.buy("coffee", "2")
	a := ta.openAttempt(t, partial, wallet)
	ta.settle(t, partial, a, db.AttemptSuccess, "SUCCESS", "PAY-2")
	ta.refund(t, partial, a, 1000, db.RefundSuccess)
	refunded := b.buy("notebook", "1")
	a = ta.openAttempt(t, refunded, wallet)
	ta.settle(t, refunded, a, db.AttemptSuccess, "SUCCESS", "PAY-3")
	ta.refund(t, refunded, a, 725, db.RefundSuccess)
	authorized := b.buy("teapot", "1")
	a = ta.openAttempt(t, authorized, wallet)
	ta.settle(t, authorized, a, db.AttemptSuccess, "SUCCESS", "PAY-4")
	o := ta.order(t, authorized)
	if ok, err := ta.DB.SetOrderStatus(context.Background(), o.ID, db.OrderPaid, db.OrderAuthorized, ta.now); err != nil || !ok {
		t.Fatalf("order to AUTHORIZED: %v %v", ok, err)
	}
	cardPage := b.buy("furoshiki", "1")
	ta.cardAttempt(t, cardPage, antom.CaptureAutomatic, 14*time.Minute)

	// Someone else's order never shows.
	other := ta.client(t)
	other.signUp("other@example.com")
	theirs := other.buy("coffee", "1")

	p := b.get("/orders")
	assertEqual(t, p.status, http.StatusOK, "status")
	states, refs := orderRows(t, p.body)
	want := map[string]string{unpaid: "unpaid", processing: "processing", failed: "failed", paid: "paid",
		partial: "partially-refunded", refunded: "refunded", authorized: "authorized", cardPage: "card-page"}
	for ref, state := range want {
		assertEqual(t, states[ref], state, "state of "+ref)
		// The list says what the order's result page says.
		page := b.get("/orders/" + ref)
		m := resultStatusRE.FindStringSubmatch(page.body)
		if m == nil || m[1] != state {
			t.Errorf("%s: My orders says %s, its result page %v", ref, state, m)
		}
	}
	assertEqual(t, len(refs), len(want), "rows")
	assertEqual(t, refs[0], cardPage, "newest first")
	assertEqual(t, refs[len(refs)-1], unpaid, "oldest last")
	if _, ok := states[theirs]; ok {
		t.Fatal("another buyer's order is listed")
	}
	assertContains(t, p.body, `href="/orders/`+paid+`"`, "¥4,800", "2\u00a0×\u00a0Ceremonial matcha", "Partially refunded",
		">Refunded<", ">Authorized<", ">Processing<", ">Failed<", ">Not paid<", ">Not finished<", `data-testid="order-date"`,
		`aria-current="page" data-testid="nav-orders"`)
	if strings.Contains(p.body, "guest-orders-hint") {
		t.Fatal("a signed-in buyer is told about guest orders")
	}
}

func TestMyOrdersOfAGuestAreThisBrowsers(t *testing.T) {
	ta := newTestApp(t)
	guest := ta.client(t)
	empty := guest.get("/orders")
	assertEqual(t, empty.status, http.StatusOK, "status")
	assertContains(t, empty.body, `data-testid="no-orders"`, `data-testid="guest-orders-hint"`)

	mine := guest.buy("coffee", "1")
	other := ta.client(t)
	theirs := other.buy("mug", "1")

	states, _ := orderRows(t, guest.get("/orders").body)
	assertEqual(t, states[mine], "unpaid", "the guest's own order")
	if _, ok := states[theirs]; ok {
		t.Fatal("another browser's guest order is listed")
	}

	// Signing up takes the guest's orders along.
	guest.signUp("later@example.com")
	p := guest.get("/orders")
	states, _ = orderRows(t, p.body)
	assertEqual(t, states[mine], "unpaid", "the claimed order")
	if strings.Contains(p.body, "guest-orders-hint") {
		t.Fatal("signed in, still told about guest orders")
	}
}

// An order whose card payment the buyer left (Cancel on the card page) is
// still open for payment: My orders and its result page say it is not
// paid yet, never that it is cancelled, in every language.
func TestMyOrdersCancelledCardPaymentIsNotPaidYet(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("left@example.com")
	ref := b.buy("coffee", "1")
	ta.settle(t, ref, ta.cardAttempt(t, ref, antom.CaptureAutomatic, 14*time.Minute), db.AttemptCancelled, "ORDER_IS_CANCELED", "")
	for _, c := range []struct{ lang, list, wrong string }{
		{"en", "Not paid yet", "ancelled"},
		{"ko", "아직 결제되지 않음", "취소됨"},
		{"zh-Hans", "尚未付款", "已取消"},
	} {
		p, _ := b.getIn("/orders", c.lang)
		d := html(t, p.body)
		row := testid(d, "order-status")
		assertEqual(t, strings.TrimSpace(row.Text()), c.list, c.lang+": My orders")
		if row.HasClass("status-bad") {
			t.Errorf("%s: My orders shows the open order in the colour of a failure", c.lang)
		}
		p, _ = b.getIn("/orders/"+ref, c.lang)
		d = html(t, p.body)
		assertEqual(t, textOf(t, d, "result-status"), c.list, c.lang+": result page badge, as My orders")
		if strings.Contains(testid(d, "order-status").Text()+textOf(t, d, "result-status"), c.wrong) {
			t.Errorf("%s: the order reads as cancelled", c.lang)
		}
	}
}
