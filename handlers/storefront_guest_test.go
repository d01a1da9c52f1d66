package handlers

import (
	"net/http"
	"strings"
	"testing"
)

// The storefront a guest sees is rendered once per language and kind of
// browser and kept (guestShop); nothing of another visitor's view may
// show in it, and every other view is its own: a signed-in buyer's
// header, a notice, another language, a phone.
func TestStorefrontKeptForGuestsShowsNoOneElses(t *testing.T) {
	ta := newTestApp(t)
	guest := ta.client(t)
	first := guest.get("/")
	assertEqual(t, first.status, http.StatusOK, "guest's storefront")
	assertContains(t, first.body, `href="/signin"`, `<html lang="en"`)

	buyer := ta.client(t)
	welcome := buyer.signUp("kept-shop@example.com")
	told := buyer.get(welcome)
	assertContains(t, told.body, `data-testid="signed-in-as"`, `data-testid="flash"`)
	again := buyer.get("/")
	assertContains(t, again.body, `data-testid="signed-in-as"`)
	if strings.Contains(again.body, `data-testid="flash"`) || strings.Contains(again.body, `href="/signin"`) {
		t.Fatalf("the buyer's storefront, read again: notice shown twice or signed out:\n%s", again.body)
	}

	korean, _ := ta.client(t).getIn("/", "ko")
	assertEqual(t, htmlLang(korean.body), "ko", "a Korean guest's storefront")
	phone := ta.client(t)
	req, _ := http.NewRequest(http.MethodGet, phone.base+"/", nil)
	req.Header.Set("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)")
	resp, err := phone.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, read(t, resp).status, http.StatusOK, "a phone's storefront")

	for _, b := range []*browserClient{guest, ta.client(t)} {
		p := b.get("/")
		if p.body != first.body {
			t.Fatalf("a guest's storefront changed after others' views:\n%s\n---\n%s", first.body, p.body)
		}
		if strings.Contains(p.body, "kept-shop@example.com") || strings.Contains(p.body, `data-testid="flash"`) || !strings.Contains(p.body, `<html lang="en"`) {
			t.Fatalf("a guest's storefront shows another visitor's view:\n%s", p.body)
		}
	}
	english, _ := ta.client(t).getIn("/", "en")
	if english.body != first.body {
		t.Fatal("an English guest's storefront differs from the first")
	}
	korean2, _ := ta.client(t).getIn("/", "ko")
	if korean2.body != korean.body || korean.body == first.body {
		t.Fatal("a Korean guest's storefront is not the Korean page kept")
	}
}
