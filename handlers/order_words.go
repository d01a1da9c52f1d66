package handlers

import (
	"sync"
	"sync/atomic"

	"github.com/gin-gonic/gin"

	"antom-checkout/lang"
)

// orderWords is what an order's lines say of its product in the page's
// language: the product's name, and the order's line ("2 × Ceremonial
// matcha"). They depend on the catalogs, the product and the quantity
// only, so each is worked out once per language (orderWordsMemo).
func orderWords(c *gin.Context, slug, name string, quantity int) (productName, line string) {
	l := lang.From(c.Request.Context())
	key := orderWordsKey{l.Lang().Code, slug, name, quantity}
	if w, ok := orderWordsMemo.m.Load(key); ok {
		w := w.(saidOrder)
		return w.name, w.line
	}
	productName, _ = productWords(c, slug, name, "")
	line = l.T("checkout.order_line", lang.Args{"Quantity": quantity, "Product": productName})
	if orderWordsMemo.n.Load() < orderWordsLimit {
		if _, loaded := orderWordsMemo.m.LoadOrStore(key, saidOrder{productName, line}); !loaded {
			orderWordsMemo.n.Add(1)
		}
	}
	return productName, line
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
var orderWordsMemo struct {
	m sync.Map
	n atomic.Int32
}

const orderWordsLimit = 4096
