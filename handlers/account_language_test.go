package handlers

import (
	"context"
	"net/http"
	"net/url"
	"testing"
)

// langCookieValue is the language cookie this browser holds ("" for none).
func (b *browserClient) langCookieValue() string {
	u, _ := url.Parse(b.base)
	for _, c := range b.http.Jar.Cookies(u) {
		if c.Name == langCookie {
			return c.Value
		}
	}
	return ""
}

// forgetLanguage drops this browser's language cookie, as a browser
// whose cookies were cleared.
func (b *browserClient) forgetLanguage() {
	u, _ := url.Parse(b.base)
	b.http.Jar.SetCookies(u, []*http.Cookie{{Name: langCookie, Value: "", Path: "/", MaxAge: -1}})
}

// signIn signs in as email (signUp's password) and fails the test unless
// it leads on (303).
func (b *browserClient) signIn(email string) {
	b.t.Helper()
	p := b.post("/signin", url.Values{"email": {email}, "password": {"correct horse battery"}, "next": {"/orders"}})
	if p.status != http.StatusSeeOther || p.location != "/orders" {
		b.t.Fatalf("sign in: %d %s %s", p.status, p.location, p.body)
	}
}

// accountLang is the language kept on email's account.
func (ta *testApp) accountLang(t *testing.T, email string) string {
	t.Helper()
	b, err := ta.DB.BuyerByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return b.Lang
}

// The language a signed-in buyer switches to is kept on their account
// (a guest's switch, before signing up, is the browser's alone):
// signing in on a browser that has chosen none speaks it, over the
// browser's Accept-Language, while signed in — signed out, the browser
// speaks its own again and keeps no cookie of it (a shared computer's
// next user reads neither the account's language nor, signing in, has
// theirs hidden by it);
// a browser whose language was chosen on it keeps its own, and signing
// in there does not change the account's; switching there does.
func TestAccountKeepsTheLanguageChosen(t *testing.T) {
	ta := newTestApp(t)
	phone := ta.client(t)
	phone.post("/lang", url.Values{"lang": {"zh-Hant"}, "next": {"/"}}) // as a guest
	phone.signUp("ann@example.com")
	assertEqual(t, phone.langCookieValue(), "zh-Hant", "the phone's language after signing up")
	assertEqual(t, ta.accountLang(t, "ann@example.com"), "", "a new account's language (a guest's switch is the browser's)")
	sw := phone.post("/lang", url.Values{"lang": {"th"}, "next": {"/orders"}})
	assertEqual(t, sw.status, http.StatusSeeOther, "switch")
	assertEqual(t, ta.accountLang(t, "ann@example.com"), "th", "the account's language after the switch")

	laptop := ta.client(t)
	before, _ := laptop.getIn("/signin", "en-US,en;q=0.9")
	assertEqual(t, htmlLang(before.body), "en", "a fresh browser, signed out")
	laptop.signIn("ann@example.com")
	assertEqual(t, laptop.langCookieValue(), "", "the browser's language cookie after signing in (none written)")
	for _, path := range []string{"/orders", "/", "/wallets"} {
		p, h := laptop.getIn(path, "en-US,en;q=0.9")
		assertEqual(t, p.status, http.StatusOK, path)
		assertEqual(t, htmlLang(p.body), "th", path+": <html lang> once signed in")
		assertEqual(t, h.Get("Content-Language"), "th", path+": Content-Language once signed in")
	}
	out := laptop.post("/signout", nil)
	assertEqual(t, out.status, http.StatusSeeOther, "sign out")
	p, _ := laptop.getIn("/", "en-US")
	assertEqual(t, htmlLang(p.body), "en", "signed out: the browser's own language again")
	bob := ta.client(t)
	bob.signUp("bob@example.com")
	bob.post("/lang", url.Values{"lang": {"ko"}, "next": {"/"}})
	laptop.signIn("bob@example.com") // the next user of the laptop
	p, _ = laptop.getIn("/orders", "en-US")
	assertEqual(t, htmlLang(p.body), "ko", "the laptop's next user: their account's language, not the last one's")
	laptop.post("/signout", nil)
	laptop.signIn("ann@example.com")
	laptop.forgetLanguage() // its cookies cleared while still signed in
	p, _ = laptop.getIn("/", "en-US")
	assertEqual(t, htmlLang(p.body), "th", "signed in, the cookie gone: the account's")

	// A browser where a language was chosen keeps it at sign-in; the
	// account keeps its own until a switch there, which it then takes.
	tablet := ta.client(t)
	tablet.post("/lang", url.Values{"lang": {"ko"}, "next": {"/"}})
	tablet.signIn("ann@example.com")
	assertEqual(t, tablet.langCookieValue(), "ko", "the tablet's own choice")
	p, _ = tablet.getIn("/orders", "en-US")
	assertEqual(t, htmlLang(p.body), "ko", "the tablet's own choice, signed in")
	assertEqual(t, ta.accountLang(t, "ann@example.com"), "th", "signing in changes not the account's language")
	tablet.post("/lang", url.Values{"lang": {"id"}, "next": {"/orders"}})
	assertEqual(t, ta.accountLang(t, "ann@example.com"), "id", "a switch on the tablet")
	p, _ = phone.getIn("/orders", "en-US")
	assertEqual(t, htmlLang(p.body), "th", "the phone keeps the language chosen on it")

	// A guest's switch is the browser's alone.
	guest := ta.client(t)
	guest.post("/lang", url.Values{"lang": {"ms"}, "next": {"/"}})
	assertEqual(t, ta.accountLang(t, "ann@example.com"), "id", "a guest's switch")
}

// A language kept on an account that the shop no longer speaks (or never
// did) is none: signing in works and sets no cookie, and the pages speak
// the browser's Accept-Language — never an error page.
func TestAccountLanguageNoLongerSpokenIsIgnored(t *testing.T) {
	ta := newTestApp(t)
	ta.client(t).signUp("cai@example.com")
	if err := ta.DB.SetBuyerLang(context.Background(), ta.buyerID(t, "cai@example.com"), "fr"); err != nil {
		t.Fatal(err)
	}
	b := ta.client(t)
	b.signIn("cai@example.com")
	assertEqual(t, b.langCookieValue(), "", "the language cookie after signing in")
	for _, path := range []string{"/orders", "/", "/wallets"} {
		p, _ := b.getIn(path, "ko-KR,ko;q=0.9")
		assertEqual(t, p.status, http.StatusOK, path)
		assertEqual(t, htmlLang(p.body), "ko", path+": Accept-Language's")
	}
	b.post("/lang", url.Values{"lang": {"ms"}, "next": {"/"}})
	assertEqual(t, ta.accountLang(t, "cai@example.com"), "ms", "a switch replaces it")
}

// Another site's form cannot change a signed-in buyer's language: the
// switcher's POST is refused (403) by the same-origin check before
// anything runs, the account and the cookie as they were.
func TestCrossSiteSwitchChangesNoAccount(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("dan@example.com")
	b.post("/lang", url.Values{"lang": {"ko"}, "next": {"/"}})
	p := b.crossSite("/lang", url.Values{"lang": {"th"}, "next": {"/"}}, "")
	assertEqual(t, p.status, http.StatusForbidden, "a cross-site switch")
	assertEqual(t, ta.accountLang(t, "dan@example.com"), "ko", "the account's language")
	assertEqual(t, b.langCookieValue(), "ko", "the browser's language")
}

// Signing in on a browser that has chosen no language speaks the
// account's from the first page on, over Accept-Language, and writes no
// cookie of it.
func TestSignInOnAFreshBrowserSpeaksTheAccountsLanguage(t *testing.T) {
	ta := newTestApp(t)
	ta.client(t).signUp("eve@example.com")
	if err := ta.DB.SetBuyerLang(context.Background(), ta.buyerID(t, "eve@example.com"), "ko"); err != nil {
		t.Fatal(err)
	}
	b := ta.client(t)
	b.signIn("eve@example.com")
	p, h := b.getIn("/orders", "th-TH")
	assertEqual(t, htmlLang(p.body), "ko", "<html lang> after signing in")
	assertEqual(t, h.Get("Content-Language"), "ko", "Content-Language after signing in")
	assertEqual(t, b.langCookieValue(), "", "the browser's language cookie")
}
