package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/lang"
)

// namesNotice reports whether loc, a redirect's Location, is path naming
// a notice of its own (?notice=TOKEN, noticeTo).
func namesNotice(loc, path string) bool {
	u, err := url.Parse(loc)
	return err == nil && withNotice(loc, "") == path && len(u.Query()[noticeParam]) == 1 && u.Query().Get(noticeParam) != ""
}

// noticed checks that p is a 303 to path naming a notice of its own, and
// returns its Location: the page that shows that notice.
func noticed(t *testing.T, p page, path string) string {
	t.Helper()
	if p.status != http.StatusSeeOther || !namesNotice(p.location, path) {
		t.Fatalf("answered %d %q, want 303 to %s naming its notice:\n%s", p.status, p.location, path, p.body)
	}
	return p.location
}

// pageNotices opens the admin page at path (an order's, an action's
// redirect naming its notice) and returns its notices as "<tone>: <words>"
// in the order the page shows them: flash (ok or pending), note, problem.
func pageNotices(t *testing.T, b *browserClient, path string) []string {
	t.Helper()
	p := b.get(path)
	assertEqual(t, p.status, http.StatusOK, path)
	var got []string
	d := html(t, p.body)
	for _, s := range d.Find(`[data-testid="flash"], [data-testid="note"], [data-testid="problem"]`).EachIter() {
		tone := s.AttrOr("data-testid", "")
		if tone == "flash" {
			tone = s.AttrOr("data-tone", "")
		}
		got = append(got, tone+": "+strings.Join(strings.Fields(s.Text()), " "))
	}
	return got
}

// Two tabs of one browser (one session) act on one order at once — a
// capture in one and a void in the other, two refunds — and their
// redirects are followed the other way round: each tab's page says what
// its own action did, and nothing of the other tab's, whichever loads
// first. The order's page reached any other way (a third tab, a reload of
// a tab's page) takes neither and says neither.
func TestTwoTabsActingOnOneOrderEachShowTheirOwnNotice(t *testing.T) {
	ta, _ := newFakeAntomApp(t)
	b := ta.client(t)
	b.staffSignIn()

	ref := ta.authorizedOrder(t, "twotabs-capture@example.com")
	order := "/admin/orders/" + ref
	captureTab, voidTab := b.confirmation(order+"/capture", url.Values{"amount": {"3.00"}}), b.confirmation(order+"/void", nil)
	capture := noticed(t, b.post(order+"/capture", captureTab), order)
	void := noticed(t, b.post(order+"/void", voidTab), order)
	if capture == void {
		t.Fatalf("both tabs are sent to %s", capture)
	}
	assertNotices(t, pageNotices(t, b, order)) // a third tab: neither, and neither used up
	assertNotices(t, pageNotices(t, b, void), "problem: Your void was not sent: you had already sent a capture of $3.00.")
	assertNotices(t, pageNotices(t, b, capture), "ok: Captured: Antom confirmed the capture.")
	assertNotices(t, pageNotices(t, b, void)) // reloaded: said once
	assertNotices(t, pageNotices(t, b, capture))

	ref, _ = ta.paidOrder(t, "twotabs-refund@example.com")
	order = "/admin/orders/" + ref
	refund := func(amount, key string) string {
		t.Helper()
		return noticed(t, b.confirm(order+"/refunds", url.Values{"amount": {amount}, "key": {key}}), order)
	}
	one, two := refund("1.00", "TABONEKEY"), refund("2.00", "TABTWOKEY")
	for _, tab := range []struct{ at, own, other string }{{two, "$2.00", "$1.00"}, {one, "$1.00", "$2.00"}} {
		got := pageNotices(t, b, tab.at)
		if len(got) != 1 || !strings.Contains(got[0], tab.own) || strings.Contains(got[0], tab.other) {
			t.Fatalf("the tab of the refund of %s reads %q", tab.own, got)
		}
	}
}

// A buyer's two tabs alike (flashTo's notices on buyer pages are message
// IDs): a wallet unlinked in one and a card removed in the other, both
// sent to the wallets page, each tab's page saying its own.
func TestTwoBuyerTabsEachShowTheirOwnNotice(t *testing.T) {
	ta := newAdminApp(t)
	_, wallet := ta.paidOrder(t, "twotabs-buyer@example.com")
	card := ta.keepCard(t, "twotabs-buyer@example.com")
	b := ta.client(t)
	if p := b.post("/signin", url.Values{"email": {"twotabs-buyer@example.com"}, "password": {"correct horse battery"}}); p.status != http.StatusSeeOther {
		t.Fatalf("sign in: %d", p.status)
	}
	unlinked := noticed(t, b.post(fmt.Sprintf("/wallets/%d/unlink", wallet), confirmYes), "/wallets")
	removed := noticed(t, b.post(fmt.Sprintf("/cards/%d/remove", card), confirmYes), "/wallets")
	en := lang.For(lang.Languages[0])
	says := func(at string) string {
		t.Helper()
		p := b.get(at)
		assertEqual(t, p.status, http.StatusOK, at)
		return html(t, p.body).Find(`[data-testid="flash"]`).Text()
	}
	assertEqual(t, says("/wallets"), "", "the wallets page opened by a third tab")
	assertEqual(t, says(removed), en.T("wallets.card_removed"), "the card's tab")
	assertEqual(t, says(unlinked), en.T("wallets.unlinked"), "the wallet's tab")
	assertEqual(t, says(removed), "", "the card's tab, reloaded")
}

// A page reached by a notice's redirect does not hand its ?notice= on:
// the language switcher returns to the page itself, and a page opened
// signed out brings staff back, once signed in, to the page without it.
func TestNoticeTokenIsNotHandedOn(t *testing.T) {
	ta := newAdminApp(t)
	_, wallet := ta.paidOrder(t, "handon@example.com")
	b := ta.client(t)
	if p := b.post("/signin", url.Values{"email": {"handon@example.com"}, "password": {"correct horse battery"}}); p.status != http.StatusSeeOther {
		t.Fatalf("sign in: %d", p.status)
	}
	at := noticed(t, b.post(fmt.Sprintf("/wallets/%d/unlink", wallet), confirmYes), "/wallets")
	d := html(t, b.get(at).body)
	assertEqual(t, d.Find(`[data-testid="lang-switch"] input[name="next"]`).AttrOr("value", ""), "/wallets", "the switcher's next")

	staff := ta.client(t)
	p := staff.get("/admin/orders?status=refund-failed&" + noticeParam + "=SOMETOKEN&page=2")
	assertEqual(t, p.location, "/admin/signin?next="+url.QueryEscape("/admin/orders?status=refund-failed&page=2"), "signed out, sent to sign in")
}

// withNotice names a token in an address's query, in place of any named
// already, keeping the rest of it as written; "" names none.
func TestWithNotice(t *testing.T) {
	for _, c := range []struct{ to, token, want string }{
		{"/admin/orders/R", "T", "/admin/orders/R?notice=T"},
		{"/admin/wallets?email=a%40b.c", "T", "/admin/wallets?email=a%40b.c&notice=T"},
		{"/admin/notifications?verdict=x&notice=OLD&page=2", "T", "/admin/notifications?verdict=x&page=2&notice=T"},
		{"/signin?next=%2Fcheckout%2FR%3Fnotice%3DOLD", "T", "/signin?next=%2Fcheckout%2FR%3Fnotice%3DOLD&notice=T"},
		{"/x?notice=OLD#top", "T", "/x?notice=T#top"},
		{"/x?notice=OLD", "", "/x"},
		{"/x?a=1&notice=OLD&notice=OLDER", "", "/x?a=1"},
		{"/x?noticed=1", "", "/x?noticed=1"},
	} {
		assertEqual(t, withNotice(c.to, c.token), c.want, c.to)
	}
}

// A notice an instance of before the token left (its page's address
// alone, and a redirect naming none) is taken by that address, as before.
func TestNoticeWithoutTokenShownAsBefore(t *testing.T) {
	ta := newAdminApp(t)
	c := ta.noticeContext(t, http.MethodGet, "/admin/orders/OLDER")
	ta.leaveNotice(c, notice{For: "/admin/orders/OLDER", Msg: "left by an older instance", At: ta.now})
	ta.leaveNotice(c, notice{For: "/admin/orders/OLDER?notice=T", Msg: "another tab's", At: ta.now})
	s := ta.takeNotices(c)
	assertEqual(t, s.Flash, "left by an older instance", "the page without a token")
	ns := ta.notices(c)
	if len(ns) != 1 || ns[0].Msg != "another tab's" {
		t.Fatalf("notices kept: %+v", ns)
	}
}
