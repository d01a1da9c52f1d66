// Package oneline says which characters break a line of text, for the
// two sides of a one-line field: checkout refuses staff text holding one
// (its error says the breaks are spaces in the field now), and views puts
// refused text back in its field with each one a space. Both read this
// one definition, so what is refused and what is put back never drift
// apart.
package oneline

import "strings"

// Breaks are the line breaks a browser drops from a one-line text
// field's value: CR, LF (CR LF counts as one), NEL, and the Unicode line
// and paragraph separators.
const Breaks = "\r\n\u0085\u2028\u2029"

// spaced makes a space of CR LF, then of each of Breaks.
var spaced = func() *strings.Replacer {
	pairs := []string{"\r\n", " "}
	for _, r := range Breaks {
		pairs = append(pairs, string(r), " ")
	}
	return strings.NewReplacer(pairs...)
}()

// Spaced is s with each line break of Breaks a space (CR LF one space),
// nothing else changed: "broken\r\nmug" is "broken mug".
func Spaced(s string) string { return spaced.Replace(s) }

// Has says whether s holds a line break of Breaks.
func Has(s string) bool { return strings.ContainsAny(s, Breaks) }
