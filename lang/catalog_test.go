package lang

import (
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// catalog reads one language's catalog file: message ID → words.
func catalog(t *testing.T, code string) map[string]string {
	t.Helper()
	l, ok := ByCode(code)
	if !ok {
		t.Fatalf("no language %s", code)
	}
	c, err := Catalog(l)
	if err != nil {
		t.Fatalf("language %s: %v", code, err)
	}
	return c
}

// dateFields are what a format.* message may use (see dates.go).
var dateFields = []string{"Day", "Month", "MonthNumber", "Year", "BuddhistYear", "Hour", "Hour12", "Minute", "AmPm", "Zone", "Date", "Time"}

var fieldRE = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func fields(s string) []string {
	var out []string
	for _, m := range fieldRE.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// TestCatalogsComplete: every language has every message of the English
// catalog, no other, none empty, each with the same arguments.
func TestCatalogsComplete(t *testing.T) {
	en := catalog(t, English.Code)
	if len(en) < 100 {
		t.Fatalf("the English catalog has %d messages; it should hold every buyer page's words", len(en))
	}
	for _, l := range Languages[1:] {
		other := catalog(t, l.Code)
		same, err := SameOnPurpose(l)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range slices.Sorted(maps.Keys(en)) {
			words, ok := other[id]
			switch {
			case !ok:
				t.Errorf("%s: %q has no translation", l.Code, id)
			case words == "":
				t.Errorf("%s: %q is empty", l.Code, id)
			case words == en[id] && !same[id] && !Pattern(id):
				t.Errorf("%s: %q is English's words (%q): translate it, or give it a description saying why it is the same", l.Code, id, words)
			case strings.HasPrefix(id, "format."):
				for _, f := range fields(words) {
					if !slices.Contains(dateFields, f) {
						t.Errorf("%s: %q uses %s, not a date field %v", l.Code, id, f, dateFields)
					}
				}
			case !slices.Equal(fields(words), fields(en[id])):
				t.Errorf("%s: %q uses %v, English uses %v", l.Code, id, fields(words), fields(en[id]))
			}
		}
		for id := range other {
			if _, ok := en[id]; !ok {
				t.Errorf("%s: %q is not an English message (renamed or removed?)", l.Code, id)
			}
		}
	}
}

// TestCatalogsLoad: every language's catalog loads, and every catalog
// file is a language the switcher offers (the app reads only those).
func TestCatalogsLoad(t *testing.T) {
	files, err := fs.Glob(catalogFS, "catalog/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if _, ok := ByCode(strings.TrimSuffix(path.Base(f), ".toml")); !ok || path.Ext(f) != ".toml" {
			t.Errorf("%s: a catalog file for no language of Languages", f)
		}
	}
	for _, l := range Languages {
		if _, err := loadBundle(l); err != nil {
			t.Errorf("%s: %v", l.Code, err)
		}
		if !For(l).Has("layout.nav_shop") {
			t.Errorf("%s: its catalog did not load", l.Code)
		}
	}
}

// TestMissingMessage: a message no catalog has reads as its id, so that a
// page test sees it; one a language lacks falls back to English.
func TestMissingMessage(t *testing.T) {
	ko := For(Languages[3])
	if got := ko.T("no.such.message"); got != "no.such.message" {
		t.Errorf("T(unknown) = %q, want the id", got)
	}
	if ko.Has("no.such.message") {
		t.Error("Has(unknown) = true")
	}
	if got, want := For(English).T("link.heading", Args{"Wallet": "GCash"}), "Link GCash"; got != want {
		t.Errorf("T(link.heading) = %q, want %q", got, want)
	}
}

// fullWidthThenSpace is full-width punctuation followed by a space: the
// full-width mark already holds its own space, so CJK text never adds one.
var fullWidthThenSpace = regexp.MustCompile(`[：，、；。！？）]\s`)

// TestCatalogsNoSpaceAfterFullWidthPunctuation: no message writes a space
// after a full-width colon, comma, full stop… ("原因代码： X" reads as
// a gap).
func TestCatalogsNoSpaceAfterFullWidthPunctuation(t *testing.T) {
	for _, l := range Languages {
		for id, words := range catalog(t, l.Code) {
			if m := fullWidthThenSpace.FindString(words); m != "" {
				t.Errorf("%s: %q has a space after full-width punctuation (%q): %q", l.Code, id, m, words)
			}
		}
	}
}

// TestCatalogsNoInvisibleCharacters: no message holds a format
// character (Unicode Cf: a word joiner U+2060, a zero-width space, a
// soft hyphen): it shows as nothing, yet a buyer who copies the words
// (the Scan to Link page's countdown, "1:26 后\u2060过\u2060期。") copies
// it too. Where a line must not break, markup or CSS says so
// (.countdown:lang(zh), a word's box).
func TestCatalogsNoInvisibleCharacters(t *testing.T) {
	for _, l := range Languages {
		for id, words := range catalog(t, l.Code) {
			if i := strings.IndexFunc(words, func(r rune) bool { return unicode.Is(unicode.Cf, r) }); i >= 0 {
				t.Errorf("%s: %q holds an invisible character (%+q): %q", l.Code, id, []rune(words[i:])[0], words)
			}
		}
	}
}

// argThenEllipsis is an ellipsis right after an argument, spaces between
// or not: "with {{.Wallet}}…". The yen symbol before a figure's elided
// digits ("{{.Yen}}…91": "JP¥…91", the test payment's) is no name: the
// figure is one word, kept whole (Language.Whole).
var argThenEllipsis = regexp.MustCompile(`\{\{([^}]*)\}\}\s*(…|\.\.\.)`)

// ellipsisAfterName reports an ellipsis right after an argument other
// than {{.Yen}} in words.
func ellipsisAfterName(words string) bool {
	for _, m := range argThenEllipsis.FindAllStringSubmatch(words, -1) {
		if strings.TrimSpace(m[1]) != ".Yen" {
			return true
		}
	}
	return false
}

// TestCatalogsNoEllipsisAfterANameOrAccount: no message ends a name, a
// method or a masked account ("GCash 0905****009") with an ellipsis,
// which reads as part of it on a narrow line ("0905****009…"); a
// sentence about a wallet that is under way (being confirmed, being
// unlinked) ends as any sentence does in its language, in every
// language alike, whatever its word order.
func TestCatalogsNoEllipsisAfterANameOrAccount(t *testing.T) {
	for _, l := range Languages {
		c := catalog(t, l.Code)
		for id, words := range c {
			if ellipsisAfterName(words) {
				t.Errorf("%s: %q has an ellipsis right after an argument: %q", l.Code, id, words)
			}
		}
		for _, id := range []string{"result.head_processing_wallet", "wallets.unlinking"} {
			if strings.Contains(c[id], "…") {
				t.Errorf("%s: %q says an ellipsis: %q", l.Code, id, c[id])
			}
		}
	}
}
