package sandbox

import (
	"regexp"
	"strings"

	"antom-checkout/lang"
)

// quantityMark is an order description's quantity with the spaces that
// join it to the item, no-break spaces among them (\p{Zs}: Thai's
// catalog writes "×\u00a01"): " × 1" after it ("กาน้ำชา × 1", as Thai
// writes the line) or "2 × " before it ("2 × Ceremonial matcha").
var quantityMark = regexp.MustCompile(`[\s\p{Zs}]*×[\s\p{Zs}]*\d+|\d+[\s\p{Zs}]*×[\s\p{Zs}]*`)

// descriptionPart is a piece of an order's description as the card page
// shows it: words, or its quantity (Quantity), which the page keeps on
// one line with the item (.qty, white-space: nowrap) — a 320 px phone
// put Thai's "× 1" alone on a line under the item, breaking at the space
// before "×".
type descriptionPart struct {
	Text     string
	Quantity bool
	// Whole: a word a line never breaks inside (lang.Language.Whole, of
	// any of the shop's languages: the description is the shop's words),
	// which the page boxes (.term, white-space: nowrap) — Chromium broke
	// Thai's "กาน้ำชาโทโคนาเมะ" (Tokoname teapot) "…โทโคนา ⏎ เมะ" at 320 px.
	Whole bool
}

// wholeWords are every language's words kept whole (lang.Language.Whole).
var wholeWords = func() []string {
	var all []string
	for _, l := range lang.Languages {
		all = append(all, l.Whole()...)
	}
	return all
}()

// wholeParts cuts words at the first of wholeWords found earliest in
// them, again and again: words, and each whole word a part of its own.
func wholeParts(words string) []descriptionPart {
	var parts []descriptionPart
	for words != "" {
		at, word := len(words), ""
		for _, w := range wholeWords {
			if i := strings.Index(words, w); i >= 0 && (i < at || i == at && len(w) > len(word)) {
				at, word = i, w
			}
		}
		if word == "" {
			return append(parts, descriptionPart{Text: words})
		}
		if at > 0 {
			parts = append(parts, descriptionPart{Text: words[:at]})
		}
		parts = append(parts, descriptionPart{Text: word, Whole: true})
		words = words[at+len(word):]
	}
	return parts
}

// DescriptionParts are v's Description cut at its quantity marks
// (quantityMark), in order, and its other words cut at the words kept
// whole (wholeParts); the whole description as one part when it has
// neither.
func (v cardView) DescriptionParts() []descriptionPart {
	var parts []descriptionPart
	at := 0
	for _, m := range quantityMark.FindAllStringIndex(v.Description, -1) {
		if m[0] > at {
			parts = append(parts, wholeParts(v.Description[at:m[0]])...)
		}
		parts = append(parts, descriptionPart{Text: v.Description[m[0]:m[1]], Quantity: true})
		at = m[1]
	}
	if at < len(v.Description) {
		parts = append(parts, wholeParts(v.Description[at:])...)
	}
	return withQuantity(parts)
}

// withQuantity joins each quantity with a whole word right beside it into
// one quantity part ("โทโคนาเมะ ×\u00a01"): the page breaks freely beside
// a word's box (an inline block) and put Thai's "× 1" alone on a line at
// 320 px; the quantity's span (.qty, nowrap) keeps the word whole too.
func withQuantity(parts []descriptionPart) []descriptionPart {
	var out []descriptionPart
	joined := false // the last part is a quantity with its word
	for _, p := range parts {
		if n := len(out); n > 0 && !joined && (p.Quantity && out[n-1].Whole || p.Whole && out[n-1].Quantity) {
			out[n-1], joined = descriptionPart{Text: out[n-1].Text + p.Text, Quantity: true}, true
			continue
		}
		out, joined = append(out, p), false
	}
	return out
}
