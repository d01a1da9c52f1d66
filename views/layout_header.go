package views

import (
	"context"
	"io"
	"strings"

	"github.com/a-h/templ"

	"antom-checkout/internal/memo"
	"antom-checkout/lang"
)

// header is layoutHeader(p). For a visitor not signed in it depends on
// the page's language, its navigation item, the shop's name, the sandbox
// and whether it is Neutral only — all bounded, none the visitor's — so
// it is rendered once for each and written as rendered after (headers);
// a signed-in buyer's names the buyer and is rendered afresh.
func header(p Page) templ.Component {
	if p.BuyerEmail != "" {
		return layoutHeader(p)
	}
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		key := headerKey{lang.From(ctx).Lang().Code, p.Nav, p.Merchant, p.SandboxURL, p.Sandbox, p.Neutral}
		s, ok := headers.Load(key)
		if !ok {
			var b strings.Builder
			if err := layoutHeader(p).Render(ctx, &b); err != nil {
				return err
			}
			s = headers.Store(key, b.String())
		}
		_, err := io.WriteString(w, s)
		return err
	})
}

// headerKey is what a header not signed in depends on.
type headerKey struct {
	lang, nav, merchant, sandboxURL string
	sandbox, neutral                bool
}

// headers holds the headers header rendered, at most headersLimit (past
// them it renders each afresh): far more than the languages times the
// navigation items of one shop.
var headers = memo.New[headerKey, string](headersLimit)

const headersLimit = 1024
