package handlers

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/lang"
)

// pageWords is a page's text as read: its markup out (tagsOut), its
// escapes back.
func pageWords(body string) string {
	return strings.ReplaceAll(tagsOut.ReplaceAllString(body, ""), "&#39;", "'")
}

// lastAttemptFailed gives order ref, after n-1 failed attempts
// (failedAttempts), a last one by method (a wallet's, walletID, or a
// card's) that Antom refused with code, so that it has had n.
func (ta *testApp) lastAttemptFailed(t *testing.T, ref string, n int, method string, walletID int64, code string) {
	t.Helper()
	ta.failedAttempts(t, ref, n-1)
	ctx, o := context.Background(), ta.order(t, ref)
	id, err := ta.DB.InsertAttempt(ctx, db.Attempt{OrderID: o.ID, PaymentRequestID: fmt.Sprintf("PR-%s-LAST", ref),
		Method: method, WalletID: walletID, Currency: o.Currency, Amount: o.Amount, Status: db.AttemptFail,
		CreatedAt: ta.now.Add(time.Second), ExpiresAt: ta.now.Add(time.Minute), NextCheckAt: ta.now})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ta.DB.Raw().ExecContext(ctx, `UPDATE payment_attempts SET result_code = ? WHERE id = ?`, code, id); err != nil {
		t.Fatal(err) // InsertAttempt stores no code: a pay's answer does
	}
}

// An order whose payment attempts are used up, its last payment
// declined, says on its result page why that payment failed and that
// nothing was charged — but not the decline's advice to pay another way
// (or to link the wallet again to pay with it), which the page's next
// words ("can no longer be paid") and its lack of any way to pay would
// contradict; in the buyer's language. Its checkout page says the same
// words above why it can no longer be paid (views' attemptsUsedUp): it
// showed only the latter, and the buyer there never learned what became
// of the last payment.
func TestDeclineOnAnOrderPastItsAttemptsGivesNoAdvice(t *testing.T) {
	en, ko := lang.For(lang.English), lang.For(lang.Languages[3])
	for _, tc := range []struct {
		name, method, code string
		advice, variant    string // message IDs
		said, unsaid       string // English words of the variant and of the advice
	}{
		{"card funds", db.MethodCard, "USER_BALANCE_NOT_ENOUGH", "decline.card_funds", "decline.card_funds_unpayable",
			en.T("decline.card_funds_unpayable"), "Please use another card or pay another way."},
		{"wallet to link again", db.MethodWallet, "INVALID_ACCESS_TOKEN", "decline.wallet_relink_named", "decline.wallet_relink_named_unpayable",
			"is no longer linked. Nothing was charged.", "Link it again to pay with it."},
		// A decline whose words end "You can pay again." (whose page,
		// on an order still payable, offers Pay again).
		{"closed", db.MethodCard, "ORDER_IS_CLOSED", "decline.closed", "decline.closed_unpayable",
			en.T("decline.closed_unpayable"), "You can pay again."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ta, _ := newFakeAntomApp(t)
			b := ta.client(t)
			b.signUp("declined@example.com")
			var wallet int64
			if tc.method == db.MethodWallet {
				wallet = ta.sealedWallet(t, ta.buyerID(t, "declined@example.com"), "0917****123")
			}
			ref := b.buy("coffee", "1")
			ta.lastAttemptFailed(t, ref, checkout.AttemptsPerOrder, tc.method, wallet, tc.code)
			for _, path := range []string{"/orders/" + ref, "/checkout/" + ref} {
				p := b.get(path)
				words := pageWords(p.body)
				if p.status != 200 || !strings.Contains(words, "can no longer be paid") {
					t.Fatalf("%s: %d, does not say the order can no longer be paid:\n%s", path, p.status, words)
				}
				lower := strings.ToLower(words)
				if strings.Contains(words, tc.unsaid) || strings.Contains(lower, "pay another way") || strings.Contains(lower, "pay again") {
					t.Errorf("%s gives the decline's advice %q, or a button to pay:\n%s", path, tc.unsaid, words)
				}
				if !strings.Contains(words, tc.said) {
					t.Errorf("%s does not say %q:\n%s", path, tc.said, words)
				}
			}
			b.post("/lang", url.Values{"lang": {"ko"}, "next": {"/orders/" + ref}})
			named := lang.Args{"Wallet": "GCash 0917****123"}
			said, unsaid := ko.T(tc.variant, named), ko.T(tc.advice, named)
			if tc.method == db.MethodWallet { // from after the wallet's name and its particle
				_, said, _ = strings.Cut(said, "****123")
				_, said, _ = strings.Cut(said, " ")
				_, unsaid, _ = strings.Cut(unsaid, "****123")
				_, unsaid, _ = strings.Cut(unsaid, " ")
			}
			if said == "" || unsaid == "" {
				t.Fatalf("the Korean words %q, %q say nothing", tc.variant, tc.advice)
			}
			for _, path := range []string{"/orders/" + ref, "/checkout/" + ref} {
				words := pageWords(b.get(path).body)
				if !strings.Contains(words, said) || strings.Contains(words, unsaid) {
					t.Errorf("%s in Korean does not say %q in place of %q:\n%s", path, said, unsaid, words)
				}
			}
		})
	}
}
