package handlers

import (
	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/internal/memo"
	"antom-checkout/lang"
)

// orderWords is what an order's lines say of its product p (the
// order's row) in the page's language: the product's name, and the
// order's line ("2 × Ceremonial matcha"). The name is the one the order
// was bought with (checkout.OrderProductWords: the merchant's catalogue
// file's while the row is the slug's, else the row's kept words), the
// lang catalogs' for the demo shop's. They depend on the catalogs, the
// name and the quantity only, so each is worked out once per language
// (orderWordsMemo). The name is part of the key: the memo is the
// process's, the file an App's.
func (a *App) orderWords(c *gin.Context, p checkout.Product, quantity int) (productName, line string) {
	l := lang.From(c.Request.Context())
	name, _, own := a.Checkout.OrderProductWords(c.Request.Context(), p, l.Lang().Code)
	if !own {
		name = p.Name
	}
	w := orderWordsMemo.Get(orderWordsKey{l.Lang().Code, p.Slug, name, own, quantity}, func() saidOrder {
		productName := name
		if !own {
			productName, _ = a.productWords(c, p.Slug, name, "")
		}
		return saidOrder{productName, l.T("checkout.order_line", lang.Args{"Quantity": quantity, "Product": productName})}
	})
	return w.name, w.line
}

type orderWordsKey struct {
	lang, slug, name string
	own              bool
	quantity         int
}

type saidOrder struct{ name, line string }

// orderWordsMemo keeps what orderWords said, at most orderWordsLimit
// entries (past them, it says them afresh): far more than the
// catalogue's products times the quantities an order may have (1–10)
// times the languages.
var orderWordsMemo = memo.New[orderWordsKey, saidOrder](orderWordsLimit)

const orderWordsLimit = 4096
