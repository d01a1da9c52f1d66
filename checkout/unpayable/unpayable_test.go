package unpayable

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"antom-checkout/lang"
)

// Every variant is in every language, differs there from the words it
// stands for and names the same fields ({{.Wallet}}); each stands for
// one message only.
func TestVariantsInEveryLanguage(t *testing.T) {
	field := regexp.MustCompile(`\{\{[^}]*\}\}`)
	seen := map[string]string{}
	for id, v := range variants {
		if other, twice := seen[v]; twice {
			t.Errorf("%s is the variant of %s and %s", v, id, other)
		}
		seen[v] = id
	}
	for _, l := range lang.Languages {
		c, err := lang.Catalog(l)
		if err != nil {
			t.Fatal(err)
		}
		for id, v := range variants {
			words, said := c[v]
			switch {
			case strings.TrimSpace(c[id]) == "":
				t.Errorf("%s: %s, which %s stands for, is missing", l.Code, id, v)
			case !said || strings.TrimSpace(words) == "":
				t.Errorf("%s: %s (for %s) is missing", l.Code, v, id)
			case words == c[id]:
				t.Errorf("%s: %s says what %s says: %q", l.Code, v, id, words)
			case !slices.Equal(field.FindAllString(words, -1), field.FindAllString(c[id], -1)):
				t.Errorf("%s: %s names %v, %s names %v", l.Code, v, field.FindAllString(words, -1), id, field.FindAllString(c[id], -1))
			}
		}
	}
}

// notVariants are catalog messages named like a variant that are words
// of their own: My orders' badge of an order that can no longer be paid,
// an authorization whose hold ended.
var notVariants = []string{"orders.state_unpayable", "result.detail_authorized_ended"}

// Every message named as a variant (…_unpayable, the result page's
// …_last and …_ended) is one of this table's: a page cannot pick one by itself, beside
// the rule, as three result-page messages once did.
func TestEveryVariantIsTheTables(t *testing.T) {
	en, err := lang.Catalog(lang.English)
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]bool{}
	for _, v := range variants {
		values[v] = true
	}
	n := 0
	for id := range en {
		page := strings.HasPrefix(id, "result.") || strings.HasPrefix(id, "latecharge.")
		named := strings.HasSuffix(id, "_unpayable") || page && (strings.HasSuffix(id, "_last") || strings.HasSuffix(id, "_ended"))
		if !named || slices.Contains(notVariants, id) {
			continue
		}
		n++
		if !values[id] {
			t.Errorf("%s reads as a variant but is none of unpayable's table", id)
		}
	}
	if n != len(variants) {
		t.Errorf("%d messages named as variants, %d variants", n, len(variants))
	}
}

// Words gives a message's variant, and a message without one as it is.
func TestWords(t *testing.T) {
	if got := Words("decline.closed"); got != "decline.closed_unpayable" {
		t.Errorf("Words(decline.closed) = %s", got)
	}
	if got := Words("decline.unknown"); got != "decline.unknown" {
		t.Errorf("Words(decline.unknown) = %s", got)
	}
}
