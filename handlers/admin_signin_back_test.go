package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// Staff whose session ended while a form was open (a refund's confirm
// page; a replay on page 2 of the inbox) are sent to sign in, nothing is
// done and the sign-in page says so, and signing in brings them back to the page the form lives on —
// the order's page, the inbox's page with its filter — never to the
// POST's address and never doing the action again; a form the browser
// sent without a Referer of ours comes back to its route's form page.
func TestStaffSignInAfterAnExpiredSessionReturnsToTheirPage(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "expired@example.com")
	b := ta.client(t)
	b.staffSignIn()
	order := "/admin/orders/" + ref
	form := url.Values{"amount": {"4.00"}, "key": {refundFormKey(t, b.get(order).body)}}
	ask := b.postFrom(order+"/refunds", b.base+order, form)
	assertEqual(t, ask.status, http.StatusSeeOther, "the form, to its confirm page")
	confirmAt := ask.location
	assertEqual(t, b.get(confirmAt).status, http.StatusOK, "the confirm page")
	noticed(t, b.post("/admin/signout", nil), "/admin/signin") // signed out in another tab
	opened := b.get(confirmAt)                                 // the confirm page reloaded, signed out
	assertEqual(t, opened.location, "/admin/signin?next="+url.QueryEscape(order), "the confirm page, signed out")

	form.Set("confirm", "yes")
	var signinAt string // the last sign-in page the order's forms were sent to
	for _, c := range []struct{ what, path, referer, back string }{
		// The confirm page has its own address (a GET), signed with the
		// ended sign-in's key: back to the page its form lives on.
		{"confirm page", order + "/refunds", b.base + confirmAt, order},
		// A page that answered the POST itself (its address the POST's).
		{"the POST's answer", order + "/refunds", b.base + order + "/refunds", order},
		{"no Referer", order + "/refunds", "", order},
		{"another site's Referer", order + "/refunds", "https://evil.example/admin/wallets", order},
		{"a buyer page's Referer", order + "/refunds", b.base + "/wallets", order},
		{"inbox page 2", "/admin/notifications/1/replay", b.base + "/admin/notifications?page=2&verdict=duplicate", "/admin/notifications?page=2&verdict=duplicate"},
	} {
		p := b.postFrom(c.path, c.referer, form)
		want := "/admin/signin?next=" + url.QueryEscape(c.back)
		if p.status != http.StatusSeeOther || !namesNotice(p.location, want) {
			t.Errorf("%s: %d %q, want 303 %q naming its notice", c.what, p.status, p.location, want)
		}
		if c.back == order {
			signinAt = p.location
		}
	}
	refunds, err := ta.DB.OrderRefunds(context.Background(), ta.order(t, ref).ID)
	if err != nil || len(refunds) != 0 {
		t.Fatalf("a signed-out confirm refunded: %d %v", len(refunds), err)
	}

	signin := b.get(signinAt)
	assertContains(t, signin.body, `name="next" value="`+order+`"`,
		"You are signed out, so what you sent was not done. Sign in, then send it again.")
	in := b.post("/admin/signin", url.Values{"email": {staffEmail}, "password": {staffPassword}, "next": {order}})
	assertEqual(t, in.location, order, "after signing in again")
	if refunds, _ := ta.DB.OrderRefunds(context.Background(), ta.order(t, ref).ID); len(refunds) != 0 {
		t.Fatal("signing in again refunded")
	}
}

// Every staff-only POST route sends signed-out staff (a form sent with
// no Referer of ours, or from its own address: the refund lookup's answer
// page) to sign in and back to a page of its own — its form's page
// (routes.go's forms) — never to the dashboard by default. The routes
// are walked from the router, so a new admin POST cannot go without its
// page. Signing out is the one whose page is the dashboard.
func TestEverySignedOutAdminPostReturnsToItsPage(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	dashboard := map[string]bool{"/admin/signout": true}
	fill := strings.NewReplacer(":ref", "ORD-X", ":id", "7")
	for _, r := range ta.router().Routes() {
		if r.Method != http.MethodPost || !strings.HasPrefix(r.Path, "/admin/") || r.Path == "/admin/signin" {
			continue
		}
		path := fill.Replace(r.Path)
		for _, referer := range []string{"", b.base + path} {
			p := b.postFrom(path, referer, url.Values{"id": {"RF-1"}})
			next, _ := url.Parse(p.location)
			back := next.Query().Get("next")
			switch {
			case p.status != http.StatusSeeOther || next.Path != "/admin/signin":
				t.Errorf("POST %s (Referer %q): %d %q, want 303 to the sign-in", path, referer, p.status, p.location)
			case dashboard[r.Path] != (back == ""):
				t.Errorf("POST %s (Referer %q): back to %q after signing in", path, referer, back)
			}
		}
	}
	noticed(t, b.postFrom("/admin/refunds/lookup", "", url.Values{"id": {"RF-1"}}),
		"/admin/signin?next="+url.QueryEscape("/admin/refunds/lookup")) // a refund lookup
}
