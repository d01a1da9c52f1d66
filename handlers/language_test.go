package handlers

import (
	"context"
	htmlpkg "html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/lang"
	"antom-checkout/lang/langtest"
)

// getIn fetches path with an Accept-Language header.
func (b *browserClient) getIn(path, acceptLanguage string) (page, http.Header) {
	b.t.Helper()
	return b.askIn(http.MethodGet, path, acceptLanguage)
}

// askIn sends a request of method, without a body, to path with an
// Accept-Language header.
func (b *browserClient) askIn(method, path, acceptLanguage string) (page, http.Header) {
	b.t.Helper()
	req, _ := http.NewRequest(method, b.base+path, nil)
	req.Header.Set("Accept-Language", acceptLanguage)
	resp, err := b.http.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	return read(b.t, resp), resp.Header
}

func htmlLang(body string) string {
	_, rest, _ := strings.Cut(body, `<html lang="`)
	code, _, _ := strings.Cut(rest, `"`)
	return code
}

// The browser's Accept-Language chooses the buyer pages' language; the
// answer says which (Content-Language, <html lang>) and that it varies
// with the header.
func TestLanguageFromAcceptLanguage(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	for accept, want := range map[string]string{
		"": "en", "zh-TW,zh;q=0.9": "zh-Hant", "zh-CN": "zh-Hans", "ko-KR,ko;q=0.9,en;q=0.8": "ko",
		"id-ID": "id", "ms": "ms", "th-TH": "th", "fr-FR": "en",
	} {
		p, h := b.getIn("/", accept)
		assertEqual(t, p.status, http.StatusOK, "storefront in "+accept)
		assertEqual(t, htmlLang(p.body), want, "<html lang> for "+accept)
		assertEqual(t, h.Get("Content-Language"), want, "Content-Language for "+accept)
		vary := strings.Join(h.Values("Vary"), ", ")
		if !strings.Contains(vary, "Accept-Language") || !strings.Contains(vary, "Cookie") {
			t.Errorf("Vary = %q: caches would mix languages", vary)
		}
		if strings.Count(vary, "Cookie") != 1 {
			t.Errorf("Vary = %q: Cookie said more than once", vary)
		}
	}
}

// The switcher remembers the buyer's choice (a cookie, guests too) over
// Accept-Language and returns to the page it was on; a language it does
// not offer, or a return address off the site, changes nothing else.
func TestLanguageSwitcherRemembers(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	p := b.post("/lang", url.Values{"lang": {"ko"}, "next": {"/signin?next=%2Forders"}})
	assertEqual(t, p.status, http.StatusSeeOther, "switch")
	assertEqual(t, p.location, "/signin?next=%2Forders", "back to the page")
	got, _ := b.getIn("/signin", "th-TH")
	assertEqual(t, htmlLang(got.body), "ko", "the choice beats Accept-Language")
	assertContains(t, got.body, `data-testid="lang-ko"`, `aria-current="true"`)

	bad := b.post("/lang", url.Values{"lang": {"xx"}, "next": {"/orders"}})
	assertEqual(t, bad.status, http.StatusBadRequest, "an unknown language")
	assertEqual(t, htmlLang(bad.body), "ko", "the refusal is in the chosen language")
	assertContains(t, bad.body, htmlpkg.EscapeString(lang.For(mustLang(t, "ko")).T("error.bad_language")))
	still, _ := b.getIn("/", "")
	assertEqual(t, htmlLang(still.body), "ko", "an unknown language changes nothing")

	off := b.post("/lang", url.Values{"lang": {"zh-Hant"}, "next": {"//evil.example/"}})
	assertEqual(t, off.location, "/", "a return address off the site")
	now, _ := b.getIn("/", "")
	assertEqual(t, htmlLang(now.body), "zh-Hant", "switched again")
}

// Every page can switch: its footer posts to /lang with the page's own
// address, and a form's error page returns to the form.
func TestLanguageSwitcherOnEveryPage(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	for path, here := range map[string]string{"/": "/", "/signin?next=%2Fwallets": "/signin?next=%2Fwallets", "/no/such/page": "/no/such/page"} {
		p := b.get(path)
		assertContains(t, p.body, `action="/lang"`, `name="next" value="`+strings.ReplaceAll(here, "&", "&amp;")+`"`)
	}
	req, _ := http.NewRequest(http.MethodPost, b.base+"/signin", strings.NewReader("email=a%40example.com&password=wrong-password"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Referer", b.base+"/signin?next=%2Forders")
	resp, err := b.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	p := read(t, resp)
	assertContains(t, p.body, `name="next" value="/signin?next=%2Forders"`)
}

// The admin stays in English whatever the browser asks or the buyer chose.
func TestAdminStaysInEnglish(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.post("/lang", url.Values{"lang": {"th"}, "next": {"/"}})
	p, h := b.getIn("/admin/signin", "th-TH")
	assertEqual(t, htmlLang(p.body), "en", "admin <html lang>")
	if h.Get("Content-Language") == "th" {
		t.Error("the admin answered in Thai")
	}
	if strings.Contains(p.body, "เข้าสู่ระบบ") {
		t.Error("the admin sign-in has Thai words")
	}
	// Its answers to unknown paths and methods too.
	for _, r := range []struct {
		method, path string
		status       int
		message      string
	}{
		{"GET", "/admin/no/such/page", http.StatusNotFound, lang.For(lang.English).T("error.not_found")},
		{"DELETE", "/admin", http.StatusMethodNotAllowed, "Open it from the admin and try again."},
	} {
		p, h := b.askIn(r.method, r.path, "th-TH")
		what := r.method + " " + r.path
		assertEqual(t, p.status, r.status, what)
		assertEqual(t, htmlLang(p.body), "en", what+" <html lang>")
		assertEqual(t, h.Get("Content-Language"), "", what+" Content-Language")
		assertContains(t, p.body, r.message)
	}
}

func mustLang(t *testing.T, code string) lang.Language {
	t.Helper()
	l, ok := lang.ByCode(code)
	if !ok {
		t.Fatalf("no language %s", code)
	}
	return l
}

// Through the handlers, with the words they put on pages (titles, form
// errors, notices, link states, decline words, amounts and dates), every
// buyer page is in the buyer's language.
func TestBuyerPagesSpeakTheBuyersLanguage(t *testing.T) {
	for _, l := range lang.Languages {
		t.Run(l.Code, func(t *testing.T) {
			ta := newTestApp(t)
			b := ta.client(t)
			b.post("/lang", url.Values{"lang": {l.Code}, "next": {"/"}})
			allow := []string{ta.Merchant, "GCash", "Kakao Pay", "Touch 'n Go eWallet", "Alipay", "AlipayHK", "TrueMoney", "DANA"}
			check := func(what string, p page, status int) {
				t.Helper()
				if p.status != status {
					t.Fatalf("%s: %d, want %d", what, p.status, status)
				}
				t.Run(what, func(t *testing.T) { langtest.Check(t, p.body, l.Code, allow...) })
			}
			check("storefront", b.get("/"), http.StatusOK)
			check("bad quantity", b.post("/orders", url.Values{"product": {"coffee"}, "quantity": {"99"}}), http.StatusUnprocessableEntity)
			check("not found", b.get("/no/such/page"), http.StatusNotFound)
			check("sign in", b.get("/signin"), http.StatusOK)
			check("sign in, empty", b.post("/signin", url.Values{"email": {""}, "password": {""}}), http.StatusUnprocessableEntity)
			check("sign in, wrong", b.post("/signin", url.Values{"email": {"no@example.com"}, "password": {"wrong password"}}), http.StatusUnprocessableEntity)
			check("sign up, bad", b.post("/signup", url.Values{"email": {"not-an-email"}, "password": {"short"}}), http.StatusUnprocessableEntity)

			guestRef := b.buy("matcha", "2")
			check("guest checkout", b.get("/checkout/"+guestRef), http.StatusOK)
			check("guest result", b.get("/orders/"+guestRef), http.StatusOK)
			check("guest orders", b.get("/orders"), http.StatusOK)

			email := "buyer-" + strings.ToLower(l.Code) + "@example.com"
			b.signUp(email)
			allow = append(allow, email)
			buyerID := ta.buyerID(t, email)
			check("welcome", b.get("/"), http.StatusOK)
			walletID := ta.insertWallet(t, buyerID, "0917****123")
			cardID := ta.keepCard(t, email)
			if err := ta.DB.KeepCard(context.Background(), db.Card{BuyerID: buyerID, TokenSealed: []byte("sealed"), TokenHash: "no-brand-" + l.Code,
				Last4: "0005", CreatedAt: ta.now}); err != nil { // a card whose brand Antom did not say
				t.Fatal(err)
			}
			wallets := b.get("/wallets")
			check("my wallets", wallets, http.StatusOK)
			assertContains(t, wallets.body, lang.For(l).T("checkout.card")+" •••• 0005", "Visa •••• 4242")
			check("checkout with kept cards", b.get("/checkout/"+guestRef), http.StatusOK)
			check("confirm unlink", b.ask("/wallets/"+itoa(walletID)+"/unlink", nil), http.StatusOK)
			check("confirm removal", b.ask("/cards/"+itoa(cardID)+"/remove", nil), http.StatusOK)

			ref := b.buy("coffee", "1")
			check("checkout", b.get("/checkout/"+ref), http.StatusOK)
			attempt := ta.openAttempt(t, ref, walletID)
			processing := b.get("/orders/" + ref)
			check("processing", processing, http.StatusOK)
			assertEqual(t, textOf(t, html(t, processing.body), "result-headline-text"), lang.For(l).T("result.head_processing_wallet", lang.Args{"Wallet": "GCash 0917****123"}), l.Code+" processing headline")
			ta.settle(t, ref, attempt, db.AttemptFail, "USER_BALANCE_NOT_ENOUGH", "")
			failed := b.get("/orders/" + ref)
			check("failed", failed, http.StatusOK)
			// As read: a word kept whole (lang.Language.Whole) is in a box of its own.
			assertEqual(t, textOf(t, html(t, failed.body), "result-detail"), lang.For(l).T("decline.wallet_balance"), "why it failed")
			check("checkout after a decline", b.get("/checkout/"+ref), http.StatusOK)

			paidRef := b.buy("coffee", "2")
			paid := ta.openAttempt(t, paidRef, walletID)
			ta.settle(t, paidRef, paid, db.AttemptSuccess, "SUCCESS", "2026120100001")
			receipt := b.get("/orders/" + paidRef)
			check("paid", receipt, http.StatusOK)
			loc := lang.For(l)
			// As read: a Chinese date is held by a span of its own (lang.Language.Held).
			assertContains(t, html(t, receipt.body).Text(), loc.Money("USD", 3700, 2), loc.DateTime(ta.now))
			check("my orders", b.get("/orders"), http.StatusOK)

			now := time.Now()
			linkID, err := ta.DB.InsertLinkAttempt(context.Background(), db.LinkAttempt{
				AuthState: "state-" + l.Code, BuyerID: buyerID, Wallet: "KAKAOPAY", ReturnTo: "/wallets",
				Status: db.LinkPending, CreatedAt: now, ExpiresAt: now.Add(15 * time.Minute),
			})
			if err != nil {
				t.Fatal(err)
			}
			ta.DB.SetLinkCode(context.Background(), linkID, "https://wallet.example/qr?c=1", now)
			check("link", b.get("/wallets/link/"+itoa(linkID)), http.StatusOK)
			phone := ta.client(t) // the phone that scanned the code: no session, its own language
			phone.post("/lang", url.Values{"lang": {l.Code}, "next": {"/"}})
			check("link return", phone.get("/wallets/link/return?authState=state-"+l.Code), http.StatusOK)
			check("link return, unknown", phone.get("/wallets/link/return?authState=nope"), http.StatusNotFound)
			check("link return, declined", phone.get("/wallets/link/return?authState=state-"+l.Code+"&error=USER_DECLINED"), http.StatusOK)
			check("link return, declined late", phone.get("/wallets/link/return?authState=state-"+l.Code+"&error=USER_DECLINED"), http.StatusOK)
			asked := b.post("/wallets/"+itoa(walletID)+"/unlink", nil).location // its confirmation's address
			unlinked := b.post("/wallets/"+itoa(walletID)+"/unlink", url.Values{"confirm": {"yes"}})
			notice := b.get(noticed(t, unlinked, "/wallets")) // confirmed unlink
			check("unlinked notice", notice, http.StatusOK)
			assertEqual(t, textOf(t, html(t, notice.body), "flash"), lang.For(l).T("wallets.unlinked"), "the unlinked notice")
			// Its confirmation opened again says there is nothing to unlink.
			stale := b.get(noticed(t, b.get(asked), "/wallets"))
			check("nothing to unlink", stale, http.StatusOK)
			assertEqual(t, textOf(t, html(t, stale.body), "note"), lang.For(l).T("notdone.wallet_not_linked"), "nothing to unlink")
		})
	}
}
