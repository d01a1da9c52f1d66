package views

import (
	"context"
	"strings"
	"sync"
	"testing"

	"antom-checkout/lang"
)

// header writes what layoutHeader renders — kept or afresh, for a visitor
// or a signed-in buyer, in every language, for every navigation item,
// with the sandbox's banner or without — asked from many goroutines at
// once.
func TestHeaderAsRendered(t *testing.T) {
	pages := []Page{
		{Merchant: "Shop <&>", Nav: "shop"},
		{Merchant: "Shop", Nav: "orders", Sandbox: true, SandboxURL: "http://127.0.0.1:8081/?a=\"1\""},
		{Merchant: "Shop", Nav: "signin", Sandbox: true},
		{Merchant: "Shop", Nav: "signup"},
		{Merchant: "Shop", Nav: ""},
		{Merchant: "Shop", Nav: "wallets", BuyerEmail: "a@example.com"},
		{Merchant: "Other shop", Nav: "shop", BuyerEmail: "b@example.com", Sandbox: true},
	}
	for _, l := range lang.Languages {
		ctx := lang.WithLocalizer(context.Background(), lang.For(l))
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				for range 2 {
					for _, p := range pages {
						var want, got strings.Builder
						if err := layoutHeader(p).Render(ctx, &want); err != nil {
							t.Error(err)
						}
						if err := header(p).Render(ctx, &got); err != nil {
							t.Error(err)
						}
						if got.String() != want.String() {
							t.Errorf("%s %+v:\n got %s\nwant %s", l.Code, p, got.String(), want.String())
						}
					}
				}
			})
		}
		wg.Wait()
	}
}
