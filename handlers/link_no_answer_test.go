package handlers

import (
	"net/http"
	"strings"
	"testing"
)

// consultUnknown is consult's U answer: Antom was reached, and gave no
// answer we can use.
const consultUnknown = `{"result":{"resultCode":"UNKNOWN_EXCEPTION","resultStatus":"U","resultMessage":"unknown"}}`

// A consult Antom answered without anything we can use (result U) fails
// the attempt, and the page says what is true — the payment service did
// not confirm, not that it could not be reached — and, as no QR code was
// ever shown, its button says "Try again", not "Show a new QR code"; on
// the page and in the status it updates itself with.
func TestLinkConsultWithoutUsableAnswerSaysSo(t *testing.T) {
	ta, f := newFakeAntomAppWith(t, nil)
	f.answer = map[string]string{"consult": consultUnknown}
	b := ta.client(t)
	b.signUp("unusable@example.com")
	link := b.post("/wallets/link", linkForm).location
	p := b.get(link)
	assertEqual(t, p.status, http.StatusOK, "link page")
	d := html(t, p.body)
	assertEqual(t, testid(d, "link").AttrOr("data-status", ""), "FAILED", "state")
	const words = "The payment service did not confirm this linking (it gave no answer we can use). Try again."
	assertEqual(t, textOf(t, d, "link-detail"), words, "the words")
	if strings.Contains(p.body, "could not reach") {
		t.Fatal("the page says the payment service could not be reached; it was")
	}
	assertEqual(t, textOf(t, d, "renew"), "Try again", "the button, no code ever shown")
	s := b.get(link + "/status?seen=PREPARING")
	assertContains(t, s.body, `"status":"FAILED"`, words)
}
