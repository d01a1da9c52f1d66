package lang

import (
	"strings"
	"testing"
)

// unbrokenWords are words a browser would break inside, each as its
// catalog must write it instead: Thai's "แซนด์บ็อกซ์" (a loanword
// Chromium's Thai dictionary does not know: it split "แซนด์บ็ ⏎ อกซ์"),
// with word joiners (U+2060) between its letters; Malay's "e-dompet"
// (wrapped at its hyphen), with a non-breaking hyphen (U+2011).
var unbrokenWords = map[string]map[string]string{
	"th": {"แซนด์บ็อกซ์": "แ\u2060ซ\u2060น\u2060ด์\u2060บ็\u2060อ\u2060ก\u2060ซ์"},
	"ms": {"e-dompet": "e\u2011dompet", "E-dompet": "E\u2011dompet"},
}

// No message writes a word of unbrokenWords where a line may break
// inside it; and each is still written somewhere, joined.
func TestCatalogsKeepWordsUnbroken(t *testing.T) {
	for code, words := range unbrokenWords {
		c := catalog(t, code)
		for broken, joined := range words {
			used := false
			for id, text := range c {
				if strings.Contains(text, broken) {
					t.Errorf("%s %s: %q, want %q", code, id, broken, joined)
				}
				used = used || strings.Contains(text, joined)
			}
			if !used {
				t.Errorf("%s: %q is written nowhere", code, joined)
			}
		}
	}
}
