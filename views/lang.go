package views

import (
	"context"
	"strings"
	"time"

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

// pageLang is the page's language, for <html lang>.
func pageLang(ctx context.Context) string { return lang.From(ctx).Lang().Code }

// Date, DateTime and Time are a moment as the page's language writes it.
func Date(ctx context.Context, t time.Time) string     { return lang.From(ctx).Date(t) }
func DateTime(ctx context.Context, t time.Time) string { return lang.From(ctx).DateTime(t) }
func Time(ctx context.Context, t time.Time) string     { return lang.From(ctx).Time(t) }

// linkMark stands for a link inside a sentence while it is translated.
const linkMark = "\x00link\x00"

// aroundLink says a message whose {{.Link}} is a link, and returns the
// words before and after it: the template puts the link between, so
// each language places it where its sentence needs it.
func aroundLink(ctx context.Context, id string) (before, after string) {
	s := T(ctx, id, lang.Args{"Link": linkMark})
	before, after, _ = strings.Cut(s, linkMark)
	return before, after
}

// currentLang marks the switcher's button of the page's language.
func currentLang(ctx context.Context, code string) string {
	if pageLang(ctx) == code {
		return "true"
	}
	return "false"
}
