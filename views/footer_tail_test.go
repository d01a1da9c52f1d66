package views

import (
	"context"
	"strings"
	"testing"

	"antom-checkout/lang"
)

// The footer's contact sentence takes its "·" into the link's glued box
// (a line may break after the address's inline block even before a
// no-break space), once, however often it is rendered.
func TestFooterDotIsGluedToTheContactLink(t *testing.T) {
	ctx := lang.WithLocalizer(context.Background(), lang.For(lang.English))
	for i := 0; i < 3; i++ {
		var b strings.Builder
		if err := contactSentenceThen("layout.contact", "help@demo-shop.example", nil, footerDotGlued).Render(ctx, &b); err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(b.String(), "·"); n != 1 {
			t.Fatalf("render %d: %d dots, want 1: %s", i+1, n, b.String())
		}
		if !strings.Contains(b.String(), "</a>\u00a0·</span>") {
			t.Fatalf("render %d: the dot is not glued to the link: %s", i+1, b.String())
		}
	}
}
