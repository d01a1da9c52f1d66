package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/db"
)

// lookupFixture is a staff member signed in, an order's refund we closed
// as failed ourselves (a lookup of it writes to the order's timeline),
// and a fake Antom that has no such refund.
func lookupFixture(t *testing.T) (*testApp, *fakeAntom, *browserClient, string) {
	t.Helper()
	ta, f, b, ref := lookupOrder(t)
	return ta, f, b, "RF-" + ref + "-300"
}

// lookupOrder is lookupFixture's staff member, fake Antom and the order
// whose refund of 300 failed, by its ref.
func lookupOrder(t *testing.T) (*testApp, *fakeAntom, *browserClient, string) {
	t.Helper()
	ta, f := newFakeAntomApp(t)
	f.answer = map[string]string{"inquiryRefund": `{"result":{"resultCode":"ORDER_NOT_EXIST","resultStatus":"F","resultMessage":"order not exist"}}`}
	ref, _ := ta.paidOrder(t, "looked.up@example.com")
	a, err := ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 300, db.RefundFail)
	b := ta.client(t)
	b.staffSignIn()
	return ta, f, b, ref
}

// asksNothing fails unless p, the answer to what, is the lookup's form
// filled in with id, showing no answer, and Antom was asked nothing and
// nothing was written since calls and events were counted.
func asksNothing(t *testing.T, ta *testApp, f *fakeAntom, p page, what, id string, calls, events int) {
	t.Helper()
	assertEqual(t, p.status, http.StatusOK, what+": status")
	d := html(t, p.body)
	assertEqual(t, testid(d, "lookup-id").AttrOr("value", ""), id, what+": the id filled in")
	assertEqual(t, testid(d, "lookup-not-found").Length()+testid(d, "lookup-result").Length(), 0, what+": an answer shown")
	assertEqual(t, f.count("inquiryRefund"), calls, what+": refund lookups sent")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events"), events, what+": events written")
}

// The refund lookup is Post/Redirect/Get: only its form's POST asks
// Antom (once) and leads (303) to the answer's address, where the answer
// is kept for this sign-in; no GET of that address or any other — with
// the old ask=yes of a bookmark, from this site or not, a HEAD — asks
// Antom or writes the order's timeline. Reload of the answer shows it
// again; a colleague or the next sign-in opening it sees the form
// filled in, saying Antom was not asked. A bad id is the form with its
// error (422), nothing asked, the kept answer as it was.
func TestRefundLookupAsksOnlyWhenPosted(t *testing.T) {
	ta, f, b, id := lookupFixture(t)
	events := ta.count(t, "SELECT COUNT(*) FROM events")

	form := testid(html(t, b.get("/admin/refunds/lookup").body), "lookup-form")
	assertEqual(t, form.AttrOr("method", ""), "post", "the lookup form's method")
	assertEqual(t, form.Find(`input[type=hidden]`).Length(), 0, "the form's hidden fields")

	old := "/admin/refunds/lookup?" + url.Values{"id": {id}, "ask": {"yes"}}.Encode()
	asksNothing(t, ta, f, b.get("/admin/refunds/lookup?id="+url.QueryEscape(id)), "the form filled in", id, 0, events)
	asksNothing(t, ta, f, b.get(old), "an old bookmark's ask=yes", id, 0, events)
	for _, site := range []string{"none", "same-origin", "cross-site"} {
		req, err := http.NewRequest(http.MethodGet, b.base+old, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Sec-Fetch-Site", site)
		resp, err := b.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		asksNothing(t, ta, f, read(t, resp), "ask=yes, Sec-Fetch-Site "+site, id, 0, events)
	}
	head, _ := b.do(http.MethodHead, old)
	assertEqual(t, head.status, http.StatusOK, "HEAD: status")
	assertEqual(t, f.count("inquiryRefund"), 0, "HEAD: refund lookups sent")

	posted := b.post("/admin/refunds/lookup", url.Values{"id": {" " + id + " "}})
	assertEqual(t, posted.status, http.StatusSeeOther, "the lookup posted")
	answer := "/admin/refunds/lookup?" + url.Values{"id": {id}, "answer": {"1"}}.Encode()
	assertEqual(t, posted.location, answer, "where the lookup leads")
	calls := f.count("inquiryRefund")
	assertEqual(t, calls, 1, "refund lookups sent")
	looked := ta.count(t, "SELECT COUNT(*) FROM events")
	if looked <= events {
		t.Fatalf("the lookup wrote no event (%d, was %d)", looked, events)
	}

	for i, what := range []string{"the answer", "Reload of the answer", "Back to the answer"} {
		p := b.get(answer)
		assertEqual(t, p.status, http.StatusOK, what+": status")
		d := html(t, p.body)
		assertEqual(t, testid(d, "lookup-not-found").Length(), 1, what+": the answer")
		assertEqual(t, testid(d, "lookup-id").AttrOr("value", ""), id, what+": the id kept in the form")
		assertContains(t, asRead(textOf(t, d, "lookup-asked-at")), "Reload shows it again and asks nothing")
		assertEqual(t, f.count("inquiryRefund"), calls, what+": refund lookups sent")
		assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events"), looked, what+": events written")
		if i == 0 {
			assertEqual(t, testid(d, "lookup-not-kept").Length(), 0, what+": said not kept")
		}
	}
	head, _ = b.do(http.MethodHead, answer)
	assertEqual(t, head.status, http.StatusOK, "HEAD of the answer: status")
	assertEqual(t, f.count("inquiryRefund"), calls, "HEAD of the answer: refund lookups sent")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events"), looked, "HEAD of the answer: events written")

	bad := b.post("/admin/refunds/lookup", url.Values{"id": {strings.Repeat("R", 65)}})
	assertEqual(t, bad.status, http.StatusUnprocessableEntity, "a lookup of an id too long")
	assertContains(t, bad.body, `data-testid="id-error"`, "at most 64 characters")
	assertEqual(t, f.count("inquiryRefund"), calls, "an id too long: refund lookups sent")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events"), looked, "an id too long: events written")
	assertEqual(t, testid(html(t, b.get(answer).body), "lookup-not-found").Length(), 1, "the answer kept after a bad id")

	other := ta.client(t) // a colleague the address was sent to
	other.staffSignIn()
	looked = ta.count(t, "SELECT COUNT(*) FROM events") // signing in is one
	p := other.get(answer)
	asksNothing(t, ta, f, p, "the answer's address in another session", id, calls, looked)
	assertContains(t, asRead(textOf(t, html(t, p.body), "lookup-not-kept")), "Antom was not asked")

	if out := b.post("/admin/signout", nil); out.status != http.StatusSeeOther {
		t.Fatalf("sign out: %d", out.status)
	}
	b.staffSignIn()
	looked = ta.count(t, "SELECT COUNT(*) FROM events")
	asksNothing(t, ta, f, b.get(answer), "the answer's address after signing out and in", id, calls, looked)
}

// Signing in from a lookup's address — an old ask=yes link, the
// answer's address, followed while signed out — comes back to it and
// asks nothing.
func TestSigningInToTheLookupAsksNothing(t *testing.T) {
	ta, f, _, id := lookupFixture(t)
	for _, q := range []url.Values{{"id": {id}, "ask": {"yes"}}, {"id": {id}, "answer": {"1"}}} {
		b := ta.client(t)
		at := "/admin/refunds/lookup?" + q.Encode()
		p := b.get(at)
		assertEqual(t, p.status, http.StatusSeeOther, at+" signed out")
		u, err := url.Parse(p.location)
		if err != nil || u.Path != "/admin/signin" {
			t.Fatalf("%s signed out leads to %q", at, p.location)
		}
		next := u.Query().Get("next")
		assertEqual(t, next, at, "the sign-in's next")
		in := b.post("/admin/signin", url.Values{"email": {staffEmail}, "password": {staffPassword}, "next": {next}})
		assertEqual(t, in.status, http.StatusSeeOther, "sign in")
		assertEqual(t, in.location, at, "where signing in leads")
		events := ta.count(t, "SELECT COUNT(*) FROM events") // signing in is one
		asksNothing(t, ta, f, b.get(in.location), "back at "+at+" after signing in", id, 0, events)
	}
}

// A refund's Ask Antom on its order's page is the lookup's form too: a
// POST of its id.
func TestOrderRefundsAskAntomPostsTheLookup(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "asks@example.com")
	a, err := ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 300, db.RefundSuccess)
	b := ta.client(t)
	b.staffSignIn()
	form := testid(html(t, b.get("/admin/orders/"+ref).body), "refund-check").Closest("form")
	assertEqual(t, form.AttrOr("method", ""), "post", "Ask Antom's method")
	assertEqual(t, form.AttrOr("action", ""), "/admin/refunds/lookup", "Ask Antom's address")
	got := url.Values{}
	form.Find("input").Each(func(_ int, s *goquery.Selection) { got.Add(s.AttrOr("name", ""), s.AttrOr("value", "")) })
	assertEqual(t, got.Encode(), url.Values{"id": {"RF-" + ref + "-300"}}.Encode(), "what Ask Antom sends")
}
