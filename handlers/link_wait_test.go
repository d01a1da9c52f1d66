package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"antom-checkout/checkout"
)

// The words of a link page whose consult is still out
// (lang/catalog/en.toml): a QR code being prepared, nothing to scan.
const (
	linkPreparingHead   = "We're preparing your GCash code…"
	linkPreparingDetail = "The payment service is preparing the code to scan with GCash. This page shows it as soon as it is ready."
)

// consultQR is consult's S answer with a QR code to scan (%s).
const consultQR = `{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"authCodeForm":{"codeDetails":[{"codeValueType":"QRCODE","displayType":"TEXT","codeValue":"%s"}]}}`

// consultRefused is consult's F answer: the wallet account cannot link.
const consultRefused = `{"result":{"resultCode":"USER_NOT_EXIST","resultStatus":"F","resultMessage":"user not exist"}}`

// linkForm is the wallets page's "Link" form for GCash.
var linkForm = url.Values{"wallet": {"GCASH"}, "return_to": {"/wallets"}}

// newSilentLinkApp is a fake Antom that holds consult (answering answer
// once released) and a service that waits 20 ms for it; and a signed-in
// buyer.
func newSilentLinkApp(t *testing.T, answer string) (*testApp, *fakeAntom, *browserClient) {
	t.Helper()
	ta, f := newFakeAntomAppWith(t, func(o *checkout.Options) { o.ActionWait = 20 * time.Millisecond }, "consult")
	f.answer = map[string]string{"consult": answer}
	f.arrived = make(chan string, 1)
	b := ta.client(t)
	b.signUp("linker@example.com")
	return ta, f, b
}

// pressSilent posts a link form while Antom holds consult: the POST
// answers within the wait all the same, to the link page, once consult
// has reached Antom.
func pressSilent(t *testing.T, b *browserClient, f *fakeAntom, path string, form url.Values) string {
	t.Helper()
	start := time.Now()
	p := b.post(path, form)
	if took := time.Since(start); took > answerBound {
		t.Fatalf("%s answered after %v, Antom silent", path, took)
	}
	assertEqual(t, p.status, http.StatusSeeOther, path)
	select {
	case <-f.arrived:
	case <-time.After(answerBound):
		t.Fatalf("%s reached no Antom", path)
	}
	return p.location
}

// pollLink long-polls a link page's status from seen, in the background.
func pollLink(t *testing.T, b *browserClient, page, seen string) <-chan linkStatus {
	t.Helper()
	return pollJSON[linkStatus](t, b, page+"/status?seen="+url.QueryEscape(seen))
}

// assertPreparing checks a link page while its consult is out: it says
// the QR code is being prepared, shows none, offers nothing to press but
// the way back, and listens for news.
func assertPreparing(t *testing.T, p page, what string) {
	t.Helper()
	assertEqual(t, p.status, http.StatusOK, what)
	d := html(t, p.body)
	assertEqual(t, testid(d, "link").AttrOr("data-status", ""), checkout.LinkPreparing, what+": state")
	assertEqual(t, textOf(t, d, "link-headline"), linkPreparingHead, what+": headline")
	assertEqual(t, textOf(t, d, "link-detail"), linkPreparingDetail, what+": detail")
	assertEqual(t, testid(d, "qr").Length(), 0, what+": QR codes")
	assertEqual(t, d.Find("form:not([hidden]) [data-testid=renew]").Length(), 0, what+": a visible way to try again")
}

// Link a wallet while Antom does not answer consult within the wait: the
// buyer lands at once on the link page saying the QR code is being
// prepared; a second press and a reload send no second consult; once
// consult answers, the page's long-poll says so and the page shows the
// QR code.
func TestLinkStartAnswersWhileAntomIsSilent(t *testing.T) {
	ta, f, b := newSilentLinkApp(t, fmt.Sprintf(consultQR, "https://qr.test/link-1"))
	link := pressSilent(t, b, f, "/wallets/link", linkForm)
	assertEqual(t, link, "/wallets/link/1", "where Link leads while Antom is silent")
	again := b.post("/wallets/link", linkForm)
	assertEqual(t, again.location, link, "a second press, the first consult out")
	for _, what := range []string{"the link page", "a reload of it"} {
		assertPreparing(t, b.get(link), what)
	}

	polled := pollLink(t, b, link, checkout.LinkPreparing)
	f.releaseOnce() // Antom answers: the QR code
	s := <-polled
	assertEqual(t, s.Status, "PENDING", "state once consult answered")
	d := html(t, b.get(link).body)
	assertEqual(t, testid(d, "link").AttrOr("data-status", ""), "PENDING", "the page once consult answered")
	assertEqual(t, textOf(t, d, "link-headline"), "Scan this code with the GCash app", "headline once consult answered")
	assertEqual(t, textOf(t, d, "code-value"), "https://qr.test/link-1", "the QR code's text")
	ta.Checkout.Wait()
	assertEqual(t, f.count("consult"), 1, "consults")
}

// A consult that Antom refuses after the wait: the waiting page's
// long-poll shows the refusal in the very words a refusal within the wait
// shows, and the way to try again.
func TestLinkStartRefusedWhileAntomIsSilent(t *testing.T) {
	quick, quickAntom := newFakeAntomAppWith(t, nil)
	quickAntom.answer = map[string]string{"consult": consultRefused}
	qb := quick.client(t)
	qb.signUp("quick@example.com")
	p := qb.post("/wallets/link", linkForm)
	d := html(t, qb.get(p.location).body)
	assertEqual(t, testid(d, "link").AttrOr("data-status", ""), "FAILED", "a refusal within the wait")
	head, detail := textOf(t, d, "link-headline"), textOf(t, d, "link-detail")

	ta, f, b := newSilentLinkApp(t, consultRefused)
	link := pressSilent(t, b, f, "/wallets/link", linkForm)
	assertPreparing(t, b.get(link), "the link page")
	polled := pollLink(t, b, link, checkout.LinkPreparing)
	f.releaseOnce()
	s := <-polled
	assertEqual(t, s.Status, "FAILED", "state once consult answered")
	assertEqual(t, [2]string{s.Headline, s.Detail}, [2]string{head, detail}, "the refusal's words")
	d = html(t, b.get(link).body)
	assertEqual(t, textOf(t, d, "link-detail"), detail, "the page's words once refused")
	assertEqual(t, d.Find("form:not([hidden]) [data-testid=renew]").Length(), 1, "the way to try again")
	ta.Checkout.Wait()
	assertEqual(t, f.count("consult"), 1, "consults")
}

// "Show a new code" while Antom is silent waits no longer than Link: the
// new attempt's page says its QR code is being prepared, and a second
// press of the same button opens that page and sends no third consult.
func TestLinkRenewAnswersWhileAntomIsSilent(t *testing.T) {
	ta, f := newFakeAntomAppWith(t, func(o *checkout.Options) { o.ActionWait = 20 * time.Millisecond })
	f.answer = map[string]string{"consult": consultRefused}
	b := ta.client(t)
	b.signUp("renew@example.com")
	first := b.post("/wallets/link", linkForm).location
	ta.Checkout.Wait() // the refusal, answered at once, may come after the 20 ms wait on a loaded machine
	d := html(t, b.get(first).body)
	assertEqual(t, testid(d, "link").AttrOr("data-status", ""), "FAILED", "the first attempt")

	f.mu.Lock()
	f.hold["consult"] = true
	f.answer["consult"] = fmt.Sprintf(consultQR, "https://qr.test/link-2")
	f.arrived = make(chan string, 1)
	f.mu.Unlock()
	renewed := pressSilent(t, b, f, first+"/renew", nil)
	if renewed == first {
		t.Fatal("renew led back to the attempt it renewed")
	}
	again := b.post(first+"/renew", nil)
	assertEqual(t, again.location, renewed, "a second press, the new consult out")
	assertPreparing(t, b.get(renewed), "the new attempt's page")
	polled := pollLink(t, b, renewed, checkout.LinkPreparing)
	f.releaseOnce()
	assertEqual(t, (<-polled).Status, "PENDING", "state once consult answered")
	ta.Checkout.Wait()
	assertEqual(t, f.count("consult"), 2, "consults (the first, and the renewal's)")
}

// A consult that will never answer — its lease ran out (the app stopped
// while it was out) — is not "being prepared" for ever: the page says
// the payment service did not confirm, and offers to try again.
func TestLinkConsultThatNeverAnswered(t *testing.T) {
	ta, f, b := newSilentLinkApp(t, fmt.Sprintf(consultQR, "https://qr.test/late"))
	link := pressSilent(t, b, f, "/wallets/link", linkForm)
	assertPreparing(t, b.get(link), "the link page")
	ta.now = ta.now.Add(time.Minute) // past the consult's lease
	d := html(t, b.get(link).body)
	assertEqual(t, testid(d, "link").AttrOr("data-status", ""), "FAILED", "state once nobody waits for consult")
	assertEqual(t, textOf(t, d, "link-detail"), "The payment service did not confirm this linking (it gave no answer we can use). Try again.", "the words")
	f.releaseOnce()
	ta.Checkout.Wait()
	d = html(t, b.get(link).body)
	assertEqual(t, testid(d, "link").AttrOr("data-status", ""), "FAILED", "state once the late answer came")
	assertEqual(t, testid(d, "qr").Length(), 0, "QR codes once the late answer came")
	assertEqual(t, textOf(t, d, "renew"), "Try again", "the button once the late answer came: no code was shown")
	l, err := ta.DB.LinkAttemptByID(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, [2]string{l.Status, l.CodeValue}, [2]string{"FAILED", ""}, "the failed attempt once the late answer came: unchanged")
}
