package views

import (
	"context"
	"strings"
	"testing"

	"antom-checkout/lang"
)

// The language switcher, its buttons rendered once per language, shows
// every language on every page and marks the page's own as current —
// whichever languages were rendered before — and returns to the page.
func TestLanguageSwitchPerLanguage(t *testing.T) {
	for _, order := range [][]lang.Language{lang.Languages, {lang.Languages[3], lang.Languages[0], lang.Languages[3]}} {
		for _, l := range order {
			var buf strings.Builder
			ctx := lang.WithLocalizer(context.Background(), lang.For(l))
			if err := languageSwitch("/orders?x=<1>").Render(ctx, &buf); err != nil {
				t.Fatal(err)
			}
			html := buf.String()
			if !strings.Contains(html, `name="next" value="/orders?x=&lt;1&gt;"`) {
				t.Errorf("%s: the switcher does not return to its page: %s", l.Code, html)
			}
			for _, other := range lang.Languages {
				want := `data-testid="lang-` + other.Code + `">` + other.Name + `</button>`
				current := `aria-current="false" ` + want
				if other == l {
					current = `aria-current="true" ` + want
				}
				if !strings.Contains(html, current) {
					t.Errorf("%s page: no %q in %s", l.Code, current, html)
				}
			}
		}
	}
}
