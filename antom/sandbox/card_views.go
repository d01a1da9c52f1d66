package sandbox

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
)

//go:embed card_page.html
var cardFiles embed.FS

// parseCardTemplate parses the hosted card page.
func parseCardTemplate() (*template.Template, error) {
	t, err := template.New("card_page.html").ParseFS(cardFiles, "card_page.html")
	if err != nil {
		return nil, fmt.Errorf("sandbox: card template: %w", err)
	}
	return t, nil
}

// Hosted card pages.
const (
	cardPageForm      = "form"
	cardPageChallenge = "challenge"
	cardPageMessage   = "message"
)

// cardView is what one hosted card page shows; Page picks the page.
type cardView struct {
	Page string
	// Lang and W: the page's language (<html lang>) and its words: the
	// one the payment's pay asked for, else the browser's (cardWordsOf).
	Lang        string
	W           *cardWords
	Title       string
	PaymentID   string
	Merchant    string
	Description string
	Amount      string

	// form and challenge: where "Cancel and return to the shop" leads, the
	// request's paymentRedirectUrl (the payment stays unpaid, as on
	// Antom's hosted page: no notification is sent)
	CancelURL string

	// form: what was typed (never the CVC) and the field errors
	Form   cardForm
	Errors map[string]string
	Cards  []TestCard

	// challenge: the card being checked and the code's error
	Brand    string
	LastFour string

	// message
	Outcome   string // unknown, finished, authorized, cancelled, expired, failed
	Message   string
	ReturnURL string // back to the merchant, when known
}

// paymentView is the page for a payment: the form or the challenge, in
// language code and its words wd, the amount written as that language
// writes money (cardAmount).
func paymentView(p payment, cp cardPayment, code string, wd *cardWords) cardView {
	return cardView{
		Page:        cardPageForm,
		Lang:        code,
		W:           wd,
		Title:       wd.PayTitle,
		PaymentID:   p.PaymentID,
		Merchant:    cp.MerchantName,
		Description: cp.Description,
		Amount:      cardAmount(code, p.Currency, p.Amount),
		Errors:      map[string]string{},
		Cards:       TestCards(),
		CancelURL:   cp.RedirectURL,
	}
}

// challengeView is the 3-D Secure page for a payment and its card.
func challengeView(p payment, cp cardPayment, k card, code string, wd *cardWords) cardView {
	v := paymentView(p, cp, code, wd)
	v.Page, v.Title, v.Brand, v.LastFour = cardPageChallenge, wd.ChallengeTitle, k.Brand, k.LastFour
	return v
}

// ChallengeAsk is the challenge's request in the page's words: the card's
// brand and, in bold, its last four digits, each escaped, in the order
// the language puts them (cardWords.Challenge).
func (v cardView) ChallengeAsk() template.HTML {
	return template.HTML(fmt.Sprintf(template.HTMLEscapeString(v.W.Challenge),
		template.HTMLEscapeString(v.Brand), "<strong>"+template.HTMLEscapeString(v.LastFour)+"</strong>"))
}

// ChallengeHint is the sandbox's hint on the challenge page, in the
// page's words (cardWords.ChallengeHint), the code that passes in code
// type.
func (v cardView) ChallengeHint() template.HTML {
	return template.HTML(fmt.Sprintf(template.HTMLEscapeString(v.W.ChallengeHint), "<code>"+challengeCode+"</code>"))
}

// cardFieldOrder are the card page's fields in the order a page shows them:
// the form's, then the challenge's code.
var cardFieldOrder = []string{"number", "expiry", "cvc", "name", "code"}

// Focus is the field a page shown again with field errors puts the focus
// on (autofocus): the first in error, as the merchant app's forms do, so
// that a keyboard or screen-reader user lands on what to mend, its error
// read with it (aria-describedby); "" without errors.
func (v cardView) Focus() string {
	for _, f := range cardFieldOrder {
		if v.Errors[f] != "" {
			return f
		}
	}
	return ""
}

// cardMessage is a page with one outcome message, in language code and
// its words wd.
func cardMessage(code string, wd *cardWords, outcome, title, message, returnURL string) cardView {
	return cardView{Page: cardPageMessage, Lang: code, W: wd, Title: title, Outcome: outcome, Message: message, ReturnURL: returnURL}
}

// renderCard writes a hosted card page with the given status, in v's
// language, else the one r's browser asks for (cardWordsFor). The page
// must not be cached, framed or leak its URL to other sites.
func (s *Sandbox) renderCard(w http.ResponseWriter, r *http.Request, status int, v cardView) {
	if v.W == nil {
		v.Lang, v.W = cardWordsFor(r)
	}
	var buf bytes.Buffer
	if err := s.cardTmpl.Execute(&buf, v); err != nil {
		s.log.Error("sandbox: card page", "page", v.Page, "err", err)
		http.Error(w, "sandbox: could not render the page", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", v.Lang)
	h.Add("Vary", "Accept-Language")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// cardFailed answers a server-side failure with a plain error page; what
// it could not do is in the log.
func (s *Sandbox) cardFailed(w http.ResponseWriter, r *http.Request, what string, err error) {
	s.log.Error("sandbox: card page", "action", what, "err", err)
	code, wd := cardWordsFor(r)
	s.renderCard(w, r, http.StatusInternalServerError, cardMessage(code, wd, "failed", wd.WrongTitle, wd.Wrong, ""))
}
