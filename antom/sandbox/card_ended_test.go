package sandbox

import (
	"html/template"
	"net/http"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
)

// Opened again after paying (Back), the hosted card page says what is
// true of the card in every language it speaks: with captureMode MANUAL
// the card is only authorized until the merchant captures — "Payment
// authorized", nothing charged yet, the shop takes the money when it
// ships — never "Payment finished" (it said so, Chromium trials); once
// captured, in full or in part, finished; an authorization nobody
// captured before it expired, nothing charged; one the merchant voided,
// the hold released and nothing charged (never "what was charged has been
// given back"). AUTOMATIC captures at once: finished.
func TestCardPageSaysWhetherTheCardWasCharged(t *testing.T) {
	l := newLinkSetup(t)
	authorized, _ := l.paidByCard(t, "ended-authorized", 1000, antom.CaptureManual, visaCard)
	captured, _ := l.paidByCard(t, "ended-captured", 1000, antom.CaptureManual, visaCard)
	part, _ := l.paidByCard(t, "ended-part", 1000, antom.CaptureManual, visaCard)
	voided, _ := l.paidByCard(t, "ended-voided", 1000, antom.CaptureManual, visaCard)
	auto, _ := l.paidByCard(t, "ended-auto", 1000, antom.CaptureAutomatic, visaCard)
	lapsing, _ := l.paidByCard(t, "ended-lapsing", 1000, antom.CaptureManual, shortAuthCard)
	wantResult(t, l.capture(t, "ended-cap-all", captured, "USD", 1000).Result, antom.StatusSuccess, antom.CodeSuccess, "capture in full")
	wantResult(t, l.capture(t, "ended-cap-part", part, "USD", 400).Result, antom.StatusSuccess, antom.CodeSuccess, "capture in part")
	wantResult(t, l.cancel(t, voided, "").Result, antom.StatusSuccess, antom.CodeSuccess, "void")
	equal(t, l.info(t, voided).Voided, true, "the uncaptured authorization cancelled is voided")

	type said struct{ outcome, title, message string }
	check := func(when, paymentID string, want func(wd *cardWords) said) {
		t.Helper()
		for _, lg := range cardLanguages {
			wd := lg.words
			w := want(wd)
			what := when + " (" + lg.code + ")"
			got, _ := newBrowser(t).getIn(l.url+cardPagePath(paymentID), lg.code)
			equal(t, got.status, http.StatusGone, what+": status")
			got.has(t, what, `<html lang="`+lg.code+`">`, `data-outcome="`+w.outcome+`"`,
				"<h1>"+template.HTMLEscapeString(w.title)+"</h1>", template.HTMLEscapeString(w.message), `data-testid="card-return"`)
			if w.title != wd.FinishedTitle && strings.Contains(got.body, template.HTMLEscapeString(wd.FinishedTitle)) {
				t.Fatalf("%s: the page says %q", what, wd.FinishedTitle)
			}
		}
	}
	authorizedWords := func(wd *cardWords) said { return said{"authorized", wd.AuthorizedTitle, wd.Authorized} }
	finishedWords := func(wd *cardWords) said { return said{"finished", wd.FinishedTitle, wd.Finished} }
	check("MANUAL, not captured", authorized, authorizedWords)
	check("MANUAL, the short-lived authorization before it expires", lapsing, authorizedWords)
	check("MANUAL, captured in full", captured, finishedWords)
	check("MANUAL, captured in part", part, finishedWords)
	check("AUTOMATIC", auto, finishedWords)
	check("MANUAL, voided", voided, func(wd *cardWords) said { return said{"cancelled", wd.CancelledTitle, wd.CancelledVoided} })

	l.clock.advance(shortAuthValidity + time.Second)
	check("MANUAL, the authorization expired uncaptured", lapsing, func(wd *cardWords) said {
		return said{"expired", wd.AuthLapsedTitle, wd.AuthLapsed}
	})
	check("MANUAL, not captured, its authorization still valid", authorized, authorizedWords)
}

// endedMessage reads a MANUAL authorization without an authExpiryTime
// (none known) as authorized, never as one that expired.
func TestEndedMessageWithoutAuthExpiry(t *testing.T) {
	wd := wordsOf(t, "en")
	p := payment{Status: antom.PaymentSuccess, PaidAt: time.Unix(1_800_000_000, 0)}
	cp := cardPayment{CaptureMode: antom.CaptureManual, Authorized: 1000}
	v := endedMessage(p, cp, "en", wd, p.PaidAt.Add(time.Hour))
	equal(t, v.Outcome+" "+v.Title, "authorized "+wd.AuthorizedTitle, "a MANUAL authorization with no authExpiryTime")
}
