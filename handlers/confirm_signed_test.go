package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// A confirmation's address is shown only to the session whose form made
// it: a stranger's link (no signature, or another session's, or one
// edited by hand) followed by signed-in staff fills nothing in — the
// order's page says the link was not this session's — while the address
// staff's own form made is shown, again on reload. Opening any of them
// with confirm=yes in the query does nothing: only the confirmation's
// POST acts.
func TestConfirmationAddressesAreTheSessionsOwn(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	ref, _ := ta.paidOrder(t, "signed-confirm@example.com")
	order := "/admin/orders/" + ref
	staff := ta.client(t)
	staff.staffSignIn()
	key := refundFormKey(t, staff.get(order).body)
	fields := url.Values{"amount": {"37.00"}, "reason": {"Approved by finance"}, "key": {key}}
	own := confirmationOf(t, staff.post(order+"/refunds", fields).location, order+"/refunds")
	u, err := url.Parse(own)
	if err != nil {
		t.Fatal(err)
	}

	other := ta.client(t) // another staff session: its signature is not this one's
	other.staffSignIn()
	otherOwn := confirmationOf(t, other.post(order+"/refunds", fields).location, order+"/refunds")

	edited := u.Query()
	edited.Set("reason", "Approved by finance, twice")
	withConfirm := u.Query()
	withConfirm.Set("confirm", "yes")
	for what, at := range map[string]string{
		"a stranger's link":                order + "/refunds/confirm?" + fields.Encode(),
		"a stranger's link, confirm=yes":   order + "/refunds/confirm?" + url.Values{"amount": {"37.00"}, "key": {key}, "confirm": {"yes"}}.Encode(),
		"another session's address":        otherOwn,
		"an address edited by hand":        u.Path + "?" + edited.Encode(),
		"its own address with confirm=yes": u.Path + "?" + withConfirm.Encode(),
	} {
		p := staff.get(noticed(t, staff.get(at), order))
		assertContains(t, p.body, "That confirmation link has expired or was not made by this session")
		if strings.Contains(p.body, `data-testid="confirm-yes"`) || strings.Contains(p.body, "Approved by finance") {
			t.Fatalf("%s filled something in:\n%s", what, p.body)
		}
	}
	for range 2 { // shown, then reloaded
		p := staff.get(own)
		assertEqual(t, p.status, http.StatusOK, "its own confirmation")
		assertContains(t, p.body, "Refund $37.00 of order", "Approved by finance", `data-testid="confirm-yes"`)
	}
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds"), 0, "refunds stored")
	assertEqual(t, f.count("refund"), 0, "refunds sent to Antom")
}

// A confirmation's address is its sign-in's: once staff sign out, the
// next staff member signing in on the same browser cannot open it (a
// ready refund with someone else's amount and reason), and signing in
// again is a new key too. The buyer's sign-in in the same browser signs
// with a key of its own: the buyer signing out leaves staff's
// confirmations as they were.
func TestConfirmationAddressesEndWithTheirSignIn(t *testing.T) {
	ta, _ := newFakeAntomApp(t)
	ta.addOtherStaff(t)
	ref, _ := ta.paidOrder(t, "sign-in-keys@example.com")
	order := "/admin/orders/" + ref
	b := ta.client(t)
	b.staffSignIn()
	b.signUp("shopper-and-staff@example.com") // the same browser, signed in as a buyer too
	fields := url.Values{"amount": {"5.00"}, "reason": {"staff A's reason"}, "key": {refundFormKey(t, b.get(order).body)}}
	mine := confirmationOf(t, b.post(order+"/refunds", fields).location, order+"/refunds")

	b.post("/signout", nil) // the buyer signs out; staff stay signed in
	assertEqual(t, b.get(mine).status, http.StatusOK, "staff's confirmation after the buyer signed out")

	noticed(t, b.post("/admin/signout", nil), "/admin/signin")
	b.otherStaffSignIn()
	p := b.get(noticed(t, b.get(mine), order))
	assertContains(t, p.body, "That confirmation link has expired")
	if strings.Contains(p.body, "staff A's reason") || strings.Contains(p.body, `data-testid="confirm-yes"`) {
		t.Fatalf("another staff member's sign-in opened the confirmation:\n%s", p.body)
	}
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds"), 0, "refunds stored")
}

// A confirmation page left open while its staff member signs out and
// another signs in, in the same browser: its Confirm carries the earlier
// sign-in's signature, so pressing it does nothing — the order's page says
// so — while the same page's Confirm works for the sign-in it was shown to.
func TestConfirmPressedAfterAnotherSignInDoesNothing(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	ta.addOtherStaff(t)
	ref, _ := ta.paidOrder(t, "left-open@example.com")
	order := "/admin/orders/" + ref
	b := ta.client(t)
	b.staffSignIn()
	fields := url.Values{"amount": {"5.00"}, "reason": {"prepared by the first"}, "key": {refundFormKey(t, b.get(order).body)}}
	page := b.ask(order+"/refunds", fields)
	form := html(t, page.body).Find(`[data-testid="confirm"] form`)
	posted := url.Values{}
	form.Find("input[type=hidden]").Each(func(_ int, s *goquery.Selection) {
		posted.Add(s.AttrOr("name", ""), s.AttrOr("value", ""))
	})
	if posted.Get(confirmSigParam) == "" || posted.Get("confirm") != "yes" {
		t.Fatalf("the confirmation's form carries %v", posted)
	}

	noticed(t, b.post("/admin/signout", nil), "/admin/signin")
	b.otherStaffSignIn()
	p := b.get(noticed(t, b.post(order+"/refunds", posted), order))
	assertContains(t, p.body, "That confirmation was not shown to this sign-in for this action (it was shown to an earlier sign-in, or its form was changed after it was shown), so nothing was done.")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds"), 0, "refunds stored")
	assertEqual(t, f.count("refund"), 0, "refunds sent to Antom")

	page = b.ask(order+"/refunds", fields) // shown to this sign-in: its Confirm acts
	posted = url.Values{}
	html(t, page.body).Find(`[data-testid="confirm"] form input[type=hidden]`).Each(func(_ int, s *goquery.Selection) {
		posted.Add(s.AttrOr("name", ""), s.AttrOr("value", ""))
	})
	noticed(t, b.post(order+"/refunds", posted), order)
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds"), 1, "refunds stored once confirmed here")
}

// A refund confirmation's form sent to another order's refund address
// (its action changed in devtools) does nothing on either order, and the
// page it lands on says the form was not shown for this action — not
// only that it was shown to an earlier sign-in.
func TestConfirmSentToAnotherActionDoesNothing(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	ref, _ := ta.paidOrder(t, "first-order@example.com")
	other, _ := ta.paidOrder(t, "other-order@example.com")
	b := ta.client(t)
	b.staffSignIn()
	order := "/admin/orders/" + ref
	fields := url.Values{"amount": {"5.00"}, "reason": {"for the first order"}, "key": {refundFormKey(t, b.get(order).body)}}
	page := b.ask(order+"/refunds", fields)
	posted := url.Values{}
	html(t, page.body).Find(`[data-testid="confirm"] form input[type=hidden]`).Each(func(_ int, s *goquery.Selection) {
		posted.Add(s.AttrOr("name", ""), s.AttrOr("value", ""))
	})
	p := b.get(noticed(t, b.post("/admin/orders/"+other+"/refunds", posted), "/admin/orders/"+other))
	assertContains(t, p.body, "its form was changed after it was shown), so nothing was done.")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds"), 0, "refunds stored")
	assertEqual(t, f.count("refund"), 0, "refunds sent to Antom")
}
