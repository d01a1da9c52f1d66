package handlers

import (
	"net/http"
	"strings"
	"testing"
)

// shopMarks are bits of the shop's layout.
var shopMarks = []string{`href="/signup"`, `data-testid="lang-switch"`, `data-testid="merchant-name"`}

// Staff pages' errors use the staff layout, never the shop's (its
// navigation, Create account, the language switcher): an order that does
// not exist, a path under /admin no route knows, a malformed id.
func TestAdminErrorsUseTheStaffLayout(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	b.staffSignIn()
	for _, path := range []string{"/admin/orders/ORD-NOPE", "/admin/nope", "/admin/wallets/x/unlink"} {
		var p page
		if strings.HasSuffix(path, "/unlink") {
			p = b.post(path, nil)
		} else {
			p = b.get(path)
		}
		assertEqual(t, p.status, http.StatusNotFound, path)
		assertContains(t, p.body, `<body class="admin">`, `data-testid="nav-dashboard"`, `data-testid="staff-email"`, `data-testid="error-status"`, `href="/admin"`)
		for _, shop := range shopMarks {
			if strings.Contains(p.body, shop) {
				t.Fatalf("%s: the staff 404 shows the shop's %s:\n%s", path, shop, p.body)
			}
		}
	}
	// Buyers' pages keep the shop's.
	p := b.get("/no/such/page")
	assertEqual(t, p.status, http.StatusNotFound, "a buyer's 404")
	assertContains(t, p.body, shopMarks...)
	if strings.Contains(p.body, `<body class="admin">`) {
		t.Fatalf("a buyer's 404 in the staff layout:\n%s", p.body)
	}
}
