package lang

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// hanDate is a date as the Chinese catalogs write it (format.date,
// "2026年12月7日"): a line may break between any two of its characters.
var hanDate = regexp.MustCompile(`[0-9]+年[0-9]+月[0-9]+日`)

// Held are the spans [start, end) of s, a page's text in l (as said, or
// escaped for HTML), that a line must never break inside though the text
// does not hold them together: a Chinese date ("2026年12月7日", which broke
// "2026年 ⏎ 12月6日"), and a Korean particle still written in both forms
// with the character before it ("8(으)로": a line broke a Korean page's
// "5678(으)" from its "로" at 390 px, as it may break before a bracket).
// In order, none overlapping. Pages box each in a nowrap span (views'
// words), markup that copied text does not carry: an invisible word
// joiner (U+2060) in the text did, and was copied and searched with it.
func (l Language) Held(s string) [][2]int {
	var out [][2]int
	if strings.Contains(s, "年") {
		for _, m := range hanDate.FindAllStringIndex(s, -1) {
			out = append(out, [2]int{m[0], m[1]})
		}
	}
	if forms := particles[l.Code]; len(forms) > 0 && strings.Contains(s, ")") {
		for _, p := range forms {
			for from := 0; ; {
				i := strings.Index(s[from:], p.both)
				if i < 0 {
					break
				}
				at := from + i
				out = append(out, [2]int{heldFrom(s, at), at + len(p.both)})
				from = at + len(p.both)
			}
		}
	}
	return tidy(out)
}

// heldFrom is where a span held to the character before at starts: that
// character's start, or the start of the HTML entity it ends ("&#39;"),
// never inside one.
func heldFrom(s string, at int) int {
	_, size := utf8.DecodeLastRuneInString(s[:at])
	start := at - size
	if size == 1 && s[start] == ';' {
		if amp := strings.LastIndexByte(s[:start], '&'); amp >= 0 && start-amp <= 8 && !strings.ContainsAny(s[amp:start], " <>") {
			return amp
		}
	}
	return start
}

// tidy sorts spans by their start and merges those that overlap or touch.
func tidy(spans [][2]int) [][2]int {
	if len(spans) < 2 {
		return spans
	}
	for i := 1; i < len(spans); i++ { // few: insertion sort
		for j := i; j > 0 && spans[j][0] < spans[j-1][0]; j-- {
			spans[j], spans[j-1] = spans[j-1], spans[j]
		}
	}
	out := spans[:1]
	for _, s := range spans[1:] {
		if last := &out[len(out)-1]; s[0] <= last[1] {
			last[1] = max(last[1], s[1])
			continue
		}
		out = append(out, s)
	}
	return out
}
