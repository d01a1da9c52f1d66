package lang

import (
	"regexp"
	"strings"
)

// heldToArg are, by language code, the words a catalog writes after an
// argument, a space between, that belong to that argument and never
// begin a line without it: Korean's dependent nouns after a time or an
// amount — "후" (in: the wallet link page's countdown "1:26 후 만료됩니다"
// broke after "1:26" at 390 px; the countdown is updated by JS, so the
// line moved every second), "후에" ("5분(오후 3:05) 후에 다시 시도하세요"),
// "중" (of: "US$37.00 중 US$5.00만큼") — and Chinese's "后"/"後" (in:
// "1:26 后过期"), "前" (before) and "中" (in, of). A Korean word is
// listed with the space that ends it ("중 ", not "중간"); a Chinese one
// alone (Chinese writes no space after it). heldArgs holds each to its
// argument with a no-break space (U+00A0) as the catalog is read, so a
// number JS writes in its place ({left}) keeps it too.
var heldToArg = map[string][]string{
	"ko":      {"후 ", "후에 ", "중 "},
	"zh-Hans": {"后", "前", "中"},
	"zh-Hant": {"後", "前", "中"},
}

// argSpace is an argument of a catalog's message and the space after it.
// {{.Live}} and {{.LiveEnd}} mark a sentence, they stand for no words.
var argSpace = regexp.MustCompile(`\{\{\.(\w+)\}\} `)

// heldArgs is s, a message of language code's catalog, with the space
// after each argument that a word of heldToArg follows a no-break space.
func heldArgs(code, s string) string {
	words := heldToArg[code]
	if len(words) == 0 || !strings.Contains(s, "}} ") {
		return s
	}
	var out strings.Builder
	last := 0
	for _, m := range argSpace.FindAllStringSubmatchIndex(s, -1) {
		arg, end := s[m[2]:m[3]], m[1]
		if arg == "Live" || arg == "LiveEnd" || !heldAt(words, s[end:]) {
			continue
		}
		out.WriteString(s[last : end-1])
		out.WriteString("\u00a0")
		last = end
	}
	out.WriteString(s[last:])
	return out.String()
}

// heldAt reports whether s starts with one of words; a word listed with
// its closing space also ends s, or a sentence's punctuation ends it.
func heldAt(words []string, s string) bool {
	for _, w := range words {
		if strings.HasPrefix(s, w) {
			return true
		}
		if stem, spaced := strings.CutSuffix(w, " "); spaced && strings.HasPrefix(s, stem) {
			if rest := s[len(stem):]; rest == "" || strings.ContainsAny(rest[:1], ".,!?") {
				return true
			}
		}
	}
	return false
}
