package handlers

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/lang"
)

// langCookie remembers the language the buyer chose with the switcher.
const langCookie = "lang"

// chooseLanguage picks the language of a buyer page (the one chosen with
// the switcher on this browser, else the signed-in buyer's account's —
// loadBuyer ran before —, else the browser's Accept-Language, else
// English) and puts its lang.Localizer in the request's context for the
// handlers and views, writing dates and times in the shop's zone
// (App.Zone). Under /admin it does nothing: the admin stays in English
// (inZone's), its answers to unknown paths, methods and other sites'
// forms too.
func (a *App) chooseLanguage(c *gin.Context) {
	if isAdminPath(c.Request.URL.Path) {
		return
	}
	chosen, _ := c.Cookie(langCookie)
	if _, ok := lang.ByCode(chosen); !ok {
		if l, ok := accountLanguage(c); ok {
			chosen = l.Code
		}
	}
	l := lang.Match(chosen, c.GetHeader("Accept-Language"))
	c.Request = c.Request.WithContext(lang.WithLocalizer(c.Request.Context(), lang.For(l).In(a.Zone)))
	h := c.Writer.Header()
	// Set directly, as securityHeaders sets its own: the language's
	// one-value slice is made once, never written to.
	h["Content-Language"] = contentLanguageOf(l.Code)
	addVary(h, "Accept-Language", "Cookie")
	c.Next()
}

// inZone puts English, in the shop's zone (App.Zone), in the request's
// context before anything renders: the admin's pages and words, and
// every answer given before chooseLanguage runs, write their times
// there; chooseLanguage replaces it for a buyer page, in the same zone.
func (a *App) inZone(c *gin.Context) {
	if a.Zone != nil && a.Zone != time.UTC {
		c.Request = c.Request.WithContext(lang.WithLocalizer(c.Request.Context(), lang.For(lang.English).In(a.Zone)))
	}
	c.Next()
}

// contentLanguage is each language's Content-Language header value.
var contentLanguage = func() map[string][]string {
	out := make(map[string][]string, len(lang.Languages))
	for _, l := range lang.Languages {
		out[l.Code] = []string{l.Code}
	}
	return out
}()

// contentLanguageOf is the Content-Language header value of the language
// code.
func contentLanguageOf(code string) []string {
	if v, ok := contentLanguage[code]; ok {
		return v
	}
	return []string{code}
}

// addVary adds to h's Vary the names not in it yet: the sessions (scs)
// say "Vary: Cookie" already on most pages, and a name said twice is
// noise. It runs on every buyer page: it allocates nothing but the
// value it adds.
func addVary(h http.Header, names ...string) {
	var more []string
	for _, name := range names {
		if !varies(h, name) {
			more = append(more, name)
		}
	}
	if len(more) > 0 {
		h.Add("Vary", strings.Join(more, ", "))
	}
}

// varies reports whether h's Vary names name already.
func varies(h http.Header, name string) bool {
	for _, v := range h.Values("Vary") {
		for said := range strings.SplitSeq(v, ",") {
			if strings.EqualFold(strings.TrimSpace(said), name) {
				return true
			}
		}
	}
	return false
}

// pageLanguage makes a long-poll (the link and result pages' status)
// speak the language of the page that asks (?lang=, views' statusURL)
// when that is a language we have, rather than the one chosen since,
// perhaps in another tab: what the page puts in place must read as the
// page around it, in the shop's zone chooseLanguage put in. Without a
// known ?lang=, chooseLanguage's stands.
func pageLanguage(c *gin.Context) {
	l, ok := lang.ByCode(c.Query("lang"))
	if !ok {
		return
	}
	ctx := c.Request.Context()
	c.Request = c.Request.WithContext(lang.WithLocalizer(ctx, lang.For(l).In(lang.From(ctx).Zone())))
	c.Header("Content-Language", l.Code)
}

// setLanguage is the switcher: it remembers the chosen language (a
// cookie, for a year; guests too; langCookieSameSite), and a signed-in
// buyer's account keeps it too (storeLanguage), and returns to the page
// it was on. An unknown language is refused and changes nothing.
func (a *App) setLanguage(c *gin.Context) {
	l, ok := lang.ByCode(c.PostForm("lang"))
	if !ok {
		a.clientError(c, http.StatusBadRequest, say(c, "error.bad_language"))
		return
	}
	a.rememberLanguage(c, l)
	if b, ok := buyerOf(c); ok && b.Lang != l.Code {
		a.storeLanguage(c, b, l)
	}
	next := c.PostForm("next")
	if !checkout.IsLocalPath(next) {
		next = "/"
	}
	c.Redirect(http.StatusSeeOther, next)
}

// rememberLanguage sets the language cookie to l: this browser's
// language from now on, for a year, signed in or not (signing out keeps
// it: it was chosen on this browser).
func (a *App) rememberLanguage(c *gin.Context, l lang.Language) {
	http.SetCookie(c.Writer, &http.Cookie{
		Name: langCookie, Value: l.Code, Path: "/", MaxAge: 365 * 24 * 60 * 60,
		HttpOnly: true, Secure: a.Sessions.Cookie.Secure, SameSite: langCookieSameSite(a.Sessions.Cookie.Secure),
	})
}

// storeLanguage keeps l, chosen with the switcher, on the signed-in
// buyer b's account, for the pages they read signed in on browsers that
// have chosen none (accountLanguage). The switch never fails for it: the account
// not written (the database down) is logged, and this browser's cookie
// speaks l all the same.
func (a *App) storeLanguage(c *gin.Context, b checkout.Buyer, l lang.Language) {
	ctx := c.Request.Context()
	err := a.Checkout.SetBuyerLang(ctx, b.ID, l.Code)
	// An account gone has nothing to keep it for; a request its client
	// left, no failure of ours.
	if err != nil && !errors.Is(err, db.ErrNotFound) && ctx.Err() == nil {
		a.Log.Error("the language chosen was not kept on the buyer's account", "buyer", b.ID, "lang", l.Code, "err", err,
			"http_request_id", checkout.HTTPRequestID(ctx))
	}
}

// accountLanguage is the language kept on the signed-in buyer's account
// (loadBuyer's), if there is one and the shop still speaks it.
func accountLanguage(c *gin.Context) (lang.Language, bool) {
	b, ok := buyerOf(c)
	if !ok {
		return lang.Language{}, false
	}
	return lang.ByCode(b.Lang)
}

// langCookieSameSite is the language cookie's SameSite: None where the
// cookie is Secure, so a browser sends it with a form posted from another
// site too, and the cross-origin refusal (crossOriginRefused) speaks the
// language the buyer chose rather than the browser's. A language is no
// secret and changes nothing but words, so another site making the
// browser send it gains nothing; the session cookie stays Lax. Browsers
// refuse SameSite=None without Secure, so over plain HTTP (not loopback)
// it stays Lax and the refusal falls back to Accept-Language.
func langCookieSameSite(secure bool) http.SameSite {
	if secure {
		return http.SameSiteNoneMode
	}
	return http.SameSiteLaxMode
}

// say says a message of the buyer pages' catalogs in the request's
// language (English where none was chosen: the admin).
func say(c *gin.Context, id string, args ...lang.Args) string {
	return lang.From(c.Request.Context()).T(id, args...)
}

// money formats an amount in the request's language.
func money(c *gin.Context, m checkout.Money) string {
	return lang.From(c.Request.Context()).Money(m.Currency, m.Minor, m.Digits())
}

// currentPage is where the switcher returns to: this page for a GET, and
// the page the form was on (its same-origin Referer) after a POST that
// answered with a page — without the ?notice= that named the notice an
// action's redirect left for it (shown once, already taken: withNotice).
func currentPage(c *gin.Context) string {
	if c.Request.Method == http.MethodGet {
		return withNotice(c.Request.URL.RequestURI(), "")
	}
	if ref, err := url.Parse(c.Request.Referer()); err == nil && ref.Host == c.Request.Host && checkout.IsLocalPath(ref.RequestURI()) {
		return withNotice(ref.RequestURI(), "")
	}
	return "/"
}

// cardLabel names a card as a buyer page shows it, "Visa •••• 4242", with
// the page's word for a card whose brand is not known: its name
// (cardName) and its account (cardAccount).
func cardLabel(c *gin.Context, brand, last4 string) string {
	return cardName(c, brand) + " " + cardAccount(last4)
}

// cardName is a card's brand as a buyer page shows it, "Visa", or the
// page's word for a card whose brand is not known.
func cardName(c *gin.Context, brand string) string {
	if brand == "" || brand == checkout.UnknownCardBrand {
		return say(c, "checkout.card")
	}
	return brand
}

// cardAccount is the part of a card a buyer page shows after its brand:
// "•••• 4242".
func cardAccount(last4 string) string { return "•••• " + last4 }
