package lang

import (
	"strings"
	"testing"
)

// TestWholeWordsAreCatalogWords: each word a language keeps whole
// (Language.Whole) is written so in at least one of its catalog's
// messages — a word reworded in the catalog leaves no stale entry that
// keeps nothing whole.
func TestWholeWordsAreCatalogWords(t *testing.T) {
	for _, l := range Languages {
		c := catalog(t, l.Code)
		for _, w := range l.Whole() {
			found := false
			for _, words := range c {
				if strings.Contains(words, w) {
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
