package proof

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// buyerPassword is every proof buyer's password.
const buyerPassword = "proof buyer password"

// buyer is a signed-in buyer with a linked wallet, or a guest (email "").
// Several workers may act for one buyer at once, as tabs do.
type buyer struct {
	browser  *browser
	email    string
	walletID string // the linked wallet's id on the checkout page
	login    string // the sandbox test user behind the wallet
	wallet   string // its wallet, e.g. GCASH
}

var (
	walletButton = regexp.MustCompile(`data-testid="pay-wallet-(\d+)"`)
	cardButton   = regexp.MustCompile(`data-testid="pay-card-(\d+)"`)
	codeValue    = regexp.MustCompile(`data-testid="code-value">([^<]*)<`)
)

// signUp creates the buyer's account; its browser is then signed in.
func (u *buyer) signUp(ctx context.Context) error {
	_, err := u.browser.postRedirect(ctx, "sign up "+u.email, "/signup", url.Values{"email": {u.email}, "password": {buyerPassword}})
	return err
}

// link links a sandbox test user's wallet by Scan to Link, playing the
// phone on the sandbox's wallet app, and waits for the link page to say
// how it ended: LINKED, or the final status it reached instead.
func (u *buyer) link(ctx context.Context, wallet, login string, wait time.Duration) (string, error) {
	loc, err := u.browser.postRedirect(ctx, "start link", "/wallets/link", url.Values{"wallet": {wallet}, "return_to": {"/wallets"}})
	if err != nil {
		return "", err
	}
	p, err := u.browser.get(ctx, loc)
	if err != nil {
		return "", fmt.Errorf("link page: %w", err)
	}
	m := codeValue.FindStringSubmatch(p.body)
	if m == nil {
		return "", fmt.Errorf("link page %s (HTTP %d) shows no QR code", loc, p.status)
	}
	if err := agreeOnPhone(ctx, html.UnescapeString(m[1]), login); err != nil {
		return "", err
	}
	return u.waitLink(ctx, loc, wait)
}

// agreeOnPhone opens the QR code's wallet-app page in a fresh browser (the
// phone), signs in as the test user and agrees.
func agreeOnPhone(ctx context.Context, walletURL, login string) error {
	u, err := url.Parse(walletURL)
	if err != nil {
		return fmt.Errorf("QR code %q: %w", walletURL, err)
	}
	code := u.Query().Get("code")
	phone := newBrowser(u.Scheme + "://" + u.Host)
	if _, err := phone.postRedirect(ctx, "wallet app sign-in", "/sandbox/wallet/signin",
		url.Values{"code": {code}, "login": {login}, "password": {"sandbox"}}); err != nil {
		return err
	}
	p, err := phone.post(ctx, "/sandbox/wallet/authorize", url.Values{"code": {code}, "action": {"agree"}})
	if err != nil {
		return fmt.Errorf("wallet app agree: %w", err)
	}
	if p.status != http.StatusOK {
		return fmt.Errorf("wallet app agree: HTTP %d", p.status)
	}
	return nil
}

// waitLink long-polls the link page's status, as its script does, until
// the attempt is final or wait passes.
func (u *buyer) waitLink(ctx context.Context, linkPage string, wait time.Duration) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	seen := "PENDING"
	for {
		var s struct{ Status string }
		if err := u.browser.getJSON(ctx, linkPage+"/status?seen="+seen, &s); err != nil {
			return seen, fmt.Errorf("link status: %w", err)
		}
		seen = s.Status
		if seen != "PENDING" && seen != "AUTHORIZED" {
			return seen, nil
		}
	}
}

// order buys qty of a product and returns the order's ref.
func (u *buyer) order(ctx context.Context, product string, qty int) (string, error) {
	loc, err := u.browser.postRedirect(ctx, "create order", "/orders", url.Values{"product": {product}, "quantity": {fmt.Sprint(qty)}})
	if err != nil {
		return "", err
	}
	ref, ok := strings.CutPrefix(loc, "/checkout/")
	if !ok {
		return "", fmt.Errorf("create order: redirected to %s", loc)
	}
	return ref, nil
}

// buttons reads the checkout page's one-click buttons: wallet ids and
// kept card ids.
func (u *buyer) buttons(ctx context.Context, ref string) (wallets, cards []string, err error) {
	p, err := u.browser.get(ctx, "/checkout/"+ref)
	if err != nil {
		return nil, nil, err
	}
	if p.status != http.StatusOK {
		return nil, nil, fmt.Errorf("checkout page: HTTP %d", p.status)
	}
	for _, m := range walletButton.FindAllStringSubmatch(p.body, -1) {
		wallets = append(wallets, m[1])
	}
	for _, m := range cardButton.FindAllStringSubmatch(p.body, -1) {
		cards = append(cards, m[1])
	}
	return wallets, cards, nil
}

// payWallet clicks "Pay with …" once.
func (u *buyer) payWallet(ctx context.Context, ref string) (page, error) {
	return u.browser.post(ctx, "/checkout/"+ref+"/pay", url.Values{"wallet": {u.walletID}})
}

// status reads the result page's state now.
func (u *buyer) status(ctx context.Context, ref string) (string, error) {
	r, err := u.result(ctx, ref, "")
	return r.Status, err
}

// shownResult is the result page's long-poll answer: the state and the
// key of what the page shows.
type shownResult struct{ Status, Key string }

// result asks the result page as its script does: at once with no key,
// else once what it shows differs from key (long poll) or the poll
// window ends.
func (u *buyer) result(ctx context.Context, ref, key string) (shownResult, error) {
	var r shownResult
	err := u.browser.getJSON(ctx, "/orders/"+ref+"/status?seen="+url.QueryEscape(key), &r)
	return r, err
}

// settled reports a result page state that is not "processing".
func settled(state string) bool { return state != "" && state != "processing" }

// waitResult waits on the result page, as its script does, up to wait,
// and returns the last state shown.
func (u *buyer) waitResult(ctx context.Context, ref string, wait time.Duration) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	r, err := u.result(ctx, ref, "")
	for err == nil && !settled(r.Status) {
		var next shownResult
		if next, err = u.result(ctx, ref, r.Key); err == nil {
			r = next
		}
	}
	if errors.Is(err, context.DeadlineExceeded) {
		err = nil
	}
	return r.Status, err
}

// checkAgain presses the result page's Check again (after a card page:
// I have paid — check again).
func (u *buyer) checkAgain(ctx context.Context, ref string) error {
	_, err := u.browser.postRedirect(ctx, "check again", "/orders/"+ref+"/check", nil)
	return err
}
