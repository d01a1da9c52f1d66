package views

import (
	"context"
	"io"
	"maps"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/a-h/templ"

	"antom-checkout/internal/memo"
	"antom-checkout/lang"
)

// T says a message of package lang's catalogs (its ID, and its Args if
// it has any) in the language of the page being rendered: the buyer's,
// put in the context by the handlers; English for the admin. Every word a
// buyer page shows goes through T: a template holds no words of its own
// (TestBuyerTemplatesHaveNoWords).
func T(ctx context.Context, id string, args ...lang.Args) string {
	return lang.From(ctx).T(id, args...)
}

// markedSay says a message whose arguments are the page language's
// decimal mark ({{.Mark}}) and yen symbol ({{.Yen}}: "JP¥" in Simplified
// Chinese, as its prices say yen): worked out once per language and ID,
// as sentenceParts is (a message with arguments runs go-i18n's template
// on every call).
func markedSay(ctx context.Context, id string) string {
	l := lang.From(ctx)
	return marked.Get(sentenceKey{l.Lang().Code, id}, func() string {
		return l.T(id, lang.Args{"Mark": l.DecimalMark(), "Yen": l.Symbol("JPY")})
	})
}

// marked holds markedSay's answers: the templates' IDs in each language.
var marked = memo.New[sentenceKey, string](sentencesLimit)

// pageLang is the page's language, for <html lang>.
func pageLang(ctx context.Context) string { return lang.From(ctx).Lang().Code }

// Date, DateTime and Time are a moment as the page's language writes it.
func Date(ctx context.Context, t time.Time) string     { return lang.From(ctx).Date(t) }
func DateTime(ctx context.Context, t time.Time) string { return lang.From(ctx).DateTime(t) }
func Time(ctx context.Context, t time.Time) string     { return lang.From(ctx).Time(t) }

// linkMarks stand for the links inside a sentence ({{.Link}},
// {{.Link2}}) while it is translated.
var linkMarks = []string{"\x00link1\x00", "\x00link2\x00"}

// part is a piece of a sentence with links: words, or its link number
// (1 for {{.Link}}, 2 for {{.Link2}}).
type part struct {
	Words string
	Link  int
	// Lead and Trail, of a link part cut by glueLinks: the punctuation
	// right before it (an opening bracket) and right after it (a full
	// stop, a closing bracket), cut from the words around it, that the
	// template keeps on the link's line (glued).
	Lead, Trail string
}

// sentenceParts says a message whose {{.Link}} (and {{.Link2}}) are
// links, cut where the links go: the template puts each link in its
// place, so every language orders its sentence as it needs, with the
// punctuation around it glued on (glueLinks). The parts
// depend on the language and the message only (the catalogs are part of
// the binary): they are cut once per language and ID, and the slice
// returned is shared, not to be changed.
func sentenceParts(ctx context.Context, id string) []part {
	return sentences.Get(sentenceKey{lang.From(ctx).Lang().Code, id}, func() []part {
		return glueLinks(cutSentence(T(ctx, id, lang.Args{"Link": linkMarks[0], "Link2": linkMarks[1]})))
	})
}

// sentences holds sentenceParts' answers. Its keys are the message IDs
// the templates name, in each language: a bounded set.
var sentences = memo.New[sentenceKey, []part](sentencesLimit)

// sentencesLimit bounds marked and sentences: far more than the
// catalogs' messages times the languages (past it, a sentence is worked
// out each time).
const sentencesLimit = 4096

type sentenceKey struct{ lang, id string }

// cutSentence cuts a said message where linkMarks stand.
func cutSentence(s string) []part {
	var out []part
	for s != "" {
		at, which := len(s), 0
		for n, m := range linkMarks {
			if i := strings.Index(s, m); i >= 0 && i < at {
				at, which = i, n+1
			}
		}
		if at > 0 {
			out = append(out, part{Words: s[:at]})
		}
		if which == 0 {
			break
		}
		out = append(out, part{Link: which})
		s = s[at+len(linkMarks[which-1]):]
	}
	return out
}

// buttonsByLang are the language switcher's buttons for a page in each
// language (code → HTML), rendered on a page's first use of its language:
// they depend on the page's language only, and every buyer page shows
// them. (Rendering them when the package loads would read every
// language's catalog at start-up.)
var buttonsByLang = func() map[string]func() templ.Component {
	out := make(map[string]func() templ.Component, len(lang.Languages))
	for _, l := range lang.Languages {
		out[l.Code] = sync.OnceValue(func() templ.Component {
			var buf strings.Builder
			ctx := lang.WithLocalizer(context.Background(), lang.For(l))
			if err := renderLanguageButtons().Render(ctx, &buf); err != nil {
				panic(err) // writing to a strings.Builder does not fail
			}
			return templ.Raw(buf.String())
		})
	}
	return out
}()

// languageButtons are the switcher's buttons for the page's language.
func languageButtons(ctx context.Context) templ.Component {
	return buttonsByLang[pageLang(ctx)]()
}

// currentLang marks the switcher's button of the page's language.
func currentLang(ctx context.Context, code string) string {
	if pageLang(ctx) == code {
		return "true"
	}
	return "false"
}

// say is { T(ctx, id) } as a component: the message in the page's
// language, escaped, written straight to the page. templ spends two
// allocations and fmt's work on every { … } string (templ.JoinStringErrs
// calls fmt.Sprint); say spends none for a constant id — the hot pages'
// dozens of messages were a tenth of their allocations.
func say(id string) templ.Component { return message(id) }

// message is a message ID, rendered in the page's language, its Whole
// words each in a box (words).
type message string

func (m message) Render(ctx context.Context, w io.Writer) error {
	l := lang.From(ctx)
	return writeTerms(w, templ.EscapeString(l.T(string(m))), l.Lang())
}

// markParts says a message with args whose field (e.g. "Link", "Code")
// is markup the template puts in its place — a link, a code in mono type
// — cut where it goes, as sentenceParts does: the part standing for field
// has Link 1. The args vary from page to page, so the parts are not kept.
func markParts(ctx context.Context, id, field string, args lang.Args) []part {
	with := make(lang.Args, len(args)+1)
	for k, v := range args {
		with[k] = v
	}
	with[field] = linkMarks[0]
	return cutSentence(T(ctx, id, with))
}

// statusURL is a page's long-poll address with the page's own language
// (?lang=): what the poll renders in place reads as the page around it,
// even after the buyer chose another language in another tab.
func statusURL(ctx context.Context, path string) string {
	return path + "?lang=" + url.QueryEscape(pageLang(ctx))
}

// LiveWords is a message cut around its live sentence: the one, marked
// {{.Live}}…{{.LiveEnd}} in every language, that says the page updates
// (or shows the news, or moves on) by itself. A page whose buyer signs
// out no longer updates (app.js's signed-out bar): liveSentence puts that
// sentence where .signed-out hides it, so the page never claims to.
// A message with no marked sentence is all Before.
type LiveWords struct {
	Before, Live, After string
}

// SayLive says message id with args in ctx's language, cut around its
// live sentence.
func SayLive(ctx context.Context, id string, args lang.Args) LiveWords {
	with := make(lang.Args, len(args)+2)
	maps.Copy(with, args)
	with["Live"], with["LiveEnd"] = linkMarks[0], linkMarks[1]
	return cutLive(cutSentence(T(ctx, id, with)))
}

// cutLive sorts a live message's parts: words before its first mark,
// between the marks, after the second.
func cutLive(parts []part) LiveWords {
	var w LiveWords
	at := &w.Before
	for _, p := range parts {
		switch p.Link {
		case 1:
			at = &w.Live
		case 2:
			at = &w.After
		default:
			*at += p.Words
		}
	}
	return w
}
