package sandbox

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"time"
)

//go:embed wallet_app.html
var walletFiles embed.FS

// parseWalletTemplate parses the wallet app's pages.
func parseWalletTemplate() (*template.Template, error) {
	t, err := template.New("wallet_app.html").ParseFS(walletFiles, "wallet_app.html")
	if err != nil {
		return nil, fmt.Errorf("sandbox: wallet template: %w", err)
	}
	return t, nil
}

// Wallet app pages.
const (
	pageSignIn  = "signin"
	pageConsent = "consent"
	pageMessage = "message"
	pageHome    = "home"
)

// walletView is what one wallet-app page shows; Page picks the page.
type walletView struct {
	Page  string
	Title string
	Brand string // the wallet's name, when one is in play

	// sign-in
	Code   string            // the QR code being authorized, if any
	Login  string            // as typed
	Errors map[string]string // field name → message
	Hints  []hintGroup

	// consent and home
	User     walletUser
	Merchant string // the merchant's name (its client id if it has none)

	// message
	Outcome string // linked, used, expired, invalid, failed
	Message string

	// home
	Balances []string
	Payments []walletPaymentView
	Links    []linkView
}

// hintGroup lists a wallet's test users on the sign-in page.
type hintGroup struct {
	Brand string
	Users []walletUser
}

// linkView is one linked merchant on the home page.
type linkView struct {
	ID       int64
	Merchant string
	Token    string // masked
	Since    string
	Expires  string
}

// walletPaymentView is one of the user's payments on the home page.
type walletPaymentView struct {
	Merchant string // the merchant's name
	Amount   string
	Status   string
	When     string
}

// walletPaymentLimit is how many recent payments the home page lists.
const walletPaymentLimit = 20

// brandName is a wallet's display name.
func brandName(code string) string {
	if b, ok := brandOf(code); ok {
		return b.Name
	}
	return code
}

// signInView is the sign-in page, for a QR code's wallet or (code "")
// for any wallet.
func (s *Sandbox) signInView(ctx context.Context, wallet, code string) (walletView, error) {
	v := walletView{Page: pageSignIn, Title: "Sign in", Code: code, Errors: map[string]string{}}
	if wallet != "" {
		v.Brand = brandName(wallet)
		v.Title = "Sign in to " + v.Brand
	}
	users, err := s.usersOfWallet(ctx, wallet)
	if err != nil {
		return v, err
	}
	for _, u := range users {
		name := brandName(u.Wallet)
		if n := len(v.Hints); n == 0 || v.Hints[n-1].Brand != name {
			v.Hints = append(v.Hints, hintGroup{Brand: name})
		}
		v.Hints[len(v.Hints)-1].Users = append(v.Hints[len(v.Hints)-1].Users, u)
	}
	return v, nil
}

// messageView is a page with one outcome message.
func messageView(outcome, title, message string) walletView {
	return walletView{Page: pageMessage, Title: title, Outcome: outcome, Message: message}
}

// homeView is the signed-in user's balances, recent payments and links.
func (s *Sandbox) homeView(ctx context.Context, u walletUser) (walletView, error) {
	v := walletView{Page: pageHome, Title: brandName(u.Wallet), Brand: brandName(u.Wallet), User: u}
	bals, err := s.balances(ctx, u.Login)
	if err != nil {
		return v, err
	}
	for _, b := range bals {
		v.Balances = append(v.Balances, formatMinor(b.Currency, b.Minor))
	}
	if v.Payments, err = s.walletPayments(ctx, u.Login); err != nil {
		return v, err
	}
	links, err := s.liveTokens(ctx, u.Login)
	if err != nil {
		return v, err
	}
	for _, t := range links {
		v.Links = append(v.Links, linkView{ID: t.ID, Merchant: s.merchantName(t.ClientID), Token: maskToken(t.AccessToken),
			Since: displayDay(t.CreatedAt), Expires: displayDay(t.AccessExpires)})
	}
	return v, nil
}

// walletPayments lists a user's recent payments, newest first.
func (s *Sandbox) walletPayments(ctx context.Context, login string) ([]walletPaymentView, error) {
	ps, err := recentPayments(ctx, s.db, login, walletPaymentLimit)
	if err != nil {
		return nil, err
	}
	out := make([]walletPaymentView, 0, len(ps))
	for _, p := range ps {
		out = append(out, walletPaymentView{Merchant: s.merchantName(p.ClientID), Amount: formatMinor(p.Currency, p.Amount),
			Status: p.Status, When: displayDay(p.CreatedAt)})
	}
	return out, nil
}

// displayDay formats a time for the wallet app, to the minute.
func displayDay(t time.Time) string { return t.Local().Format("2006-01-02 15:04") }

// renderWallet writes a wallet-app page with the given status.
func (s *Sandbox) renderWallet(w http.ResponseWriter, status int, v walletView) {
	var buf bytes.Buffer
	if err := s.wallet.Execute(&buf, v); err != nil {
		s.log.Error("sandbox: wallet page", "page", v.Page, "err", err)
		http.Error(w, "sandbox: could not render the page", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// walletFailed answers a server-side failure with a plain error page.
func (s *Sandbox) walletFailed(w http.ResponseWriter, what string, err error) {
	s.log.Error("sandbox: wallet app", "action", what, "err", err)
	s.renderWallet(w, http.StatusInternalServerError,
		messageView("failed", "Something went wrong", "The sandbox could not "+what+". Its log says why."))
}
