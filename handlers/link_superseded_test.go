package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"antom-checkout/checkout"
)

// The words of a replaced link page whose code may still be agreed to,
// and of a linked one (lang/catalog/en.toml).
const (
	supersededHead       = "This QR code was replaced"
	supersededDetailOpen = "You asked for a new code: scan that one. If you already agreed to this code in GCash, linking still goes ahead. This page updates by itself."
	linkedDetail         = "GCash is ready for one-click payments."
)

// The trial: a buyer asks for a QR code for another phone, then agrees in
// the wallet to the first code after all. The first page said, while it
// waited, that agreeing to it still links (and listened); once the
// wallet's AUTHCODE_CREATED came, both pages — the first attempt's, and
// the one that replaced it, no longer showing its QR code — say the
// wallet is linked, and go on to My wallets.
func TestAgreeingToAReplacedCodeLinksBothPages(t *testing.T) {
	ta, f := newFakeAntomAppWith(t, nil)
	b := ta.client(t)
	b.signUp("renewed@example.com")
	setConsult := func(n int) {
		f.mu.Lock()
		f.answer = map[string]string{"consult": fmt.Sprintf(consultQR, fmt.Sprintf("https://qr.test/link-%d", n)), "applyToken": fmt.Sprintf(applyTokenS, 1)}
		f.mu.Unlock()
	}
	setConsult(1)
	first := b.post("/wallets/link", linkForm).location
	setConsult(2)
	ta.now = ta.now.Add(checkout.LinkRenewEvery) // a new code asked for once this one is a few seconds old
	renewed := b.post(first+"/renew", url.Values{"device": {"other"}})
	assertEqual(t, renewed.status, http.StatusSeeOther, "renew")
	second := renewed.location
	if second == first || second == "" {
		t.Fatalf("renewed to %q from %q", second, first)
	}

	d := html(t, b.get(first).body)
	assertEqual(t, testid(d, "link").AttrOr("data-status", ""), "SUPERSEDED", "the replaced page")
	assertEqual(t, [2]string{textOf(t, d, "link-headline"), textOf(t, d, "link-detail")}, [2]string{supersededHead, supersededDetailOpen}, "its words")
	if until, ok := testid(d, "link").Attr("data-listen-until"); !ok || until == "" {
		t.Fatal("the replaced page does not listen for the wallet")
	}
	// A page that saw it replaced live is told to go on listening too.
	var s linkStatus
	check(t, json.Unmarshal([]byte(b.get(first+"/status?seen=PENDING").body), &s))
	if s.Status != "SUPERSEDED" || s.ListenUntil == 0 || s.Detail+s.Live+s.After != supersededDetailOpen {
		t.Fatalf("the replaced page's news: %+v", s)
	}

	var id int64
	if _, err := fmt.Sscanf(first, "/wallets/link/%d", &id); err != nil {
		t.Fatal(err)
	}
	l, err := ta.DB.LinkAttemptByID(context.Background(), id)
	check(t, err)
	body := fmt.Sprintf(`{"authorizationNotifyType":"AUTHCODE_CREATED","authState":%q,"authCode":"AC-1","userLoginId":"0998****567","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}`, l.AuthState)
	if rec := ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), []byte(body))); rec.Code != http.StatusOK {
		t.Fatalf("AUTHCODE_CREATED: %d", rec.Code)
	}
	ta.Checkout.Wait()

	for _, p := range []string{first, second} {
		d := html(t, b.get(p).body)
		assertEqual(t, testid(d, "link").AttrOr("data-status", ""), "LINKED", p)
		assertEqual(t, [2]string{textOf(t, d, "link-headline"), textOf(t, d, "link-detail")}, [2]string{"Linked: 0998****567", linkedDetail}, p+": words")
		assertEqual(t, testid(d, "qr").Length(), 0, p+": QR codes")
		assertEqual(t, testid(d, "continue").AttrOr("href", ""), p+"/continue", p+": Continue")
	}
	d = html(t, b.get("/wallets").body)
	assertEqual(t, testid(d, "wallet-row").Length(), 1, "My wallets' rows")
	assertEqual(t, f.count("applyToken"), 1, "applyToken calls")
}
