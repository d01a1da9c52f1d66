package e2e

import (
	"testing"

	"github.com/chromedp/cdproto/network"
)

// A buyer who chose Thai on their phone signs in on a laptop whose
// browser asks for English and has chosen nothing: from the first page
// after signing in, the laptop speaks Thai (the account's language); once
// they sign out, the laptop speaks its own English again, so its next
// user does not read theirs.
func TestSignInSpeaksTheAccountsLanguage(t *testing.T) {
	srv := startServer(t, nil)
	english := network.Headers{"Accept-Language": "en-US,en;q=0.9"}
	const email = "thai.buyer@example.com"
	names := []string{"Demo shop", email}

	phone := newBrowser(t, srv.URL)
	phone.run(network.Enable(), network.SetExtraHTTPHeaders(english))
	signUp(phone, email)
	phone.switchTo("th")

	laptop := newBrowser(t, srv.URL)
	laptop.run(network.Enable(), network.SetExtraHTTPHeaders(english))
	laptop.visit("/")
	laptop.inLanguage("en", names...)
	signInAs(laptop, email)
	laptop.inLanguage("th", names...)
	laptop.visit("/orders")
	laptop.inLanguage("th", names...)
	laptop.click(`form[action="/signout"].buyer-menu button`, `nav a[href="/signin"]`)
	laptop.inLanguage("en", "Demo shop")
}
