package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"antom-checkout/checkout"
)

// staffPageKey is the key of the order page b sees now (its long-poll's
// ?seen=).
func staffPageKey(t *testing.T, b *browserClient, ref string) string {
	t.Helper()
	p := b.get("/admin/orders/" + ref)
	assertEqual(t, p.status, http.StatusOK, "order page")
	return testid(html(t, p.body), "order-live").AttrOr("data-key", "")
}

// openStaffPoll starts b's long-poll of ref's page and returns once it
// waits (the hub has its waiter, and so its session's watches).
func openStaffPoll(t *testing.T, ta *testApp, b *browserClient, ref string) (<-chan adminOrderStatus, <-chan error) {
	t.Helper()
	before := ta.Checkout.Hub().Waiting(checkout.OrderSubject(ref))
	answer, failed := staffOrderPoll(t, b, "/admin/orders/"+ref+"/status", staffPageKey(t, b, ref))
	waitFor(t, func() bool { return ta.Checkout.Hub().Waiting(checkout.OrderSubject(ref)) > before })
	return answer, failed
}

// signedOutAnswered returns the poll's answer, whenever it comes, and
// fails the test unless it says signed out. Only the session's end can
// make it so: its window's end or news of the order answers the page.
func signedOutAnswered(t *testing.T, answer <-chan adminOrderStatus, failed <-chan error, what string) {
	t.Helper()
	select {
	case s := <-answer:
		if !s.SignedOut || s.Key != "" {
			t.Fatalf("%s: the open poll answered key %q, signedOut %v: not signed out", what, s.Key, s.SignedOut)
		}
	case err := <-failed:
		t.Fatal(err)
	}
}

// Signing out in another tab (the same browser: the same session) makes
// the staff order page's open long-poll answer at once that it is signed
// out — 401 {"signedOut":true}, for admin_order.js's bar and disabled
// forms — rather than wait for news or its 25 s window, whose answer
// ("no change") is not signed out. Another session of the same account
// signing out ends nothing of this one: its poll goes on and hears the
// order's news; nor does news of this very sign-in while its session is
// still stored signed in (the hub wakes every waiter when its relay to
// the other instances restarts).
func TestStaffOrderPollHearsSignOut(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "poll-signout@example.com")
	staff, colleague := ta.client(t), ta.client(t)
	staff.staffSignIn()
	colleague.staffSignIn()

	answer, failed := openStaffPoll(t, ta, staff, ref)
	ta.Checkout.Hub().Publish(checkout.StaffSignInSubject(sessionString(t, ta, staff, sessionStaffSignIn)))
	out := colleague.post("/admin/signout", nil)
	noticed(t, out, "/admin/signin") // the colleague signs out
	colleague.staffSignIn()
	key := refundFormKey(t, colleague.get("/admin/orders/"+ref).body)
	sent(t, colleague.confirm("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"5.00"}, "reason": {"broken cup"}, "key": {key}}))
	s := awaitPoll(t, answer, failed, "refund")
	if s.SignedOut {
		t.Fatal("answered signed out while this session is still signed in (news of its own sign-in, another session's sign-out)")
	}
	assertContains(t, s.HTML, `data-testid="refund-row"`)

	answer, failed = openStaffPoll(t, ta, staff, ref)
	out = staff.post("/admin/signout", nil)
	noticed(t, out, "/admin/signin") // signed out in another tab
	signedOutAnswered(t, answer, failed, "signed out in another tab")
	assertEqual(t, staff.get("/admin/orders/"+ref+"/status?seen=x").status, http.StatusSeeOther, "the next poll: to the sign-in")
}

// The account's end reaches its open pages at once too: removed, its
// poll answers signed out; given a new one-time password (the account's
// sessions end at their next request), its poll answers at once with the
// page as it was, and the next poll goes to the sign-in. A password
// changed in another tab of the same browser keeps this session signed
// in: its poll answers at once the same way, and the next poll waits as
// before. (Those answers are not signed out — the poll does not know
// which session the browser holds now — so, as awaitPoll says, they are
// told from the window's end by coming within 10 s.)
func TestStaffOrderPollHearsAccountEnd(t *testing.T) {
	const email, own, newer = "member@shop.example", "member's own password", "member's newer password"
	member := func(t *testing.T) (*testApp, *browserClient, *browserClient, string) {
		ta := newAdminApp(t)
		ref, _ := ta.paidOrder(t, "poll-account@example.com")
		admin, m := ta.client(t), ta.client(t)
		admin.staffSignIn()
		first := admin.addStaff(email)
		m.post("/admin/signin", url.Values{"email": {email}, "password": {first}})
		m.post("/admin/password", url.Values{"current": {first}, "new": {own}, "confirm": {own}})
		return ta, admin, m, ref
	}
	t.Run("removed", func(t *testing.T) {
		ta, admin, m, ref := member(t)
		answer, failed := openStaffPoll(t, ta, m, ref)
		noticed(t, admin.confirm(fmt.Sprintf("/admin/staff/%d/remove", ta.staffID(t, email)), nil), "/admin/staff") // removed
		signedOutAnswered(t, answer, failed, "removed")
	})
	t.Run("new one-time password", func(t *testing.T) {
		ta, admin, m, ref := member(t)
		id := ta.staffID(t, email)
		st, err := ta.Checkout.StaffByID(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		key := staffPageKey(t, m, ref)
		answer, failed := openStaffPoll(t, ta, m, ref)
		p := admin.confirm(fmt.Sprintf("/admin/staff/%d/reissue", id), url.Values{"epoch": {fmt.Sprint(st.SessionEpoch)}})
		noticed(t, p, "/admin/staff") // reissued
		s := awaitPoll(t, answer, failed, "new one-time password")
		assertEqual(t, s.Key, key, "answered with the page as it was")
		assertEqual(t, m.get("/admin/orders/"+ref+"/status?seen="+url.QueryEscape(key)).status, http.StatusSeeOther, "the next poll: to the sign-in")
	})
	t.Run("password changed in another tab", func(t *testing.T) {
		ta, _, m, ref := member(t)
		key := staffPageKey(t, m, ref)
		answer, failed := openStaffPoll(t, ta, m, ref)
		noticed(t, m.post("/admin/password", url.Values{"current": {own}, "new": {newer}, "confirm": {newer}}), "/admin") // password changed
		s := awaitPoll(t, answer, failed, "password change")
		assertEqual(t, s.Key, key, "answered with the page as it was")
		if s.SignedOut {
			t.Fatal("answered signed out: this session goes on")
		}
		assertEqual(t, m.get("/admin/orders/"+ref).status, http.StatusOK, "still signed in")
	})
}

// A staff order page's long-poll does not outlive its session: it
// answers by the session's deadline (here 3 s away, not the poll's 25 s
// window), and the page's next poll goes to the sign-in.
func TestStaffOrderPollEndsWithTheSession(t *testing.T) {
	ta := newAdminApp(t)
	ta.Sessions.Lifetime = 3 * time.Second
	ref, _ := ta.paidOrder(t, "poll-expiry@example.com")
	staff := ta.client(t)
	staff.staffSignIn()
	key := staffPageKey(t, staff, ref)
	answer, failed := openStaffPoll(t, ta, staff, ref)
	s := awaitPoll(t, answer, failed, "session's deadline")
	assertEqual(t, s.Key, key, "answered with the page as it was")
	waitFor(t, func() bool {
		return staff.get("/admin/orders/"+ref+"/status?seen="+url.QueryEscape(key)).status == http.StatusSeeOther
	})
}

// On PostgreSQL, with several app instances: signing out through one
// instance makes the same browser's page waiting on another answer
// signed out (the sign-in's news, relayed through the database).
func TestStaffOrderPollHearsSignOutOnAnotherInstance(t *testing.T) {
	ta := newAdminApp(t)
	other := ta.relayedInstance(t)

	ref, _ := ta.paidOrder(t, "poll-signout-there@example.com")
	here, there := ta.client(t), other.client(t)
	there.http.Jar = here.http.Jar // one browser: cookies are per host, not per port
	here.staffSignIn()
	answer, failed := openStaffPoll(t, other, there, ref)
	noticed(t, here.post("/admin/signout", nil), "/admin/signin") // signed out here
	signedOutAnswered(t, answer, failed, "signed out on another instance")
}
