package lang

import (
	"strings"
	"testing"
)

// TestWholeWordsAreCatalogWords: each word a language keeps whole
// (Language.Whole) is written so in at least one of its catalog's
// messages — a word reworded in the catalog leaves no stale entry that
// keeps nothing whole. A message's {{.Yen}} is read as the language's
// yen symbol, as its pages say it ("JP¥…91" in Simplified Chinese).
func TestWholeWordsAreCatalogWords(t *testing.T) {
	for _, l := range Languages {
		c := catalog(t, l.Code)
		yen := For(l).Symbol("JPY")
		for _, w := range l.Whole() {
			found := false
			for _, words := range c {
				if strings.Contains(strings.ReplaceAll(words, "{{.Yen}}", yen), w) {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("%s: %q is in no message of its catalog", l.Code, w)
			}
		}
	}
}
