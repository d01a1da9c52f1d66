package handlers

import (
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/lang"
)

// orderWords says, from its memo, what the catalogs say afresh — the
// product's name in the language (its own name where no catalog has it)
// and the order's line — in every language, for products the catalogs
// name and one they do not, for every quantity, asked from many
// goroutines at once.
func TestOrderWordsAsTheCatalogs(t *testing.T) {
	a := &App{Checkout: checkout.NewService(checkout.Deps{})}
	products := []struct{ slug, name string }{{"notebook", "Dotted notebook"}, {"coffee", "Coffee"}, {"no-such", "Plain widget"}}
	for _, l := range lang.Languages {
		c, _ := gin.CreateTestContext(httptest.NewRecorder())
		c.Request = httptest.NewRequest("GET", "/", nil)
		c.Request = c.Request.WithContext(lang.WithLocalizer(c.Request.Context(), lang.For(l)))
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				for range 2 {
					for _, p := range products {
						for q := 1; q <= 10; q++ {
							wantName, _ := a.productWords(c, p.slug, p.name, "")
							wantLine := lang.For(l).T("checkout.order_line", lang.Args{"Quantity": q, "Product": wantName})
							name, line := a.orderWords(c, checkout.Product{Slug: p.slug, Name: p.name}, q)
							if name != wantName || line != wantLine {
								t.Errorf("%s %s ×%d: %q, %q; want %q, %q", l.Code, p.slug, q, name, line, wantName, wantLine)
							}
							if got := a.orderLine(c, checkout.Product{Slug: p.slug, Name: p.name}, q); got != wantLine {
								t.Errorf("%s %s ×%d: orderLine %q, want %q", l.Code, p.slug, q, got, wantLine)
							}
						}
					}
				}
			})
		}
		wg.Wait()
	}
}
