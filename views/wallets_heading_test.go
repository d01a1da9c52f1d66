package views

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/lang"
)

// My wallets' lists each follow a heading of their own, in every
// language: a screen reader's heading navigation went from "My wallets"
// to "Kept cards", past the linked wallets (trial).
func TestMyWalletsListsEachHaveAHeading(t *testing.T) {
	for _, l := range lang.Languages {
		loc := lang.For(l)
		var buf bytes.Buffer
		if err := buyerPages(loc)["wallets"].Render(lang.WithLocalizer(context.Background(), loc), &buf); err != nil {
			t.Fatal(err)
		}
		d, err := goquery.NewDocumentFromReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		for list, id := range map[string]string{"wallets": "wallets.linked_title", "cards": "wallets.kept_cards"} {
			ul := d.Find("ul[data-testid=" + list + "]")
			if ul.Length() != 1 {
				t.Fatalf("%s: %d lists of %s", l.Code, ul.Length(), list)
			}
			h := ul.PrevAllFiltered("h2").First()
			if got, want := strings.TrimSpace(h.Text()), loc.T(id); got != want {
				t.Errorf("%s: the %s list's heading is %q, want %q", l.Code, list, got, want)
			}
		}
	}
}
