package checkout

import "testing"

// The catalogue is read from the database once (only migrations write
// it): later calls answer without a query, and a caller changing what it
// got changes nothing for the next.
func TestProductsReadOnce(t *testing.T) {
	e := newEnv(t, Options{})
	first, err := e.svc.Products(e.ctx)
	check(t, err)
	if len(first) == 0 {
		t.Fatal("empty catalogue")
	}
	name := first[0].Name
	first[0].Name = "changed by a caller"
	_, err = e.db.Raw().ExecContext(e.ctx, `UPDATE products SET name = 'not read again'`)
	check(t, err)
	again, err := e.svc.Products(e.ctx)
	check(t, err)
	assertEqual(t, again[0].Name, name, "first product's name on the second call")
}
