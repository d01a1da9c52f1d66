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

// An order's product is read once too: the second order page, and a
// payment's pay request, show it as first read.
func TestOrderProductReadOnce(t *testing.T) {
	e := newEnv(t, Options{})
	v := Viewer{GuestKey: "k-guest"}
	first, err := e.svc.CreateOrder(e.ctx, v, "notebook", "1")
	check(t, err)
	seen, err := e.svc.OrderFor(e.ctx, v, first.Ref)
	check(t, err)
	_, err = e.db.Raw().ExecContext(e.ctx, `UPDATE products SET name = 'not read again'`)
	check(t, err)
	again, err := e.svc.OrderFor(e.ctx, v, first.Ref)
	check(t, err)
	assertEqual(t, again.Product.Name, seen.Product.Name, "product's name on the second read")
	assertEqual(t, again.Description, seen.Description, "order's description on the second read")
}

// A product chosen by its slug is read once too: the second order of it
// is made from what was first read, and a slug that names nothing is
// asked again (and refused) each time.
func TestOrderBySlugReadOnce(t *testing.T) {
	e := newEnv(t, Options{})
	first, err := e.svc.CreateOrder(e.ctx, Viewer{GuestKey: "k-guest"}, "notebook", "1")
	check(t, err)
	_, err = e.db.Raw().ExecContext(e.ctx, `UPDATE products SET name = 'not read again', price = price + 1`)
	check(t, err)
	again, err := e.svc.CreateOrder(e.ctx, Viewer{GuestKey: "k-guest"}, "notebook", "1")
	check(t, err)
	assertEqual(t, again.Description, first.Description, "second order's description")
	assertEqual(t, again.Total, first.Total, "second order's total")
	if _, err := e.svc.CreateOrder(e.ctx, Viewer{GuestKey: "k-guest"}, "no-such-product", "1"); err == nil {
		t.Fatal("an order of a product that does not exist was made")
	}
}
