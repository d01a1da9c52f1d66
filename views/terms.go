package views

import (
	"context"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/a-h/templ"

	"antom-checkout/lang"
)

// termOpen and termClose box a word of the page language's Whole
// (lang.Language): app.css's .term keeps it on one line. termsOpen opens
// the span around text holding such words (writeTerms); app.css passes a
// link's underline through it into the boxes, which an inline block does
// not take by itself.
const (
	termOpen  = `<span class="term">`
	termClose = `</span>`
	termsOpen = `<span class="terms">`
	// heldOpen opens the span around a run of text a line never breaks
	// inside though its characters allow it (lang.Language.Held: a
	// Chinese date, a Korean particle in both forms with the character
	// before it): app.css's .held is white-space: nowrap, inline — no box,
	// so no line may break beside it that the text would not break at.
	// Markup, not word joiners (U+2060) in the text, which copied text
	// carried; as the Scan to Link page's countdown is held (.countdown).
	heldOpen = `<span class="held">`
)

// words is text said in the page's language (a message, a notice a
// handler said), rendered escaped with each of the language's Whole
// words in a box of its own (writeTerms): { s } in a template breaks
// Thai's "แซนด์บ็อกซ์" mid-syllable and Malay's "e-dompet" at its
// hyphen on a narrow phone; @words(s) does not.
func words(s string) templ.Component { return wordsOf(s) }

// wordsOf is words' component: the text, rendered in the page's language.
type wordsOf string

func (s wordsOf) Render(ctx context.Context, w io.Writer) error {
	return writeTerms(w, templ.EscapeString(string(s)), lang.From(ctx).Lang())
}

// writeTerms writes esc, text already escaped for HTML, in language l:
// the runs it holds (l.Held) each in a nowrap span (heldOpen), and the
// words of its Whole boxed (writeWhole), the text then in a <span> of
// its own (termsOpen) as writeWhole puts it.
func writeTerms(w io.Writer, esc string, l lang.Language) error {
	held := l.Held(esc)
	if len(held) == 0 {
		return writeWhole(w, esc, l.Whole())
	}
	if _, err := io.WriteString(w, termsOpen); err != nil {
		return err
	}
	pos := 0
	for _, h := range held {
		if err := writeBoxes(w, esc[pos:h[0]], l.Whole()); err != nil {
			return err
		}
		if err := writeAll(w, heldOpen, esc[h[0]:h[1]], termClose); err != nil {
			return err
		}
		pos = h[1]
	}
	if err := writeBoxes(w, esc[pos:], l.Whole()); err != nil {
		return err
	}
	_, err := io.WriteString(w, "</span>")
	return err
}

// writeBoxes writes esc with the words of whole boxed (writeWhole), in a
// <span class="terms"> opened already.
func writeBoxes(w io.Writer, esc string, whole []string) error {
	return writeWholeIn(w, esc, whole, true)
}

// writeWhole writes esc, text already escaped for HTML, with each
// occurrence of the words of whole (none of them holding a character
// that escaping changes) between termOpen and termClose, and the whole
// text then in a <span> of its own (termsOpen): in a flex container (a .btn,
// the checkout's <summary>) words beside a box are flex items apart,
// and the spaces between them were lost ("Pautkane-dompet"); one span
// is one item, its words laid out as a line of text. A language with no
// such words, or text with none of them, is written as it is, with no
// allocation.
func writeWhole(w io.Writer, esc string, whole []string) error {
	return writeWholeIn(w, esc, whole, false)
}

// writeWholeIn is writeWhole; inside, in a <span class="terms"> its
// caller opened and closes.
func writeWholeIn(w io.Writer, esc string, whole []string, inside bool) error {
	boxed := inside
	for {
		at, term := len(esc), ""
		for _, t := range whole {
			if i := strings.Index(esc, t); i >= 0 && i < at {
				at, term = i, t
			}
		}
		if term == "" {
			if !boxed || inside {
				_, err := io.WriteString(w, esc)
				return err
			}
			return writeAll(w, esc, "</span>")
		}
		open := ""
		if !boxed {
			open, boxed = termsOpen, true
		}
		start, end := gluedBefore(esc, at), gluedAfter(esc, at+len(term))
		if err := writeAll(w, open, esc[:start], termOpen, esc[start:end], termClose); err != nil {
			return err
		}
		esc = esc[end:]
	}
}

// noBreak is the no-break space a catalog joins words with
// ("กาน้ำชา ×\u00a01", "1\u00a0×\u00a0…").
const noBreak = "\u00a0"

// gluedAfter is where the text joined by a no-break space to the box
// ending at end ends: the box takes it in, so that Thai's "× 1" goes to a
// new line with "โทโคนาเมะ" (a box is an inline block, and a line breaks
// beside one whatever joins them: "กาน้ำชาโทโคนาเมะ ⏎ × 1" in My orders at
// 320 px).
// The closing marks Chinese writes straight after a word go in too:
// beside a box a line may begin with "。" (Chinese's "二维码" and "一键支付"
// are boxed).
func gluedAfter(esc string, end int) int {
	for {
		switch r, size := utf8.DecodeRuneInString(esc[end:]); {
		case strings.HasPrefix(esc[end:], noBreak):
			end += len(noBreak)
			for end < len(esc) && esc[end] != ' ' && !strings.HasPrefix(esc[end:], noBreak) {
				end++
			}
		case size > 0 && strings.ContainsRune(closingMarks, r):
			end += size
		default:
			return end
		}
	}
}

// closingMarks are Chinese's marks that close what comes before them.
const closingMarks = "。，、．）」』】〉》；：！？…"

// gluedBefore is gluedAfter before the box starting at start
// ("2\u00a0×\u00a0" before a word it boxes).
func gluedBefore(esc string, start int) int {
	for strings.HasSuffix(esc[:start], noBreak) {
		start -= len(noBreak)
		for start > 0 && esc[start-1] != ' ' && !strings.HasSuffix(esc[:start], noBreak) {
			start--
		}
	}
	return start
}

// writeAll writes each of pieces to w in turn, stopping at an error.
func writeAll(w io.Writer, pieces ...string) error {
	for _, p := range pieces {
		if _, err := io.WriteString(w, p); err != nil {
			return err
		}
	}
	return nil
}
