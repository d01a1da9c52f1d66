package handlers

import (
	"fmt"
	"net/url"
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// The notice after a buyer confirms an unlink says what is true once
// their wait ended: "Wallet unlinked." when Antom confirmed the revoke;
// while Antom is silent (the unlink under way, as the wallets box below
// says: "GCash … is being unlinked"), that the wallet can no longer be used here
// and the unlink is being confirmed — never "unlinked" above "is being unlinked".
func TestUnlinkNoticeSaysWhatBecameOfTheUnlink(t *testing.T) {
	for _, tc := range []struct {
		what   string
		hold   []string
		status string
		notice string
		box    string // the wallets box's words by name; "" for none
	}{
		{"Antom silent", []string{"revoke"}, db.WalletRevoking,
			"This wallet can no longer be used here. Its unlink is being confirmed with the wallet.",
			"GCash 0917****222 is being unlinked: it can no longer be used here."},
		{"Antom confirmed", nil, db.WalletRevoked, "Wallet unlinked.", ""},
	} {
		t.Run(tc.what, func(t *testing.T) {
			// Held, Antom answers after the buyer's wait (20 ms); else at
			// once, well within the default wait.
			tune := func(o *checkout.Options) {
				if tc.hold != nil {
					o.ActionWait = 20 * time.Millisecond
				}
			}
			ta, f := newFakeAntomAppWith(t, tune, tc.hold...)
			b := ta.client(t)
			b.signUp("unlink-notice@example.com")
			wallet := ta.sealedWallet(t, ta.buyerID(t, "unlink-notice@example.com"), "0917****222")

			p := b.post(fmt.Sprintf("/wallets/%d/unlink", wallet), confirmYes)
			d := html(t, b.get(noticed(t, p, "/wallets")).body)
			assertEqual(t, ta.walletStatus(t, wallet), tc.status, "the wallet when the notice was chosen")
			assertEqual(t, textOf(t, d, "flash"), tc.notice, "the notice")
			assertEqual(t, testid(d, "wallet-told").Text(), tc.box, "the wallets box's words")
			f.releaseOnce()
		})
	}
}

// An unlink confirmed again from a second tab, after the first tab's (here
// still under way: Antom silent), did nothing: it says what a
// confirmation opened then says — the wallet is no longer linked, nothing
// to unlink — never "Wallet unlinked." above "GCash … is being unlinked"; one
// revoke was sent.
func TestUnlinkConfirmedAgainSaysItDidNothing(t *testing.T) {
	ta, f := newFakeAntomAppWith(t, func(o *checkout.Options) { o.ActionWait = 20 * time.Millisecond }, "revoke")
	b := ta.client(t)
	b.signUp("unlink-twice@example.com")
	wallet := ta.sealedWallet(t, ta.buyerID(t, "unlink-twice@example.com"), "0917****333")
	action := fmt.Sprintf("/wallets/%d/unlink", wallet)

	noticed(t, b.post(action, confirmYes), "/wallets") // the first tab
	d := html(t, b.get(noticed(t, b.post(action, confirmYes), "/wallets")).body)
	assertEqual(t, textOf(t, d, "note"), "This wallet is no longer linked, so there is nothing to unlink.", "the second tab's notice")
	assertEqual(t, testid(d, "flash").Length(), 0, "a notice saying it was unlinked")
	f.releaseOnce()
	ta.Checkout.Wait() // the revoke goes on in the background past ActionWait: counted once it has run
	assertEqual(t, f.count("revoke"), 1, "revokes sent")
}

// Staff alike: an Unlink confirmed again (a second tab) after the first,
// still under way, did nothing and says so — never "Wallet unlinked: …
// Antom is asked to revoke its token" when nothing was asked; one revoke.
func TestStaffUnlinkConfirmedAgainSaysItDidNothing(t *testing.T) {
	ta, f := newFakeAntomAppWith(t, func(o *checkout.Options) { o.ActionWait = 20 * time.Millisecond }, "revoke")
	const email = "staff-unlink-twice@example.com"
	ta.client(t).signUp(email)
	wallet := ta.sealedWallet(t, ta.buyerID(t, email), "0917****444")
	b := ta.client(t)
	b.staffSignIn()
	action := fmt.Sprintf("/admin/wallets/%d/unlink", wallet)
	back := "/admin/wallets?email=" + url.QueryEscape(email)

	tab := b.confirmation(action, nil)    // shown in two tabs
	noticed(t, b.post(action, tab), back) // the first tab
	d := html(t, b.get(noticed(t, b.post(action, tab), back)).body)
	assertEqual(t, textOf(t, d, "note"), "This wallet is no longer linked: there is nothing to unlink.", "the second tab's notice")
	assertEqual(t, testid(d, "flash").Length(), 0, "a notice saying it was unlinked")
	f.releaseOnce()
	ta.Checkout.Wait() // the revoke goes on in the background past ActionWait: counted once it has run
	assertEqual(t, f.count("revoke"), 1, "revokes sent")
}
