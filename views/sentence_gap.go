package views

import (
	"strings"
	"unicode/utf8"
)

// gapAfter is what stands between sentence, a whole sentence of a
// catalog, and the next one the page writes after it: a space, but
// nothing after a full-width sentence end ("。", "！", "？"), which
// Chinese follows with no space — "此二維碼只可使用一次。1:18 後失效。",
// not "。 1:18".
func gapAfter(sentence string) string {
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(sentence, " "))
	if strings.ContainsRune("。！？", last) {
		return ""
	}
	return " "
}

// withGap is sentence with gapAfter it.
func withGap(sentence string) string { return sentence + gapAfter(sentence) }
