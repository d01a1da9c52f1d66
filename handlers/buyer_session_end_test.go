package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// buyerPolled is a buyer page's long-poll answer (the result page's or
// the link page's): its status code and what the page reads of it.
type buyerPolled struct {
	code      int
	Status    string `json:"status"`
	Key       string `json:"key"`
	HTML      string `json:"html"`
	SignedOut bool   `json:"signedOut"`
}

// openBuyerPoll starts b's long-poll at statusURL (a page's
// data-status-url, with its ?lang=) having seen seen, and returns once it
// waits on subject (on ta's hub).
func openBuyerPoll(t *testing.T, ta *testApp, b *browserClient, statusURL, seen, subject string) (<-chan buyerPolled, <-chan error) {
	t.Helper()
	before := ta.Checkout.Hub().Waiting(subject)
	answer, failed := make(chan buyerPolled, 1), make(chan error, 1)
	go func() {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, b.base+statusURL+"&seen="+url.QueryEscape(seen), nil)
		req.Header.Set("Accept", "application/json")
		resp, err := b.http.Do(req)
		if err != nil {
			failed <- err
			return
		}
		defer resp.Body.Close()
		s := buyerPolled{code: resp.StatusCode}
		if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
			failed <- fmt.Errorf("status %d: %w", resp.StatusCode, err)
			return
		}
		answer <- s
	}()
	waitFor(t, func() bool { return ta.Checkout.Hub().Waiting(subject) > before })
	return answer, failed
}

// isSignedOut fails the test unless a poll answered 401 {"signedOut":true}.
func isSignedOut(t *testing.T, code int, signedOut bool, what string) {
	t.Helper()
	if code != http.StatusUnauthorized || !signedOut {
		t.Fatalf("%s: answered %d, signedOut %v: not 401 signed out", what, code, signedOut)
	}
}

// signedOutBarLeadsTo fails the test unless the page has the signed-out
// bar, hidden (the page's script shows it), whose link signs in and comes
// back to next.
func signedOutBarLeadsTo(t *testing.T, body, next string) {
	t.Helper()
	bar := testid(html(t, body), "signed-out")
	if bar.Length() != 1 {
		t.Fatalf("%d signed-out bars on the page", bar.Length())
	}
	if _, hidden := bar.Attr("hidden"); !hidden {
		t.Fatal("the signed-out bar shows before anyone signed out")
	}
	assertEqual(t, bar.Find("a").AttrOr("href", ""), "/signin?next="+url.QueryEscape(next), "the bar's sign-in link")
}

// buyerSignIn signs b in as the buyer of email (made by a fixture).
func buyerSignIn(t *testing.T, b *browserClient, email string) {
	t.Helper()
	p := b.post("/signin", url.Values{"email": {email}, "password": {"correct horse battery"}})
	assertEqual(t, p.status, http.StatusSeeOther, "sign in")
}

// sessionSignIn is the sign-in id (sessionBuyerSignIn) of b's session as
// stored now.
func sessionSignIn(t *testing.T, ta *testApp, b *browserClient) string {
	t.Helper()
	return sessionString(t, ta, b, sessionBuyerSignIn)
}

// sessionString is the string stored under key in b's session now.
func sessionString(t *testing.T, ta *testApp, b *browserClient, key string) string {
	t.Helper()
	base, _ := url.Parse(b.base)
	for _, c := range b.http.Jar.Cookies(base) {
		if c.Name == ta.Sessions.Cookie.Name {
			ctx, err := ta.Sessions.Load(context.Background(), c.Value)
			if err != nil {
				t.Fatal(err)
			}
			return ta.Sessions.GetString(ctx, key)
		}
	}
	t.Fatal("no session cookie")
	return ""
}

// Signing out in another tab (the same browser: the same session) makes
// a signed-in buyer's result page's open long-poll answer at once that
// it is signed out — 401 {"signedOut":true}, for order.js's bar and
// disabled forms — rather than wait for news or its 25 s window (an
// authorized order's page is woken by news only); its next poll answers
// so too, not with the sign-in page. Another session of the same account
// signing out ends nothing of this one, nor does the news of its own
// sign-in while it is still stored signed in (the hub wakes every waiter
// when its relay restarts): its poll goes on and hears staff's capture.
func TestBuyerResultPollHearsSignOut(t *testing.T) {
	const email = "result-signout@example.com"
	ta := newAdminApp(t)
	ref := ta.authorizedOrder(t, email)
	staff, buyer, elsewhere := ta.client(t), ta.client(t), ta.client(t)
	staff.staffSignIn()
	buyerSignIn(t, buyer, email)
	buyerSignIn(t, elsewhere, email)

	p := buyer.get("/orders/" + ref)
	assertEqual(t, p.status, http.StatusOK, "result page")
	signedOutBarLeadsTo(t, p.body, "/orders/"+ref)
	card := testid(html(t, p.body), "result")
	statusURL := card.AttrOr("data-status-url", "")

	answer, failed := openBuyerPoll(t, ta, buyer, statusURL, card.AttrOr("data-key", ""), checkout.OrderSubject(ref))
	assertEqual(t, elsewhere.post("/signout", nil).location, "/", "another session of the account signs out")
	ta.Checkout.Hub().Publish(checkout.BuyerSignInSubject(sessionSignIn(t, ta, buyer)))
	sent(t, staff.confirm("/admin/orders/"+ref+"/capture", url.Values{"amount": {"37.00"}}))
	s := awaitPoll(t, answer, failed, "capture")
	if s.code != http.StatusOK || s.SignedOut {
		t.Fatalf("answered %d, signedOut %v: this session is still signed in", s.code, s.SignedOut)
	}
	assertContains(t, s.HTML, "Being charged")

	answer, failed = openBuyerPoll(t, ta, buyer, statusURL, s.Key, checkout.OrderSubject(ref))
	assertEqual(t, buyer.post("/signout", nil).location, "/", "signed out in another tab")
	s = awaitPoll(t, answer, failed, "sign-out")
	isSignedOut(t, s.code, s.SignedOut, "the open poll")

	var next buyerPolled
	p = buyer.get(statusURL + "&seen=" + url.QueryEscape(s.Key))
	json.Unmarshal([]byte(p.body), &next)
	isSignedOut(t, p.status, next.SignedOut, "the next poll")
}

// A guest's result page (an order of this browser's guest session, no
// sign-in) works as before: no signed-out bar, and its poll answers the
// order. A visitor not signed in polling an order it may not see — a
// buyer's, another browser's guest order, one that does not exist — is
// answered signed out alike (as its page would send it to sign in); a
// signed-in buyer not its owner gets 404.
func TestGuestResultPollAsBefore(t *testing.T) {
	ta := newAdminApp(t)
	guest := ta.client(t)
	ref := guest.buy("coffee", "1")
	p := guest.get("/orders/" + ref)
	assertEqual(t, p.status, http.StatusOK, "a guest's result page")
	if testid(html(t, p.body), "signed-out").Length() != 0 {
		t.Fatal("a guest's page has the signed-out bar")
	}
	statusURL := testid(html(t, p.body), "result").AttrOr("data-status-url", "")
	var s buyerPolled
	p = guest.get(statusURL + "&seen=x")
	json.Unmarshal([]byte(p.body), &s)
	if p.status != http.StatusOK || s.Key == "" || s.SignedOut {
		t.Fatalf("a guest's poll: %d %s", p.status, p.body)
	}

	paid, _ := ta.paidOrder(t, "not-yours@example.com")
	stranger := ta.client(t)
	for _, r := range []string{ref, paid, "ORD-NOSUCH"} {
		var s buyerPolled
		p := stranger.get("/orders/" + r + "/status?lang=en&seen=x")
		json.Unmarshal([]byte(p.body), &s)
		isSignedOut(t, p.status, s.SignedOut, "a stranger's poll of "+r)
	}
	stranger.signUp("stranger@example.com")
	assertEqual(t, stranger.get("/orders/"+ref+"/status?lang=en&seen=x").status, http.StatusNotFound, "a signed-in stranger's poll")
}

// The Scan to Link page's long-poll hears the sign-out too: it answers
// 401 {"signedOut":true} at once (a page woken on a timer and by news of
// the attempt alike), and its next poll answers so too — not the sign-in
// page, which link.js cannot show.
func TestBuyerLinkPollHearsSignOut(t *testing.T) {
	const email = "link-signout@example.com"
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp(email)
	id := ta.linkAttempt(t, ta.buyerID(t, email), "signout-state", "WEB", "https://qr.test/signout", "")
	p := b.get("/wallets/link/" + itoa(id))
	assertEqual(t, p.status, http.StatusOK, "link page")
	signedOutBarLeadsTo(t, p.body, "/wallets/link/"+itoa(id))
	statusURL := testid(html(t, p.body), "link").AttrOr("data-status-url", "")

	answer, failed := openBuyerPoll(t, ta, b, statusURL, db.LinkPending, checkout.LinkSubject(id))
	assertEqual(t, b.post("/signout", nil).location, "/", "signed out in another tab")
	s := awaitPoll(t, answer, failed, "sign-out")
	isSignedOut(t, s.code, s.SignedOut, "the open poll")

	var next buyerPolled
	p = b.get(statusURL + "&seen=" + db.LinkPending)
	json.Unmarshal([]byte(p.body), &next)
	isSignedOut(t, p.status, next.SignedOut, "the next poll")
}

// On PostgreSQL, with several app instances: signing out through one
// instance makes the same browser's result page waiting on another
// answer signed out (the sign-in's news, relayed through the database).
func TestBuyerResultPollHearsSignOutOnAnotherInstance(t *testing.T) {
	const email = "result-signout-there@example.com"
	ta := newAdminApp(t)
	other := ta.relayedInstance(t)
	ref := ta.authorizedOrder(t, email)
	here, there := ta.client(t), other.client(t)
	there.http.Jar = here.http.Jar // one browser: cookies are per host, not per port
	buyerSignIn(t, here, email)
	card := testid(html(t, there.get("/orders/"+ref).body), "result")

	answer, failed := openBuyerPoll(t, other, there, card.AttrOr("data-status-url", ""), card.AttrOr("data-key", ""), checkout.OrderSubject(ref))
	assertEqual(t, here.post("/signout", nil).location, "/", "signed out here")
	s := awaitPoll(t, answer, failed, "sign-out on another instance")
	isSignedOut(t, s.code, s.SignedOut, "the poll on the other instance")
}

// A browser signed in both as a buyer and as staff stays signed in as
// staff when the buyer signs out — with its staff sign-in's id, so that
// the staff order page still hears the staff's own sign-out at once.
func TestBuyerSignOutKeepsStaffSignIn(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "both-signed-in@example.com")
	b := ta.client(t)
	b.staffSignIn()
	buyerSignIn(t, b, "both-signed-in@example.com")
	assertEqual(t, b.post("/signout", nil).location, "/", "the buyer signs out")
	answer, failed := openStaffPoll(t, ta, b, ref)
	noticed(t, b.post("/admin/signout", nil), "/admin/signin") // staff sign out in another tab
	select {
	case s := <-answer:
		if !s.SignedOut {
			t.Fatalf("the open poll answered key %q: not signed out", s.Key)
		}
	case err := <-failed:
		t.Fatal(err)
	case <-time.After(10 * time.Second):
		t.Fatal("the staff order page's poll did not hear the staff's sign-out within 10 s")
	}
}
