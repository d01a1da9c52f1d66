package views

import (
	"context"
	"io"
	"strings"

	"github.com/a-h/templ"

	"antom-checkout/lang"
)

// termOpen and termClose box a word of the page language's Whole
// (lang.Language): app.css's .term keeps it on one line.
const (
	termOpen  = `<span class="term">`
	termClose = `</span>`
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
	l := lang.From(ctx).Lang()
	return writeTerms(w, l.KeepParticlesWhole(templ.EscapeString(string(s))), l.Whole())
}

// writeTerms writes esc, text already escaped for HTML, with each
// occurrence of the words of whole (none of them holding a character
// that escaping changes) between termOpen and termClose, and the whole
// text then in a plain <span> of its own: in a flex container (a .btn,
// the checkout's <summary>) words beside a box are flex items apart,
// and the spaces between them were lost ("Pautkane-dompet"); one span
// is one item, its words laid out as a line of text. A language with no
// such words, or text with none of them, is written as it is, with no
// allocation.
func writeTerms(w io.Writer, esc string, whole []string) error {
	boxed := false
	for {
		at, term := len(esc), ""
		for _, t := range whole {
			if i := strings.Index(esc, t); i >= 0 && i < at {
				at, term = i, t
			}
		}
		if term == "" {
			if !boxed {
				_, err := io.WriteString(w, esc)
				return err
			}
			return writeAll(w, esc, "</span>")
		}
		open := ""
		if !boxed {
			open, boxed = "<span>", true
		}
		if err := writeAll(w, open, esc[:at], termOpen, term, termClose); err != nil {
			return err
		}
		esc = esc[at+len(term):]
	}
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
