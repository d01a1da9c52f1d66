package handlers

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"antom-checkout/db"
)

// The admin's wallets page says who or what ended each wallet: the
// buyer's unlink, a staff member's (by email), or the wallet side, in
// one spelling of "cancelled".
func TestAdminWalletsSayWhoEndedThem(t *testing.T) {
	ta := newAdminApp(t)
	buyer := ta.client(t)
	buyer.signUp("ended@example.com")
	id := ta.buyerID(t, "ended@example.com")
	byBuyer, byStaff, inWallet := ta.insertWallet(t, id, "0917****001"), ta.insertWallet(t, id, "0917****002"), ta.insertWallet(t, id, "0917****003")

	u := buyer.post(fmt.Sprintf("/wallets/%d/unlink", byBuyer), confirmYes)
	noticed(t, u, "/wallets") // buyer unlink
	staff := ta.client(t)
	staff.staffSignIn()
	u = staff.confirm(fmt.Sprintf("/admin/wallets/%d/unlink", byStaff), nil)
	noticed(t, u, buyerWalletsPath("ended@example.com")) // staff unlink
	// As a TOKEN_CANCELED notification ends it (applyTokenCanceled).
	if ok, err := ta.DB.EndWallet(context.Background(), inWallet, []string{db.WalletActive}, db.WalletCanceled,
		"cancelled in the wallet: user closed the link", ta.now); err != nil || !ok {
		t.Fatalf("cancel: %v %v", ok, err)
	}

	p := staff.get(buyerWalletsPath("ended@example.com"))
	row := func(id int64) string {
		t.Helper()
		_, after, ok := strings.Cut(p.body, fmt.Sprintf(`data-wallet-id="%d"`, id))
		if !ok {
			t.Fatalf("no row for wallet %d:\n%s", id, p.body)
		}
		r, _, _ := strings.Cut(after, "</tr>")
		return r
	}
	reason := func(words string) string { return `data-testid="admin-wallet-reason">` + words + "<" }
	assertContains(t, row(byBuyer), `data-status="REVOKED">revoked<`, reason("unlinked by the buyer (token unreadable; nothing to revoke)"))
	assertContains(t, row(byStaff), `data-status="REVOKED">revoked<`, reason("unlinked by "+staffEmail+" (token unreadable; nothing to revoke)"))
	assertContains(t, row(inWallet), `data-status="CANCELED">cancelled<`, reason("cancelled in the wallet: user closed the link"))
	if strings.Contains(strings.ReplaceAll(p.body, `data-status="CANCELED"`, ""), "anceled") {
		t.Fatal(`the page spells "canceled" besides "cancelled"`)
	}
}
