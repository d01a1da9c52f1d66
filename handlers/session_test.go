package handlers

import (
	"context"
	"net/http"
	"testing"
)

// A session that names a buyer or a staff member no longer in the
// database is signed out, not a server error: the buyer's pages ask them
// to sign in, and so do the staff's.
func TestSessionOfSomeoneGoneIsSignedOut(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()

	buyer := ta.client(t)
	buyer.signUp("gone@example.com")
	assertEqual(t, buyer.get("/wallets").status, http.StatusOK, "/wallets while the buyer exists")
	if _, err := ta.DB.SQL().ExecContext(ctx, `DELETE FROM buyers WHERE email = 'gone@example.com'`); err != nil {
		t.Fatal(err)
	}
	for _, what := range []string{"once the buyer is gone", "again"} {
		p := buyer.get("/wallets")
		assertEqual(t, [2]any{p.status, p.location}, [2]any{http.StatusSeeOther, "/signin?next=%2Fwallets"}, "/wallets "+what)
	}

	staff := ta.client(t)
	staff.staffSignIn()
	assertEqual(t, staff.get("/admin").status, http.StatusOK, "/admin while the staff member exists")
	if _, err := ta.DB.SQL().ExecContext(ctx, `DELETE FROM staff WHERE email = '`+staffEmail+`'`); err != nil {
		t.Fatal(err)
	}
	for _, what := range []string{"once the staff member is gone", "again"} {
		p := staff.get("/admin")
		assertEqual(t, [2]any{p.status, p.location}, [2]any{http.StatusSeeOther, "/admin/signin"}, "/admin "+what)
	}
}
