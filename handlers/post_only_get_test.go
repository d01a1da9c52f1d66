package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestPostOnlyPathsRedirectOnGet: every path the router answers only to
// POST, opened with GET (address bar, restored tab, Back after a
// refresh), answers 303 to the page its form lives on — behind the same
// sign-in as the POST. The list comes from the router: a new POST-only
// route missing here (or missing its GET) fails.
func TestPostOnlyPathsRedirectOnGet(t *testing.T) {
	ta := newAdminApp(t)
	// The GET's answer for each POST-only route, with ":ref" as ORD-1 and
	// ":id" as 7; who must be signed in first.
	want := map[string]struct{ who, to string }{
		"/lang":                                  {"", "/"},
		"/orders/test":                           {"", "/"},
		"/orders/:ref/check":                     {"", "/orders/ORD-1"},
		"/orders/:ref/pay-another-way":           {"", "/orders/ORD-1"},
		"/checkout/:ref/card":                    {"", "/checkout/ORD-1"},
		"/signout":                               {"", "/"},
		"/wallets/link":                          {"buyer", "/wallets"},
		"/wallets/link/:id/renew":                {"buyer", "/wallets/link/7"},
		"/wallets/:id/unlink":                    {"buyer", "/wallets"},
		"/cards/:id/remove":                      {"buyer", "/wallets"},
		"/checkout/:ref/pay":                     {"buyer", "/checkout/ORD-1"},
		"/admin/signout":                         {"staff", "/admin"},
		"/admin/orders/:ref/refunds":             {"staff", "/admin/orders/ORD-1"},
		"/admin/orders/:ref/refunds/:id/handled": {"staff", "/admin/orders/ORD-1"},
		"/admin/orders/:ref/refunds/:id/retry":   {"staff", "/admin/orders/ORD-1"},
		"/admin/orders/:ref/capture":             {"staff", "/admin/orders/ORD-1"},
		"/admin/orders/:ref/void":                {"staff", "/admin/orders/ORD-1"},
		"/admin/wallets/:id/unlink":              {"staff", "/admin/wallets"},
		"/admin/cards/:id/remove":                {"staff", "/admin/wallets"},
		"/admin/notifications/:id/replay":        {"staff", "/admin/notifications/7"},
		"/admin/staff/:id/remove":                {"staff", "/admin/staff"},
		"/admin/staff/:id/reissue":               {"staff", "/admin/staff"},
	}
	notPages := map[string]bool{"/antom/notify": true} // Antom's, not a browser's

	routes := ta.router().Routes()
	gets := map[string]bool{}
	for _, r := range routes {
		if r.Method == http.MethodGet {
			gets[r.Path] = true
		}
	}
	anon, buyer, staff := ta.client(t), ta.client(t), ta.client(t)
	buyer.signUp("getpost@example.com")
	staff.staffSignIn()
	seen := 0
	for _, r := range routes {
		if r.Method != http.MethodPost || notPages[r.Path] {
			continue
		}
		w, listed := want[r.Path]
		if !listed {
			if !gets[r.Path] {
				t.Errorf("POST %s has no GET and no entry here", r.Path)
			}
			continue // a form page of its own (sign-in, lookup, …)
		}
		seen++
		path := strings.NewReplacer(":ref", "ORD-1", ":id", "7").Replace(r.Path)
		client := map[string]*browserClient{"": anon, "buyer": buyer, "staff": staff}[w.who]
		if got := client.get(path); got.status != http.StatusSeeOther || got.location != w.to {
			t.Errorf("GET %s: %d %q, want 303 %q", path, got.status, got.location, w.to)
		}
		// Signed out, a buyer's or staff path still asks for sign-in
		// first and goes nowhere else.
		switch w.who {
		case "buyer":
			if got := anon.get(path); got.location != "/signin?next="+url.QueryEscape(path) {
				t.Errorf("signed-out GET %s: %d %q", path, got.status, got.location)
			}
		case "staff":
			if got := anon.get(path); got.status != http.StatusSeeOther || !strings.HasPrefix(got.location, "/admin/signin") {
				t.Errorf("signed-out GET %s: %d %q", path, got.status, got.location)
			}
			if got := buyer.get(path); !strings.HasPrefix(got.location, "/admin/signin") {
				t.Errorf("buyer's GET %s: %d %q", path, got.status, got.location)
			}
		}
	}
	if seen != len(want) {
		t.Errorf("%d of the %d listed POST-only routes are in the router", seen, len(want))
	}
}
