package views

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/a-h/templ"

	"antom-checkout/lang"
)

// claimsLive matches English words that say a page updates, shows the
// news or moves on by itself: words a signed-out page must not show.
var claimsLive = regexp.MustCompile(`(?i)this page (updates by itself|shows (it|the result|the answer) as soon|takes you there|then lets you)`)

// TestLiveSentencesMarked: every message that says its page updates by
// itself (in English; TestCatalogsComplete holds every language to the
// same {{.Live}}/{{.LiveEnd}}) marks that sentence, so that SayLive cuts
// it out for the signed-out page to hide — all of the claim, inside the
// marks. The noscript hints say the opposite, and the signed-out bars
// that the page no longer updates.
func TestLiveSentencesMarked(t *testing.T) {
	en, err := lang.Catalog(lang.English)
	if err != nil {
		t.Fatal(err)
	}
	marked := 0
	for id, words := range en {
		if !claimsLive.MatchString(words) || strings.HasSuffix(id, ".noscript") {
			continue
		}
		before, rest, ok := strings.Cut(words, "{{.Live}}")
		live, after, ok2 := strings.Cut(rest, "{{.LiveEnd}}")
		if !ok || !ok2 || !claimsLive.MatchString(live) || claimsLive.MatchString(before) || claimsLive.MatchString(after) {
			t.Errorf("%s says the page updates by itself outside {{.Live}}…{{.LiveEnd}}: %q", id, words)
		}
		marked++
	}
	if marked < 10 {
		t.Fatalf("only %d messages say their page updates by itself; the pattern no longer finds them", marked)
	}
}

// TestLiveWordsCut: in every language, a live message is said whole —
// its words before, the live sentence, after — with no mark left over,
// and a message without one is all Before.
func TestLiveWordsCut(t *testing.T) {
	for _, l := range lang.Languages {
		loc := lang.For(l)
		ctx := lang.WithLocalizer(context.Background(), loc)
		for _, id := range []string{"result.detail_processing", "result.detail_card_opening", "result.detail_card_page_expired", "result.cancel_in_doubt", "link.pending_detail"} {
			w := SayLive(ctx, id, lang.Args{"Wallet": "GCash"})
			whole := w.Before + w.Live + w.After
			if w.Live == "" || strings.ContainsAny(whole, "\x00{}") || strings.Contains(whole, "no value") {
				t.Errorf("%s %s: cut as %q", l.Code, id, w)
			}
		}
		if w := SayLive(ctx, "link.linked_detail", lang.Args{"Wallet": "GCash"}); w.Live != "" || w.After != "" || w.Before != loc.T("link.linked_detail", lang.Args{"Wallet": "GCash"}) {
			t.Errorf("%s: a message without a live sentence is cut as %q", l.Code, w)
		}
	}
}

// TestLiveSentenceRendered: the result card and the Scan to Link page
// put the live sentence alone in .live-words (which app.css hides once
// signed out), its words around it outside: in Chinese with no space
// added between them.
func TestLiveSentenceRendered(t *testing.T) {
	for _, code := range []string{"en", "zh-Hans"} {
		l, _ := lang.ByCode(code)
		ctx := lang.WithLocalizer(context.Background(), lang.For(l))
		w := SayLive(ctx, "result.detail_card_opening", nil)
		var buf bytes.Buffer
		if err := ResultBody(ResultCard{Ref: "ORD-1", Key: "k", State: StateProcessing, CardOpening: true}).Render(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		// Each piece with the language's whole words boxed (words: "扣款").
		want := wordsHTML(t, ctx, w.Before) + `<span class="live-words">` + wordsHTML(t, ctx, w.Live) + `</span>` + wordsHTML(t, ctx, w.After)
		if !strings.Contains(buf.String(), want) {
			t.Errorf("%s: the result card has no %s in\n%s", code, want, buf.String())
		}
		w = SayLive(ctx, "link.pending_detail", lang.Args{"Wallet": "GCash"})
		buf.Reset()
		if err := Link(LinkPage{Page: Page{Title: "t"}, ID: 7, WalletName: "GCash", Status: "PENDING", Detail: w}).Render(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		want = `data-testid="link-detail">` + templ.EscapeString(w.Before) + `<span class="live-words">` + templ.EscapeString(w.Live) + `</span></p>`
		if !strings.Contains(buf.String(), want) {
			t.Errorf("%s: the link page has no %s", code, want)
		}
	}
}

// wordsHTML is s as words renders it in ctx's language.
func wordsHTML(t *testing.T, ctx context.Context, s string) string {
	t.Helper()
	var b strings.Builder
	if err := words(s).Render(ctx, &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
