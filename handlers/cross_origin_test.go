package handlers

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// crossSite posts form as a browser does from another site.
func (b *browserClient) crossSite(path string, form url.Values, acceptLanguage string) page {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodPost, b.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	if acceptLanguage != "" {
		req.Header.Set("Accept-Language", acceptLanguage)
	}
	resp, err := b.http.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	return read(b.t, resp)
}

// A cross-site post to a buyer page is refused (403, nothing done) with
// the shop's error page in the buyer's language, not Go's plain text.
func TestCrossOriginRefusalIsTheShopsPageInTheBuyersLanguage(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	for _, c := range []struct{ accept, title, message string }{
		{"", "403 · Not allowed", "This form was sent from another website, so it was refused and nothing was changed."},
		{"ko-KR,ko;q=0.9", "403 · 허용되지 않음", "이 양식은 다른 웹사이트에서 전송되어 거부되었으며"},
		{"zh-TW", "403 · 不允許", "此表單是從其他網站送出的"},
		{"id", "403 · Tidak diizinkan", "Formulir ini dikirim dari situs web lain"},
	} {
		p := b.crossSite("/orders", url.Values{"product": {"coffee"}, "quantity": {"1"}}, c.accept)
		assertEqual(t, p.status, http.StatusForbidden, "cross-site order "+c.accept)
		d := html(t, p.body)
		assertEqual(t, textOf(t, d, "error-status"), c.title, "title "+c.accept)
		assertContains(t, textOf(t, d, "error-message"), c.message)
		if strings.Contains(p.body, "cross-origin request detected") {
			t.Fatalf("Go's own text:\n%s", p.body)
		}
	}
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM orders"), 0, "orders made")
}

// Under /admin the refusal is the staff's error page, in English, with
// the signed-in staff member; the refund is not made.
func TestCrossOriginRefusalIsTheAdminsPageUnderAdmin(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "crosssite@example.com")
	b := ta.client(t)
	b.staffSignIn()
	p := b.crossSite("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"5"}, "key": {"CROSSKEY"}, "confirm": {"yes"}}, "ko")
	assertEqual(t, p.status, http.StatusForbidden, "cross-site refund")
	d := html(t, p.body)
	assertEqual(t, textOf(t, d, "error-status"), "403 · Not allowed", "title")
	assertContains(t, textOf(t, d, "error-message"), "so it was refused and nothing was done")
	assertEqual(t, textOf(t, d, "staff-email"), staffEmail, "the staff layout")
	assertContains(t, p.body, `<body class="admin">`)
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds"), 0, "refunds made")
	// The same-site post still works.
	ok := b.confirm("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"5"}, "key": {"CROSSKEY"}})
	assertEqual(t, ok.status, http.StatusSeeOther, "same-site refund")
}

// A browser sends a cross-site post without our SameSite=Lax cookies, so
// the shop's refusal cannot know who is signed in: its header claims
// neither — no "Sign in", no account — whether or not the session came
// with it, and its words are the Accept-Language's.
func TestCrossOriginRefusalClaimsNoSignInState(t *testing.T) {
	ta := newTestApp(t)
	signedIn := ta.client(t)
	signedIn.signUp("crossheader@example.com")
	for name, b := range map[string]*browserClient{"a guest": ta.client(t), "a signed-in buyer's session": signedIn} {
		p := b.crossSite("/orders", url.Values{"product": {"coffee"}, "quantity": {"1"}}, "ms")
		assertEqual(t, p.status, http.StatusForbidden, name)
		d := html(t, p.body)
		assertContains(t, textOf(t, d, "error-message"), "Borang ini dihantar dari laman web lain")
		assertEqual(t, htmlLang(p.body), "ms", name+": the page's language")
		nav := d.Find("header nav")
		if nav.Length() != 1 {
			t.Fatalf("%s: no header navigation:\n%s", name, p.body)
		}
		for _, claim := range []string{`a[href="/signin"]`, `a[href="/signup"]`, `a[href="/wallets"]`, `form[action="/signout"]`, `[data-testid="signed-in-as"]`} {
			if d.Find(claim).Length() != 0 {
				t.Errorf("%s: the refusal's page has %s, a sign-in state it cannot know:\n%s", name, claim, nav.Text())
			}
		}
		assertEqual(t, nav.Find(`a[href="/"]`).Length(), 1, name+": the shop's link")
	}
	// The shop's own pages still show the state they know.
	assertContains(t, signedIn.get("/").body, `data-testid="signed-in-as"`)
	assertContains(t, ta.client(t).get("/").body, `href="/signin"`)
}

// The language cookie comes with a form posted from another site where it
// can (Secure: SameSite=None), so the refusal speaks the language the
// buyer chose, not the browser's; over plain HTTP, where browsers refuse
// SameSite=None without Secure, it stays Lax. The session cookie is
// untouched (app/sessions.go: Lax).
func TestLanguageCookieComesWithCrossSitePosts(t *testing.T) {
	for _, secure := range []bool{true, false} {
		ta := newTestApp(t)
		ta.Sessions.Cookie.Secure = secure
		srv := httptest.NewServer(ta.Routes())
		t.Cleanup(srv.Close)
		resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).
			PostForm(srv.URL+"/lang", url.Values{"lang": {"ms"}, "next": {"/"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		var lang *http.Cookie
		for _, c := range resp.Cookies() {
			if c.Name == langCookie {
				lang = c
			}
		}
		if lang == nil {
			t.Fatalf("secure %t: no language cookie: %v", secure, resp.Header["Set-Cookie"])
		}
		want := http.SameSiteLaxMode
		if secure {
			want = http.SameSiteNoneMode
		}
		if lang.SameSite != want || lang.Secure != secure || !lang.HttpOnly || lang.Value != "ms" {
			t.Errorf("secure %t: %s", secure, resp.Header.Get("Set-Cookie"))
		}
	}
	// With the cookie, the refusal speaks the chosen language over the
	// browser's.
	ta := newTestApp(t)
	b := ta.client(t)
	b.post("/lang", url.Values{"lang": {"ms"}, "next": {"/"}})
	p := b.crossSite("/orders", url.Values{"product": {"coffee"}, "quantity": {"1"}}, "ko")
	assertEqual(t, p.status, http.StatusForbidden, "cross-site order")
	assertEqual(t, htmlLang(p.body), "ms", "the page's language")
}
