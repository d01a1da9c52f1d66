package handlers

import (
	"strings"
	"testing"
)

// An empty list says so in the plural ("No notifications.", not "No
// notification."): the admin's inbox, orders search and dashboard, and
// the buyer's wallets.
func TestEmptyListsSpeakInThePlural(t *testing.T) {
	ta := newAdminApp(t)
	staff := ta.client(t)
	staff.staffSignIn()
	for path, want := range map[string][]string{
		"/admin/notifications?verdict=forged": {`data-testid="no-notifications">No notifications.<`},
		"/admin/orders?q=nobody":              {`data-testid="no-orders">No orders match.<`},
		"/admin":                              {`<span class="muted">payments</span>`, `<span class="muted">refunds</span>`},
	} {
		p := staff.get(path)
		assertContains(t, p.body, want...)
		for _, slip := range []string{"No notification.", "No order matches.", "No payment yet today.", "No refund today."} {
			if strings.Contains(p.body, slip) {
				t.Errorf("%s says %q", path, slip)
			}
		}
	}
	buyer := ta.client(t)
	buyer.signUp("empty@example.com")
	assertContains(t, buyer.get("/wallets").body, "No wallets linked yet.")
}
