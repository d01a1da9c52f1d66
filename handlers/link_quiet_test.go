package handlers

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"antom-checkout/checkout"
)

// The words of a link page whose code has been shown a while without news
// from the wallet (lang/catalog/en.toml, [linking]).
const (
	quietHead        = "We haven't heard back from GCash yet"
	quietDetail      = "If you already agreed in GCash, its confirmation has not reached us, and this code may not finish linking: show a new QR code and scan that one. If you have not scanned this code yet, it still works."
	quietDetailPhone = "If you already agreed in GCash, its confirmation has not reached us, and this linking may not finish: try linking again. If you have not agreed yet, Open GCash still works."
)

// A QR code shown for a minute without news from the wallet (its
// AUTHCODE_CREATED lost, say: Antom sends it again only after 2 minutes,
// when the authCode has expired) does not leave the buyer looking at it
// for ever: the page says it has not heard back, keeps the code (it still
// works if it was not used) and offers a new one — on reload, and to the
// page's long-poll, which answers the change by itself. On a phone, the
// same, in the phone's words.
func TestLinkPageSaysWhenTheWalletIsQuiet(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("quiet@example.com")
	buyer := ta.buyerID(t, "quiet@example.com")
	web := fmt.Sprintf("/wallets/link/%d", ta.linkAttempt(t, buyer, "state-quiet", "WEB", "https://wallet.example/qr?c=9", ""))
	d := html(t, b.get(web).body)
	assertEqual(t, testid(d, "link").AttrOr("data-status", ""), "PENDING", "at first")
	assertEqual(t, d.Find("form:not([hidden]) [data-testid=renew]").Length(), 0, "a new code offered at first")

	ta.now = ta.now.Add(59 * time.Second)
	assertEqual(t, testid(html(t, b.get(web).body), "link").AttrOr("data-status", ""), "PENDING", "59 s on")
	ta.now = ta.now.Add(time.Second)
	d = html(t, b.get(web).body)
	assertEqual(t, testid(d, "link").AttrOr("data-status", ""), checkout.LinkQuiet, "a minute on")
	assertEqual(t, textOf(t, d, "link-headline"), quietHead, "headline")
	assertEqual(t, textOf(t, d, "link-detail"), quietDetail, "detail")
	assertEqual(t, d.Find("[data-testid=qr-block]:not([hidden]) [data-testid=code-value]").Text(), "https://wallet.example/qr?c=9", "the code, still shown")
	assertEqual(t, d.Find("form:not([hidden]) [data-testid=renew]").Text(), "Show a new QR code", "the new code offered")
	assertEqual(t, d.Find("main noscript").Length(), 1, "the refresh hint: still waiting")

	polled := b.get(web + "/status?seen=PENDING")
	var s linkStatus
	if err := json.Unmarshal([]byte(polled.body), &s); err != nil || polled.status != http.StatusOK {
		t.Fatalf("status poll: %d %s", polled.status, polled.body)
	}
	assertEqual(t, [3]string{s.Status, s.Headline, s.Detail}, [3]string{checkout.LinkQuiet, quietHead, quietDetail}, "the long-poll's answer")

	wap := fmt.Sprintf("/wallets/link/%d", ta.linkAttempt(t, buyer, "state-quiet-phone", "WAP", "", "https://wallet.example/authorize?code=9"))
	ta.now = ta.now.Add(time.Minute)
	d = html(t, b.getAs(wap, iPhoneUA).body)
	assertEqual(t, testid(d, "link").AttrOr("data-status", ""), checkout.LinkQuiet, "on a phone, a minute on")
	assertEqual(t, textOf(t, d, "link-detail"), quietDetailPhone, "detail on a phone")
	assertEqual(t, d.Find("[data-testid=open-block]:not([hidden]) [data-testid=open-wallet]").Length(), 1, "Open GCash, still shown")
	assertEqual(t, d.Find("form:not([hidden]) [data-testid=renew]").Text(), "Try linking again", "linking again offered")
}
