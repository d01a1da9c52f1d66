package handlers

import (
	"net/http"
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
	ok := b.post("/admin/orders/"+ref+"/refunds", url.Values{"amount": {"5"}, "key": {"CROSSKEY"}, "confirm": {"yes"}})
	assertEqual(t, ok.status, http.StatusSeeOther, "same-site refund")
}
