package checkout

import (
	"errors"
	"slices"
	"testing"

	"antom-checkout/antom"
	"antom-checkout/db"
)

const catalogV1 = `
[[product]]
slug = "green-tea"
price = 1250
currency = "USD"
icon = "teapot"
[product.name]
en = "Green tea"
[[product]]
slug = "oolong"
price = 900
currency = "USD"
[product.name]
en = "Oolong"
ko = "우롱차"
`

// The next version of the file: green tea renamed and dearer, oolong
// gone, a new product.
const catalogV2 = `
[[product]]
slug = "matcha-set"
price = 4200
currency = "JPY"
icon = "matcha"
[product.name]
en = "Matcha set"
[[product]]
slug = "green-tea"
price = 1300
currency = "USD"
icon = "teapot"
[product.name]
en = "Green tea, first flush"
`

func parseCatalog(t *testing.T, file string) *Catalog {
	t.Helper()
	c, err := ParseCatalog("shop.toml", []byte(file))
	check(t, err)
	return c
}

func catalogSlugs(t *testing.T, s *Service) []string {
	t.Helper()
	ps, err := s.Products(t.Context())
	check(t, err)
	var out []string
	for _, p := range ps {
		out = append(out, p.Slug)
	}
	return out
}

func refusedAs(t *testing.T, err error, want string) {
	t.Helper()
	var in *InputError
	if !errors.As(err, &in) || in.Fields["product"] != want {
		t.Fatalf("order: %v, want the product refused with %s", err, want)
	}
}

// A catalogue file makes the products table match it: new products are
// added, changed ones updated, and running it again changes nothing. Only
// its products are for sale, in its order; a product gone from it is
// refused at order time, while its orders keep showing it as it was.
func TestCatalogSync(t *testing.T) {
	e := newEnv(t, Options{})
	v1 := parseCatalog(t, catalogV1)
	done, err := SyncCatalog(e.ctx, e.db, v1)
	check(t, err)
	if !slices.Equal(done.Added, []string{"green-tea", "oolong"}) || len(done.Changed) != 0 || slices.Contains(done.NotForSale, "oolong") {
		t.Fatalf("first sync: %+v", done)
	}
	done, err = SyncCatalog(e.ctx, e.db, v1)
	check(t, err)
	if len(done.Added)+len(done.Changed) != 0 {
		t.Fatalf("same file again changed %+v", done)
	}

	shop := NewService(Deps{DB: e.db, Options: Options{Catalog: v1}})
	if got := catalogSlugs(t, shop); !slices.Equal(got, []string{"green-tea", "oolong"}) {
		t.Fatalf("for sale: %v, want the file's products alone", got)
	}
	guest := Viewer{GuestKey: "k-guest"}
	if _, err = shop.CreateOrder(e.ctx, guest, "coffee", "1"); !errors.Is(err, ErrNotForSale) {
		t.Fatalf("order of the demo's coffee: %v, want ErrNotForSale", err)
	}
	_, err = shop.CreateOrder(e.ctx, guest, "test-payment", "1")
	refusedAs(t, err, "shop.error_product")
	tea, err := shop.CreateOrder(e.ctx, guest, "green-tea", "2")
	check(t, err)
	assertEqual(t, tea.Total, Money{"USD", 2500}, "green tea order's total")
	oolong, err := shop.CreateOrder(e.ctx, guest, "oolong", "1")
	check(t, err)

	v2 := parseCatalog(t, catalogV2)
	done, err = SyncCatalog(e.ctx, e.db, v2)
	check(t, err)
	if !slices.Equal(done.Added, []string{"matcha-set"}) || !slices.Equal(done.Changed, []string{"green-tea"}) ||
		!slices.Contains(done.NotForSale, "oolong") || !slices.Contains(done.NotForSale, "coffee") || slices.Contains(done.NotForSale, "green-tea") {
		t.Fatalf("second sync: %+v", done)
	}
	next := NewService(Deps{DB: e.db, Options: Options{Catalog: v2}})
	if got := catalogSlugs(t, next); !slices.Equal(got, []string{"matcha-set", "green-tea"}) {
		t.Fatalf("for sale after the change: %v", got)
	}
	ps, err := next.Products(e.ctx)
	check(t, err)
	assertEqual(t, ps[1].Price, Money{"USD", 1300}, "green tea's new price")
	assertEqual(t, ps[1].Name, "Green tea, first flush", "green tea's new name")
	if _, err = next.CreateOrder(e.ctx, guest, "oolong", "1"); !errors.Is(err, ErrNotForSale) {
		t.Fatalf("order of a product taken out of the file: %v, want ErrNotForSale", err)
	}

	old, err := next.OrderFor(e.ctx, guest, oolong.Ref)
	check(t, err)
	assertEqual(t, old.Product.Name, "Oolong", "a product no longer for sale, on its order")
	assertEqual(t, old.Total, Money{"USD", 900}, "its order's total")
	oldTea, err := next.OrderFor(e.ctx, guest, tea.Ref)
	check(t, err)
	assertEqual(t, oldTea.Total, Money{"USD", 2500}, "an order made before the price changed")
	assertEqual(t, oldTea.UnitPrice, Money{"USD", 1250}, "its unit price")
	mine, _, err := next.MyOrders(e.ctx, guest)
	check(t, err)
	if len(mine) != 2 {
		t.Fatalf("My orders: %d orders, want 2", len(mine))
	}

	if name, _, ok := next.ProductWords("oolong", "ko"); ok {
		t.Fatalf("a product no longer in the file has the file's words: %q", name)
	}
	if name, _, _ := shop.ProductWords("oolong", "ko"); name != "우롱차" {
		t.Fatalf("Korean name from the file: %q", name)
	}
}

// During a rolling change of the file, the products table holds what the
// last instance to start wrote. An instance still on the older file shows
// and charges its own file's price, never the row another wrote since
// (it read the row lazily, after the other's start: the storefront at
// its first view, a product at its first Buy).
func TestCatalogPriceIsThisInstancesOwnFile(t *testing.T) {
	e := newEnv(t, Options{})
	v1, v2 := parseCatalog(t, catalogV1), parseCatalog(t, catalogV2)
	_, err := SyncCatalog(e.ctx, e.db, v1)
	check(t, err)
	_, err = SyncCatalog(e.ctx, e.db, v2) // another instance started with the new file
	check(t, err)
	older := NewService(Deps{DB: e.db, Options: Options{Catalog: v1}})
	ps, err := older.Products(e.ctx)
	check(t, err)
	assertDeep(t, []any{ps[0].Slug, ps[0].Price, ps[0].Name}, []any{"green-tea", Money{"USD", 1250}, "Green tea"}, "the storefront's green tea")
	o, err := older.CreateOrder(e.ctx, Viewer{GuestKey: "k-rolling"}, "green-tea", "2")
	check(t, err)
	assertEqual(t, o.Total, Money{"USD", 2500}, "charged at its own file's price")
}

// An order left open when its product was taken out of the file is paid
// no more: a pay press starts nothing (no attempt stored, nothing sent:
// the service here has no Antom client to send with), and its checkout
// page says the product is no longer for sale in place of the ways to
// pay. A product still in the file stays payable.
func TestOrderOfAProductNoLongerForSaleIsPaidNoMore(t *testing.T) {
	e := newEnv(t, Options{})
	v1, v2 := parseCatalog(t, catalogV1), parseCatalog(t, catalogV2)
	_, err := SyncCatalog(e.ctx, e.db, v1)
	check(t, err)
	guest := Viewer{GuestKey: "k-withdrawn"}
	oolong, err := NewService(Deps{DB: e.db, Options: Options{Catalog: v1}}).CreateOrder(e.ctx, guest, "oolong", "1")
	check(t, err)
	_, err = SyncCatalog(e.ctx, e.db, v2)
	check(t, err)
	next := NewService(Deps{DB: e.db, Options: Options{Catalog: v2}})
	if _, err := next.PayByCard(e.ctx, guest, oolong.Ref, "", false, 0, nil, antom.Env{ClientIP: "198.51.100.4"}); !errors.Is(err, ErrNotForSale) {
		t.Fatalf("pay of an order of a product no longer for sale: %v, want ErrNotForSale", err)
	}
	o, err := e.db.OrderByRef(e.ctx, oolong.Ref)
	check(t, err)
	n, err := e.db.CountOrderAttempts(e.ctx, o.ID)
	check(t, err)
	assertDeep(t, []any{n, o.Status}, []any{0, db.OrderOpen}, "nothing stored")
	r, err := next.CheckoutResult(e.ctx, guest, oolong.Ref)
	check(t, err)
	assertEqual(t, r.Unpayable, UnpayableNotForSale, "its checkout page says it is no longer for sale")
	r, err = next.OrderResult(e.ctx, guest, oolong.Ref)
	check(t, err)
	assertEqual(t, r.Unpayable, UnpayableNotForSale, "its result page says it is no longer for sale")

	// A product still in the file stays payable: its checkout page offers
	// the ways to pay, and its payment attempt is opened.
	tea, err := next.CreateOrder(e.ctx, guest, "green-tea", "1")
	check(t, err)
	r, err = next.CheckoutResult(e.ctx, guest, tea.Ref)
	check(t, err)
	assertEqual(t, r.Unpayable, Unpayable(""), "an order of a product in the file, on its checkout page")
	teaRow, err := e.db.OrderByRef(e.ctx, tea.Ref)
	check(t, err)
	_, _, err = next.openAttemptAs(e.ctx, teaRow, db.Attempt{Method: db.MethodCard}, hostedPayExpiry, EventBuyer, func(db.Attempt) string { return "test" }, nil)
	if errors.Is(err, ErrNotForSale) {
		t.Fatalf("a payment of a product in the file refused: %v", err)
	}
	check(t, err)
}
