package checkout

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"antom-checkout/internal/oneline"
)

// plainLine says what is wrong with s, a staff member's free text that is
// shown (on pages, in the timeline) or sent to Antom, as the field's
// error ("" when nothing is): it must be one line of text, and hold no
// Unicode format characters (category Cf: zero-width and text-direction
// controls such as U+202E, which would make it read otherwise than it is
// stored: "evil" shown as "live"), nor a card number (holdsCardNumber).
// field names it and where it goes.
// A line break is said so: the form puts the text back with each break
// a space (oneline.Spaced, in views' lineValue), which is what sending it again would send.
func plainLine(s string, field staffField) string {
	what := field.what
	switch {
	case oneline.Has(s):
		return "One line of text, please: its line breaks are spaces in the field now — check it and send again."
	case strings.ContainsRune(s, '\t'): // a field shows none: say what it is
		fix := "put a space in its place"
		if field.oneWord {
			fix = "take it out"
		}
		return "No tabs, please: " + what + " holds a tab (text pasted from a spreadsheet often does) — " + fix + "."
	case !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool {
		return unicode.IsControl(r) || unicode.In(r, unicode.Zl, unicode.Zp)
	}):
		return "One line of text, please."
	case strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Cf, r) }):
		return "Plain text only, please: " + what + " holds an invisible or text-direction character (such as a zero-width space or a right-to-left override)."
	case holdsCardNumber(s):
		sent := ""
		if field.toAntom {
			sent = " and sent to Antom"
		}
		return "No card numbers, please: " + what + " holds what reads as one, and it would be kept and shown to staff" + sent + " — give at most its last four digits."
	}
	return ""
}

// staffField is a field of a staff member's free text, for plainLine's
// errors: what it is called in them, whether the text is sent to Antom
// besides kept and shown to staff, and whether it is one word.
type staffField struct {
	what    string
	toAntom bool
	oneWord bool // holds no space either (an id): a tab is taken out, not made a space
}

// The fields of staff's free text.
var (
	refundReasonField = staffField{what: "the reason", toAntom: true} // a refund's refundReason
	noteField         = staffField{what: "the note"}
	refundIDField     = staffField{what: "the id", toAntom: true, oneWord: true} // a refund lookup's id: one not ours is asked of Antom
	emailField        = staffField{what: "the email"}
)
