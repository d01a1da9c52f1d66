package handlers

import (
	"github.com/gin-gonic/gin"

	"antom-checkout/internal/memo"
	"antom-checkout/lang"
)

// orderWords is what an order's lines say of its product in the page's
// language: the product's name, and the order's line ("2 × Ceremonial
// matcha"). They depend on the catalogs, the product and the quantity
// only, so each is worked out once per language (orderWordsMemo). The
// merchant's catalogue file's name is part of the key: the memo is the
// process's, the file an App's.
func (a *App) orderWords(c *gin.Context, slug, name string, quantity int) (productName, line string) {
	l := lang.From(c.Request.Context())
	if own, _, ok := a.Checkout.ProductWords(slug, l.Lang().Code); ok {
		name = own
	}
	w := orderWordsMemo.Get(orderWordsKey{l.Lang().Code, slug, name, quantity}, func() saidOrder {
		productName, _ := a.productWords(c, slug, name, "")
		return saidOrder{productName, l.T("checkout.order_line", lang.Args{"Quantity": quantity, "Product": productName})}
	})
	return w.name, w.line
}

type orderWordsKey struct {
	lang, slug, name string
	quantity         int
}

type saidOrder struct{ name, line string }

// orderWordsMemo keeps what orderWords said, at most orderWordsLimit
// entries (past them, it says them afresh): far more than the
// catalogue's products times the quantities an order may have (1–10)
// times the languages.
var orderWordsMemo = memo.New[orderWordsKey, saidOrder](orderWordsLimit)

const orderWordsLimit = 4096
