package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/checkout"
)

// "Show a new QR code" pressed again and again (or by a script) while the
// code is seconds old shows that code, says why once, and asks Antom for
// nothing; once the code is LinkRenewEvery old, a press makes a new one.
func TestRenewWithinSecondsKeepsTheCode(t *testing.T) {
	ta, f := newFakeAntomAppWith(t, nil)
	f.answer = map[string]string{"consult": fmt.Sprintf(consultQR, "https://qr.test/link-1")}
	b := ta.client(t)
	b.signUp("spaced@example.com")
	first := b.post("/wallets/link", linkForm).location
	assertEqual(t, f.count("consult"), 1, "consults to start")

	for i := range 20 {
		p := b.post(first+"/renew", nil)
		assertEqual(t, p.status, http.StatusSeeOther, "a renew within seconds")
		assertEqual(t, p.location, first, "where a renew within seconds leads")
		if i == 0 {
			d := html(t, b.get(first).body)
			assertEqual(t, textOf(t, d, "link-just-made"), fmt.Sprintf("This was made less than %d seconds ago and still works, so no new one was made. Ask again in a few seconds if you need to.", int(checkout.LinkRenewEvery.Seconds())), "the page says why")
			assertEqual(t, testid(d, "link").AttrOr("data-status", ""), "PENDING", "the code kept")
		}
	}
	assertEqual(t, f.count("consult"), 1, "consults after 20 renews within seconds")
	assertEqual(t, testid(html(t, b.get(first).body), "link-just-made").Length(), 1, "the note after the last renew")
	assertEqual(t, testid(html(t, b.get(first).body), "link-just-made").Length(), 0, "the note once seen")

	ta.now = ta.now.Add(checkout.LinkRenewEvery)
	second := b.post(first+"/renew", nil).location
	if second == first {
		t.Fatal("a renew once the code is old enough kept it")
	}
	assertEqual(t, f.count("consult"), 2, "consults once the code is old enough")
}

// However the presses come — another way of linking each time, another
// page to come back to — one buyer makes Antom consult at most
// LinkConsultsPerBuyer times per LinkConsultWindow: past it nothing is
// started or ended. A refused renew leads back to the page of the code it
// was to replace, which still works and says so, once, in the buyer's
// language; a refused start answers 429 on the wallets page.
func TestLinkConsultsPerBuyerAreBounded(t *testing.T) {
	ta, f := newFakeAntomAppWith(t, nil)
	f.answer = map[string]string{"consult": fmt.Sprintf(consultQR, "https://qr.test/link-1")}
	b := ta.client(t)
	b.signUp("many@example.com")
	last := b.post("/wallets/link", linkForm).location
	for i := 1; i < checkout.LinkConsultsPerBuyer; i++ {
		device := []string{"other", "phone"}[i%2] // a desktop's "phone" is WEB too: kept only while seconds old
		ta.now = ta.now.Add(checkout.LinkRenewEvery)
		p := b.post(last+"/renew", url.Values{"device": {device}})
		assertEqual(t, p.status, http.StatusSeeOther, fmt.Sprintf("renew %d", i))
		last = p.location
	}
	assertEqual(t, f.count("consult"), checkout.LinkConsultsPerBuyer, "consults within the bound")

	ta.now = ta.now.Add(checkout.LinkRenewEvery)
	renew := b.post(last+"/renew", nil)
	assertEqual(t, [2]any{renew.status, renew.location}, [2]any{http.StatusSeeOther, last}, "a renew past the bound: back to its code")
	d := html(t, b.get(last).body)
	assertEqual(t, testid(d, "link").AttrOr("data-status", ""), "PENDING", "the code the refused renew kept")
	assertEqual(t, testid(d, "qr-block").Length(), 1, "the code shown")
	if got := textOf(t, d, "link-renew-refused"); !strings.HasPrefix(got, "You asked for many linking codes in a short time, so no new one was made. This code still works: scan it, or ask for a new one in ") {
		t.Fatalf("the page does not say why nothing new came: %q", got)
	}
	assertEqual(t, testid(html(t, b.get(last).body), "link-renew-refused").Length(), 0, "the notice once seen")
	b.post("/lang", url.Values{"lang": {"th"}, "next": {last}})
	b.post(last+"/renew", nil)
	if got := textOf(t, html(t, b.get(last).body), "link-renew-refused"); !strings.Contains(got, "โค้ดนี้ยังใช้ได้") {
		t.Fatalf("the notice in Thai: %q", got)
	}
	b.post("/lang", url.Values{"lang": {"en"}, "next": {last}})
	start := b.post("/wallets/link", url.Values{"wallet": {"GCASH"}, "return_to": {"/orders"}})
	assertEqual(t, start.status, http.StatusTooManyRequests, "a new start past the bound, to another page")
	if !strings.Contains(start.body, "You asked for many linking codes in a short time, so no new one was made.") {
		t.Fatalf("the refusal does not say why: %s", start.body)
	}
	assertEqual(t, f.count("consult"), checkout.LinkConsultsPerBuyer, "consults past the bound")
	assertEqual(t, testid(html(t, b.get(last).body), "link").AttrOr("data-status", ""), "PENDING", "the code the refused renews kept")

	ta.now = ta.now.Add(checkout.LinkConsultWindow)
	assertEqual(t, b.post(last+"/renew", nil).status, http.StatusSeeOther, "a renew once the window has passed")
	assertEqual(t, f.count("consult"), checkout.LinkConsultsPerBuyer+1, "consults once the window has passed")
}
