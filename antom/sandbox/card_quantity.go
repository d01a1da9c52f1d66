package sandbox

import "regexp"

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
}

// DescriptionParts are v's Description cut at its quantity marks
// (quantityMark), in order; the whole description as one part when it
// has none.
func (v cardView) DescriptionParts() []descriptionPart {
	var parts []descriptionPart
	at := 0
	for _, m := range quantityMark.FindAllStringIndex(v.Description, -1) {
		if m[0] > at {
			parts = append(parts, descriptionPart{Text: v.Description[at:m[0]]})
		}
		parts = append(parts, descriptionPart{Text: v.Description[m[0]:m[1]], Quantity: true})
		at = m[1]
	}
	if at < len(v.Description) {
		parts = append(parts, descriptionPart{Text: v.Description[at:]})
	}
	return parts
}
