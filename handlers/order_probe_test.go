package handlers

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// probeAnswer is everything a visitor sees of an answer about one ref,
// with the ref itself written REF: its status, its headers but those that
// differ on every request (Date, X-Request-Id), and its body.
type probeAnswer struct {
	status  int
	headers string
	body    string
}

// probe sends method path (its REF the ref) as browser b would, with no
// redirects followed, and returns what came back with the ref written REF.
func (b *browserClient) probe(method, path, ref string) probeAnswer {
	b.t.Helper()
	var body io.Reader
	if method == http.MethodPost {
		body = strings.NewReader(url.Values{"again": {"1"}, "wallet": {"0"}}.Encode())
	}
	req, err := http.NewRequest(method, b.base+strings.ReplaceAll(path, "REF", ref), body)
	if err != nil {
		b.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := b.http.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	resp.Header.Del("Date")
	resp.Header.Del("X-Request-Id")
	var headers []string
	for name, values := range resp.Header {
		headers = append(headers, name+": "+strings.Join(values, ", "))
	}
	slices.Sort(headers)
	hide := func(s string) string {
		s = strings.ReplaceAll(strings.ReplaceAll(s, ref, "REF"), url.QueryEscape(ref), "REF")
		s = noticeTokenIn.ReplaceAllString(s, "${1}TOKEN") // random per answer (noticeTo)
		// The session cookie's Max-Age is the seconds left until its
		// Expires (which is compared): one second less across a second's
		// tick between two probes (CI 142).
		return cookieMaxAge.ReplaceAllString(s, "${1}N")
	}
	return probeAnswer{status: resp.StatusCode, headers: hide(strings.Join(headers, "\n")), body: hide(string(got))}
}

// cookieMaxAge finds a Set-Cookie's Max-Age.
var cookieMaxAge = regexp.MustCompile(`(Max-Age=)[0-9]+`)

// noticeTokenIn finds a notice's token in a redirect's Location (?notice=).
var noticeTokenIn = regexp.MustCompile(`([?&]` + noticeParam + `=)[A-Z2-7]+`)

// orderRefRoutes are every buyer route that names an order ref
// (handlers/routes.go), as "METHOD path" with the ref written REF.
var orderRefRoutes = []string{
	"GET /orders/REF",
	"GET /checkout/REF",
	"GET /orders/REF/return",
	"GET /orders/REF/status?seen=x",
	"POST /orders/REF/check",
	"GET /orders/REF/check",
	"POST /orders/REF/pay-another-way",
	"GET /orders/REF/pay-another-way",
	"POST /checkout/REF/card",
	"GET /checkout/REF/card",
	"POST /checkout/REF/pay",
	"GET /checkout/REF/pay",
}

// TestOrderRefsDoNotLeak: a visitor who may not see an order learns
// nothing from any order-ref route about whether the ref exists or whose
// it is. Signed out (in a fresh browser, or one with guest orders of its
// own), an account's order, another browser's guest order and an unknown
// ref answer alike, byte for byte but the ref (the result page, the
// checkout and the card return send all three to sign in, so the
// account's owner comes back; the other routes answer 404, or 303 to sign
// in or to the form's page); signed in as another buyer, all three are 404 alike.
func TestOrderRefsDoNotLeak(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	owner := ta.client(t)
	owner.signUp("owner@example.com")
	accountRef := owner.buy("coffee", "1")
	ta.withCardPage(t, accountRef)
	guestRef := ta.client(t).buy("coffee", "1")
	ta.withCardPage(t, guestRef)
	unknownRef := accountRef[:len(accountRef)-10] + "0000000000" // same length: same Content-Length
	refs := map[string]string{"an account's order": accountRef, "another browser's guest order": guestRef, "an unknown ref": unknownRef}

	fresh := ta.client(t)
	guest := ta.client(t)
	guest.buy("mug", "1")
	other := ta.client(t)
	other.signUp("other@example.com")
	for _, v := range []struct {
		name    string
		b       *browserClient
		wantGet int // the status of each order page's GET (result, checkout, card return)
	}{
		{"signed out, fresh browser", fresh, http.StatusSeeOther},
		{"signed out, with guest orders", guest, http.StatusSeeOther},
		{"another buyer", other, http.StatusNotFound},
	} {
		for _, route := range orderRefRoutes {
			method, path, _ := strings.Cut(route, " ")
			want := v.b.probe(method, path, unknownRef)
			for what, ref := range refs {
				if got := v.b.probe(method, path, ref); got != want {
					t.Errorf("%s, %s: %s answers unlike an unknown ref:\n%d\n%s\n%.300s\n-- unknown --\n%d\n%s\n%.300s",
						v.name, route, what, got.status, got.headers, got.body, want.status, want.headers, want.body)
				}
			}
			switch route {
			case "GET /orders/REF", "GET /checkout/REF", "GET /orders/REF/return":
				if want.status != v.wantGet {
					t.Errorf("%s, %s: %d, want %d", v.name, route, want.status, v.wantGet)
				}
			}
		}
	}
	// Nothing a stranger did counted as the owner's return.
	if a, err := ta.DB.OpenAttempt(ctx, ta.order(t, accountRef).ID); err != nil || !a.ReturnedAt.IsZero() {
		t.Fatalf("a stranger's return counted: %v %v", a.ReturnedAt, err)
	}
}
