package handlers

import (
	"context"
	"fmt"
	"net/http/httptest"

	"github.com/gin-gonic/gin"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/checkout"
)

// A refund's notice shows on its own order's page only, the one its
// redirect names: another order's page, a buyer page, the dashboard or
// the order's page opened otherwise before the redirect is followed (a
// second tab) neither shows it nor uses it up; the redirect's page then
// shows it once.
func TestAdminNoticeShowsOnlyOnItsOwnPage(t *testing.T) {
	ta := newAdminApp(t)
	refA, _ := ta.paidOrder(t, "aflash@example.com")
	refB, _ := ta.paidOrder(t, "bflash@example.com")
	b := ta.client(t)
	b.staffSignIn()
	sent := b.confirm("/admin/orders/"+refA+"/refunds", url.Values{"amount": {"5.00"}, "key": {"FLASHKEY1"}})
	at := noticed(t, sent, "/admin/orders/"+refA) // the refund's redirect
	for _, other := range []string{"/admin/orders/" + refB, "/admin", "/admin/orders", "/", "/admin/orders/" + refA} {
		p := b.get(other)
		assertEqual(t, p.status, http.StatusOK, other)
		if strings.Contains(p.body, `data-testid="flash"`) || strings.Contains(p.body, `data-testid="problem"`) {
			t.Fatalf("%s shows order %s's refund notice:\n%s", other, refA, p.body)
		}
	}
	d := html(t, b.get(at).body)
	if got := testid(d, "flash").Text() + testid(d, "problem").Text(); !strings.Contains(got, "$5.00") {
		t.Fatalf("order %s's page, its refund's notice: %q", refA, got)
	}
	if again := b.get(at).body; strings.Contains(again, `data-testid="flash"`) || strings.Contains(again, `data-testid="problem"`) {
		t.Fatalf("the notice shows twice:\n%s", again)
	}
}

// Two actions in two tabs each leave their notice for their own page.
func TestAdminNoticesOfTwoPagesBothWait(t *testing.T) {
	ta := newAdminApp(t)
	refA, _ := ta.paidOrder(t, "twotaba@example.com")
	b := ta.client(t)
	b.staffSignIn()
	sent := b.confirm("/admin/orders/"+refA+"/refunds", url.Values{"amount": {"1.00"}, "key": {"TWOTABKEY"}})
	pw := b.post("/admin/password", url.Values{"current": {staffPassword}, "new": {"another long password"}, "confirm": {"another long password"}})
	d := html(t, b.get(noticed(t, pw, "/admin")).body)
	assertEqual(t, textOf(t, d, "flash"), "Password changed. Your other sessions were signed out.", "the dashboard's notice")
	d = html(t, b.get(noticed(t, sent, "/admin/orders/"+refA)).body)
	if got := testid(d, "flash").Text() + testid(d, "problem").Text(); !strings.Contains(got, "$1.00") {
		t.Fatalf("order %s's notice after the other tab's: %q", refA, got)
	}
}

// A redirect's target and the request a browser makes for it name one
// page, however the query is escaped or ordered; another query is
// another page.
func TestNoticePage(t *testing.T) {
	for _, c := range []struct{ to, req string }{
		{"/admin/wallets?email=" + url.QueryEscape("a+b@example.com"), "/admin/wallets?email=a%2Bb%40example.com"},
		{"/admin/orders/ABC", "/admin/orders/ABC"},
		{"/x?b=2&a=1", "/x?a=1&b=2"},
	} {
		assertEqual(t, noticePage(c.req), noticePage(c.to), c.to)
	}
	for _, c := range []struct{ to, req string }{
		{"/admin/wallets?email=a%40example.com", "/admin/wallets?email=b%40example.com"},
		{"/admin/orders/ABC", "/admin/orders/ABD"},
		{"/admin/orders/ABC", "/admin/orders/ABC/refunds"},
	} {
		if noticePage(c.req) == noticePage(c.to) {
			t.Errorf("%s and %s read as one page", c.to, c.req)
		}
	}
}

// A client that never follows its redirects keeps at most maxNotices,
// the newest.
func TestNoticesAreBounded(t *testing.T) {
	ta := newAdminApp(t)
	c := ta.noticeContext(t, http.MethodPost, "/admin/orders/X/refunds")
	for i := range maxNotices + 3 {
		ta.flashTo(c, fmt.Sprintf("/admin/orders/R%d", i), fmt.Sprintf("notice %d", i))
	}
	ns := ta.notices(c)
	assertEqual(t, len(ns), maxNotices, "notices kept")
	assertEqual(t, ns[0].Msg, "notice 3", "the oldest kept")
	assertEqual(t, withNotice(ns[len(ns)-1].For, ""), fmt.Sprintf("/admin/orders/R%d", maxNotices+2), "the newest")
}

// A notice whose redirect was not followed for longer than noticeLife
// is dropped: its page, opened later, does not show stale news.
func TestStaleNoticeIsDropped(t *testing.T) {
	ta := newAdminApp(t)
	c := ta.noticeContext(t, http.MethodGet, "/admin/orders/OLD")
	ta.leaveNotice(c, notice{For: "/admin/orders/OLD", Msg: "stale", At: time.Now().Add(-noticeLife - time.Second)})
	ta.leaveNotice(c, notice{For: "/admin/orders/NEW", Msg: "fresh", At: time.Now()})
	shown := ta.takeNotices(c)
	assertEqual(t, shown.Flash+shown.Problem, "", "a stale notice shown")
	ns := ta.notices(c)
	assertEqual(t, len(ns), 1, "notices kept")
	assertEqual(t, ns[0].Msg, "fresh", "the notice kept")
}

// Two notices left for one page (an action done, then another refused,
// neither redirect followed) show in the order they happened, whichever
// kind came first.
func TestAdminNoticesShowInTheOrderTheyHappened(t *testing.T) {
	ta := newAdminApp(t)
	at := time.Now()
	for _, tc := range []struct {
		first, then notice
		last        bool // the problem shows last
	}{
		{notice{Msg: "done"}, notice{Msg: "refused", Problem: true}, true},
		{notice{Msg: "refused", Problem: true}, notice{Msg: "done"}, false},
	} {
		c := ta.noticeContext(t, http.MethodGet, "/admin/orders/R")
		tc.first.For, tc.first.At = "/admin/orders/R", at
		tc.then.For, tc.then.At = "/admin/orders/R", at.Add(time.Millisecond)
		ta.leaveNotice(c, tc.first)
		ta.leaveNotice(c, tc.then)
		s := ta.takeNotices(c)
		if s.Flash != "done" || s.Problem != "refused" || s.ProblemLast != tc.last {
			t.Errorf("%s, then %s: shown %+v", tc.first.Msg, tc.then.Msg, s)
		}
	}
}

// A refund made, then another refused (two tabs, neither redirect
// followed yet): the refused one's page says it once, in its
// refund-failed alarm (with why), not in a notice beside it, and nothing
// of the one made; the made one's page says it in its notice.
func TestRefundRefusedAfterOneMadeSaidOnce(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	ref, _ := ta.paidOrder(t, "order2notices@example.com")
	b := ta.client(t)
	b.staffSignIn()
	refund := func(amount, key string) string {
		t.Helper()
		return noticed(t, b.confirm("/admin/orders/"+ref+"/refunds", url.Values{"amount": {amount}, "key": {key}}), "/admin/orders/"+ref)
	}
	made := refund("0.50", "ORDERKEY1")
	f.mu.Lock()
	f.answer = map[string]string{"refund": `{"result":{"resultCode":"REFUND_AMOUNT_EXCEED","resultStatus":"F","resultMessage":"refund amount exceed"}}`}
	f.mu.Unlock()
	refused := refund("0.60", "ORDERKEY2")
	d := html(t, b.get(refused).body)
	if n := testid(d, "problem").Length() + testid(d, "flash").Length(); n != 0 {
		t.Fatalf("the refusal's page has a notice: %q %q", testid(d, "problem").Text(), testid(d, "flash").Text())
	}
	assertContains(t, testid(d, "refund-failed-why").Text(), "of $0.60 failed.", "less is left to refund on this payment than our books show")
	d = html(t, b.get(made).body)
	if got := textOf(t, d, "flash"); !strings.HasPrefix(got, "Refund of $0.50 sent") {
		t.Fatalf("the notice reads %q", got)
	}
	if n := testid(d, "problem").Length(); n != 0 {
		t.Fatalf("the refusal is said in a notice too: %q", testid(d, "problem").Text())
	}
}

// A failed refund's notice reads as two sentences: the failure, then its
// words — which may hold a colon of their own, so no colon joins them.
func TestRefundFailedNoticeReadsCleanly(t *testing.T) {
	r := checkout.RefundInfo{Status: checkout.RefundFail, Amount: checkout.Money{Currency: "USD", Minor: 1000},
		Words: "Antom has no record of the payment it refunds: the refund was never created."}
	got := refundNotice(r, false)
	assertEqual(t, got, "The refund of $10.00 failed. Antom has no record of the payment it refunds: the refund was never created.", "notice")
	if strings.Count(got, ":") > strings.Count(r.Words, ":") {
		t.Fatalf("a colon joins the failure and its words: %q", got)
	}
}

// A session from before notices had a key each (one list under
// "notices") still shows its notice on its page, once.
func TestNoticesKeptAsOneListStillShow(t *testing.T) {
	ta := newAdminApp(t)
	c := ta.noticeContext(t, http.MethodGet, "/admin/orders/OLD")
	ta.Sessions.Put(c.Request.Context(), legacyNotices, `[{"for":"/admin/orders/OLD","msg":"Refunded $1.00.","at":"`+time.Now().Format(time.RFC3339Nano)+`"},`+
		`{"for":"/admin/orders/OTHER","msg":"other","at":"`+time.Now().Format(time.RFC3339Nano)+`"}]`)
	shown := ta.takeNotices(c)
	assertEqual(t, shown.Flash+shown.Problem, "Refunded $1.00.", "the old list's notice")
	shown = ta.takeNotices(c)
	assertEqual(t, shown.Flash+shown.Problem, "", "shown again")
	ns := ta.notices(c)
	assertEqual(t, len(ns), 1, "notices kept")
	assertEqual(t, ns[0].Msg, "other", "the other page's notice")
	assertEqual(t, ta.Sessions.Exists(c.Request.Context(), legacyNotices), false, "the old list is still there")
}

// noticeContext is a request of method to path with a session of its
// own, for the notice helpers.
func (ta *testApp) noticeContext(t *testing.T, method, path string) *gin.Context {
	t.Helper()
	ctx, err := ta.Sessions.Load(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := gin.CreateTestContext(httptest.NewRecorder())
	c.Request = httptest.NewRequestWithContext(ctx, method, path, nil)
	return c
}
