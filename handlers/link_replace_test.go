package handlers

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// applyTokenS is applyToken's S answer for GCash account 0998****567, with
// access token AT-%d.
const applyTokenS = `{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"accessToken":"AT-%d","accessTokenExpiryTime":"2126-01-01T00:00:00+08:00","userLoginId":"0998****567"}`

// linkThroughNotification links GCash with a QR code and the signed
// AUTHCODE_CREATED carrying AC-n, applyToken answering access token AT-n;
// it returns the link page once the link is done.
func linkThroughNotification(t *testing.T, ta *testApp, f *fakeAntom, b *browserClient, n int) string {
	t.Helper()
	f.mu.Lock()
	f.answer = map[string]string{"consult": fmt.Sprintf(consultQR, fmt.Sprintf("https://qr.test/link-%d", n)), "applyToken": fmt.Sprintf(applyTokenS, n)}
	f.mu.Unlock()
	page := b.post("/wallets/link", linkForm).location
	var id int64
	if _, err := fmt.Sscanf(page, "/wallets/link/%d", &id); err != nil {
		t.Fatalf("link %d: %q", n, page)
	}
	l, err := ta.DB.LinkAttemptByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	body := fmt.Sprintf(`{"authorizationNotifyType":"AUTHCODE_CREATED","authState":%q,"authCode":"AC-%d","userLoginId":"0998****567","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}`, l.AuthState, n)
	if rec := ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), []byte(body))); rec.Code != http.StatusOK {
		t.Fatalf("AUTHCODE_CREATED %d: %d", n, rec.Code)
	}
	ta.Checkout.Wait()
	return page
}

// The same GCash account linked twice is one wallet: the second link
// replaces the first (whose token is revoked at Antom), its page says it
// linked again, and so does the notice on My wallets it goes on to; My
// wallets and the checkout list it once. The first attempt's page still
// says the account is linked.
func TestSameAccountLinkedAgainIsListedOnce(t *testing.T) {
	ta, f := newFakeAntomAppWith(t, nil)
	b := ta.client(t)
	b.signUp("twice@example.com")
	first := linkThroughNotification(t, ta, f, b, 1)
	second := linkThroughNotification(t, ta, f, b, 2)

	d := html(t, b.get(second).body)
	assertEqual(t, testid(d, "link").AttrOr("data-status", ""), "LINKED", "the second link")
	assertEqual(t, textOf(t, d, "link-headline"), "Linked again: 0998****567", "its headline")
	assertEqual(t, textOf(t, d, "link-detail"), "This GCash account was already linked. The new link replaces the earlier one, so it is listed once, and GCash is ready for one-click payments.", "its detail")
	d = html(t, b.get(first).body)
	assertEqual(t, [2]string{testid(d, "link").AttrOr("data-status", ""), textOf(t, d, "link-headline")}, [2]string{"LINKED", "Linked: 0998****567"}, "the first link's page")
	// Where linking started (My wallets), the notice says it as the page did.
	p := b.get(second + "/continue")
	assertEqual(t, textOf(t, html(t, b.get(p.location).body), "flash"),
		"Linked again: GCash 0998****567 was already linked, and the new link replaces the earlier one. It is ready for one-click payments.", "My wallets after the second link")
	p = b.get(first + "/continue")
	assertEqual(t, textOf(t, html(t, b.get(p.location).body), "flash"), "Linked: GCash 0998****567 is ready for one-click payments.", "My wallets after the first link")

	d = html(t, b.get("/wallets").body)
	assertEqual(t, testid(d, "wallet-row").Length(), 1, "My wallets' rows")
	assertEqual(t, textOf(t, d, "wallet-login"), "0998****567", "the login listed")
	ref := b.buy("coffee", "1")
	buttons := html(t, b.get("/checkout/"+ref).body).Find(`[data-testid^="pay-wallet-"]`)
	assertEqual(t, buttons.Length(), 1, "one-click buttons at checkout")
	assertEqual(t, strings.Contains(buttons.Text(), "0998****567"), true, "the button names the account")
	assertEqual(t, f.count("revoke"), 1, "revokes at Antom (the first link's token)")
	assertEqual(t, f.count("applyToken"), 2, "applyTokens")
}
