package proof

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// Test cards of the sandbox's hosted page (README, "Test cards").
const (
	cardVisa       = "4242424242424242"
	cardMastercard = "5555555555554444"
	cardDeclined   = "4000000000000002"
	cardNoFunds    = "4000000000009995"
	card3DS        = "4000000000003220"
	code3DS        = "123456"
)

// cardPay is what one "Pay by card" does.
type cardPay struct {
	keep     bool   // tick "Keep this card for next time"
	keptCard string // pay with this kept card's id instead of a new card
	number   string // the card typed on the hosted page
	code     string // the 3-D Secure code, if the card asks for one
	abandon  bool   // close the hosted page without paying
}

// payCard presses "Pay by card" and, when sent to the hosted page, fills
// it in as a browser would (the form, then the 3-D Secure challenge), and
// follows the way back to the app's return page. It returns the steps it
// took, for the order's story.
func (u *buyer) payCard(ctx context.Context, ref string, c cardPay) ([]string, error) {
	form := url.Values{}
	if c.keep {
		form.Set("keep", "1")
	}
	if c.keptCard != "" {
		form.Set("card", c.keptCard)
	}
	p, err := u.browser.post(ctx, "/checkout/"+ref+"/card", form)
	if err != nil {
		return nil, fmt.Errorf("pay by card: %w", err)
	}
	steps := []string{fmt.Sprintf("pay by card → HTTP %d %s", p.status, p.location)}
	if p.status != http.StatusSeeOther || !strings.Contains(p.location, "/sandbox/card/") {
		return steps, nil // settled at once, refused, or another payment is under way
	}
	if c.abandon {
		return append(steps, "closed Antom's page without paying"), nil
	}
	return u.hostedPage(ctx, p.location, c, steps)
}

// hostedPage works through Antom's hosted page from its address until it
// sends the browser back to the app.
func (u *buyer) hostedPage(ctx context.Context, at string, c cardPay, steps []string) ([]string, error) {
	target, err := url.Parse(at)
	if err != nil {
		return steps, err
	}
	paymentID := target.Query().Get("paymentId")
	for i := 0; i < 4; i++ {
		p, err := u.browser.get(ctx, at)
		if err != nil {
			return steps, fmt.Errorf("hosted page: %w", err)
		}
		var sent page
		switch {
		case p.status != http.StatusOK:
			return append(steps, fmt.Sprintf("hosted page → HTTP %d", p.status)), nil
		case strings.Contains(p.body, `data-testid="challenge-form"`):
			sent, err = u.browser.post(ctx, origin(target)+"/sandbox/card/challenge", url.Values{"paymentId": {paymentID}, "code": {c.code}})
			steps = append(steps, "3-D Secure code "+c.code)
		default:
			number := c.number
			if c.keptCard != "" {
				number = cardVisa // a kept card needing no challenge never shows the form
			}
			sent, err = u.browser.post(ctx, origin(target)+"/sandbox/card/pay", url.Values{"paymentId": {paymentID},
				"number": {number}, "expiry": {"12/34"}, "cvc": {"123"}, "name": {"Proof Buyer"}})
			steps = append(steps, "card "+number[len(number)-4:])
		}
		if err != nil {
			return steps, fmt.Errorf("hosted page: %w", err)
		}
		if sent.status != http.StatusSeeOther {
			return append(steps, fmt.Sprintf("hosted page answered HTTP %d", sent.status)), nil
		}
		if strings.Contains(sent.location, "/sandbox/card/") {
			at = origin(target) + sent.location // on to the challenge
			continue
		}
		back, err := u.browser.get(ctx, sent.location) // the paymentRedirectUrl: the app inquires
		if err != nil {
			return steps, fmt.Errorf("return page: %w", err)
		}
		return append(steps, fmt.Sprintf("back at the shop → HTTP %d %s", back.status, back.location)), nil
	}
	return append(steps, "the hosted page kept sending the browser round"), nil
}

// origin is a URL's scheme and host.
func origin(u *url.URL) string { return u.Scheme + "://" + u.Host }
