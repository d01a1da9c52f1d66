package handlers

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
)

// resultAt is the page a redirect leads to (a result or checkout page),
// without the token of the notice it names (?notice=, App.toResult,
// App.toCheckout); location unchanged when it names anything else.
func resultAt(location string) string {
	path, query, ok := strings.Cut(location, "?")
	if !ok {
		return location
	}
	if q, err := url.ParseQuery(query); err == nil && len(q) == 1 && len(q["notice"]) == 1 && q.Get("notice") != "" {
		return path
	}
	return location
}

// notSentUnderWay is notdone.not_paid_again_open (lang/catalog/en.toml).
const notSentUnderWay = "Nothing was sent: this order already had a payment under way when you pressed pay, so nothing more was charged. This page shows where that payment stands."

// Three tabs of one signed-in browser (one session, one cookie) on one
// order's checkout page: Pay with the kept card (Antom holds its pay),
// then Pay with GCash while that payment is still being asked (no 3-D
// Secure page yet), then GCash again once Antom has answered with its
// 3-D Secure page. One payment is sent; each refused press's page says
// nothing was sent, beside the card page the payment has gone on to —
// whichever tab's page is shown first, and not only the press that found
// the payment as its page shows it. The winning tab's page says nothing
// of the refusals. Then two more tabs press while the order is on its
// card page and once it is paid, and their pages, shown after it is
// paid, each say so too.
func TestRefusedPaysInTabsEachSayNothingWasSent(t *testing.T) {
	challenge := cardGateway + "/3ds?id=1"
	ta, f := newSilentCardApp(t, fmt.Sprintf(payInProcess, challenge))
	b := ta.client(t)
	b.signUp("tabs@example.com")
	card := ta.keepPayableCard(t, "tabs@example.com")
	wallet := ta.sealedWallet(t, ta.buyerID(t, "tabs@example.com"), "0917****321")
	ref := b.buy("coffee", "1")
	gcash := url.Values{"wallet": {itoa(wallet)}}

	visa := b.post("/checkout/"+ref+"/card", url.Values{"card": {itoa(card)}})
	<-f.arrived // the kept card's pay is at Antom: the payment is under way, with no card page yet
	asking := b.post("/checkout/"+ref+"/pay", gcash)
	f.releaseOnce() // Antom answers: a 3-D Secure page
	ta.Checkout.Wait()
	onPage := b.post("/checkout/"+ref+"/pay", gcash)

	for _, p := range []page{visa, asking, onPage} {
		if resultAt(p.location) != "/orders/"+ref {
			t.Fatalf("a press answered %d %q:\n%s", p.status, p.location, p.body)
		}
	}
	// The winning tab's page first: the refusals are not its news.
	d := html(t, b.get(visa.location).body)
	assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "card-page", "the winning tab's result")
	assertEqual(t, testid(d, "result-notice").Length(), 0, "notices on the winning tab's page")
	for _, tab := range []struct {
		what string
		p    page
	}{
		{"pressed once the card page was in", onPage},
		{"pressed while the card payment was being asked", asking},
	} {
		d := html(t, b.get(tab.p.location).body)
		assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "card-page", tab.what+": the result")
		assertEqual(t, textOf(t, d, "result-notice"), notSentUnderWay, tab.what+": the notice")
		again := html(t, b.get(tab.p.location).body)
		assertEqual(t, testid(again, "result-notice").Length(), 0, tab.what+": the notice after a reload")
	}

	// Two more tabs: one presses on the card page, one once it is paid;
	// their pages are shown after it is paid.
	onPage = b.post("/checkout/"+ref+"/card", url.Values{"card": {itoa(card)}})
	attempt := int64(ta.count(t, `SELECT MAX(id) FROM payment_attempts WHERE order_id = ?`, ta.order(t, ref).ID))
	ta.settle(t, ref, attempt, db.AttemptSuccess, "SUCCESS", "PAY-CARD-1")
	paid := b.post("/checkout/"+ref+"/pay", gcash)
	for _, tab := range []struct {
		what string
		p    page
	}{
		{"pressed once it was paid", paid},
		{"pressed on the card page", onPage},
	} {
		d := html(t, b.get(tab.p.location).body)
		assertEqual(t, testid(d, "result").AttrOr("data-status", ""), "paid", tab.what+": the result")
		if n := textOf(t, d, "result-notice"); !strings.HasPrefix(n, "Nothing was sent: this order already had a payment when you pressed pay") {
			t.Errorf("%s: the notice says %q", tab.what, n)
		}
	}
	assertEqual(t, f.count("pay"), 1, "pays sent to Antom")
	assertEqual(t, ta.count(t, `SELECT COUNT(*) FROM payment_attempts WHERE order_id = ?`, ta.order(t, ref).ID), 1, "payments of the order")
}

// A browser that never follows its redirects to the result page (a
// script pressing Pay on a stale page) keeps at most maxNotices of them
// in its session, the newest, which still shows on its page.
func TestResultNoticesKeptAreBounded(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("never-follows@example.com")
	wallet := ta.sealedWallet(t, ta.buyerID(t, "never-follows@example.com"), "0917****321")
	ref := b.buy("coffee", "1")
	ta.openAttempt(t, ref, wallet)
	var last page
	for range maxNotices + 3 {
		last = b.post("/checkout/"+ref+"/pay", url.Values{"wallet": {itoa(wallet)}})
	}
	kept := 0
	for k := range ta.sessionOf(t, b) {
		if strings.HasPrefix(k, resultNoticeKey) {
			kept++
		}
	}
	assertEqual(t, kept, maxNotices, "result notices kept")
	assertEqual(t, textOf(t, html(t, b.get(last.location).body), "result-notice"), notSentUnderWay, "the newest's notice")
}
