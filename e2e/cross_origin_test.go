package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A real browser posting a form from another site sends none of our
// SameSite=Lax cookies with it, so the shop's refusal (its own 403 page)
// cannot know that the buyer is signed in: its header shows neither
// "Sign in" nor an account — it does not call a signed-in buyer signed
// out — and it says the form came from another site and to go back and
// try again. The shop's own pages still show the buyer signed in.
func TestCrossSiteFormRefusalClaimsNoSignInState(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	signUp(b, "crosssite@example.com")

	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><title>Another site</title>
<form method="post" action="%s/orders"><input name="product" value="coffee"><input name="quantity" value="1">
<button id="send" type="submit">Send</button></form>`, srv.URL)
	}))
	t.Cleanup(other.Close)
	// Another site: the shop is at 127.0.0.1, this page at localhost.
	b.open(strings.Replace(other.URL, "127.0.0.1", "localhost", 1))
	b.click("#send", "[data-testid=error-message]")
	b.waitText("[data-testid=error-status]", "403")
	b.waitText("[data-testid=error-message]", "This form was sent from another website, so it was refused and nothing was changed. Go back to the page on this site and try again.")
	page := b.html()
	for _, claim := range []string{`href="/signin"`, `href="/signup"`, `data-testid="signed-in-as"`, `action="/signout"`, `href="/wallets"`} {
		if strings.Contains(page, claim) {
			t.Errorf("the refusal's page has %s: a sign-in state it cannot know", claim)
		}
	}

	b.visit("/")
	b.waitText("[data-testid=signed-in-as]", "crosssite@example.com")

	// The language the buyer chose comes with the post (the lang cookie is
	// SameSite=None, Secure): the refusal speaks it, not the browser's.
	b.switchTo("ms")
	b.open(strings.Replace(other.URL, "127.0.0.1", "localhost", 1))
	b.click("#send", "[data-testid=error-message]")
	b.waitText("[data-testid=error-status]", "403")
	b.waitText(`html[lang="ms"] [data-testid=error-message]`, "Borang ini dihantar dari laman web lain")
}
