package handlers

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/lang"
)

func TestStorefrontListsProducts(t *testing.T) {
	ta := newTestApp(t)
	rec := ta.get("/")
	assertEqual(t, rec.Code, http.StatusOK, "status")
	page := body(t, rec)
	assertContains(t, page,
		`data-testid="home-title"`,
		`data-testid="price-coffee">$18.50<`, // USD: two decimals
		`data-testid="price-notebook">$7.25<`,
		`data-testid="price-matcha">¥2,400<`, // JPY: none
		`data-testid="price-teapot">¥5,800<`,
		`data-testid="buy-coldbrew"`,
		`src="/static/img/products/cloth.svg"`,
		`<form class="buy" method="post" action="/orders"`,
		`<option value="10">10</option>`,
	)
	assertEqual(t, strings.Count(page, `data-testid="buy-`), 7, "buy buttons")
	if strings.Contains(page, "¥2,400.00") || strings.Contains(page, "sandbox-banner") {
		t.Fatal("JPY shown with decimals, or the sandbox banner shows while talking to real Antom")
	}
}

// Every icon the catalogue names is served.
func TestProductIconsExist(t *testing.T) {
	ta := newTestApp(t)
	for _, icon := range []string{"coffee", "mug", "notebook", "matcha", "cloth", "teapot", "coldbrew", "parcel"} {
		rec := ta.get("/static/img/products/" + icon + ".svg")
		assertEqual(t, rec.Code, http.StatusOK, icon+".svg")
	}
}

func TestCreateOrderRejectsBadInput(t *testing.T) {
	tests := []struct {
		product, quantity, message string
	}{
		{"coffee", "0", "Choose a quantity of Single-origin coffee beans from 1 to 10."},
		{"coffee", "11", "Choose a quantity of Single-origin coffee beans from 1 to 10."},
		{"coffee", "x", "Choose a quantity of Single-origin coffee beans from 1 to 10."},
		{"coffee", "", "Choose a quantity of Single-origin coffee beans from 1 to 10."},
		{"caviar", "1", "This product is not in the catalogue."},
	}
	ta := newTestApp(t)
	b := ta.client(t)
	for _, tt := range tests {
		p := b.post("/orders", url.Values{"product": {tt.product}, "quantity": {tt.quantity}})
		assertEqual(t, p.status, http.StatusUnprocessableEntity, tt.product+" × "+tt.quantity)
		assertContains(t, p.body, `data-testid="order-error"`, tt.message, `data-testid="buy-coffee"`)
	}
	assertEqual(t, ta.orderCount(t), 0, "orders created")
}

// A guest's order is theirs alone: another browser not signed in is sent
// to sign in on its pages, and told signed out by its poll (401, for
// order.js), as for any ref it may not see.
func TestGuestOrderBelongsToItsBrowser(t *testing.T) {
	ta := newTestApp(t)
	guest := ta.client(t)
	ref := guest.buy("matcha", "2")
	o := ta.order(t, ref)
	assertEqual(t, o.BuyerID, int64(0), "buyer of a guest order")
	assertEqual(t, o.Amount, int64(4800), "amount from the server's price")

	p := guest.get("/checkout/" + ref)
	assertEqual(t, p.status, http.StatusOK, "guest's checkout")
	assertContains(t, p.body, `data-testid="order-quantity">2<`, `data-testid="order-total">¥4,800<`,
		`data-testid="order-ref">`+ref+`<`, "Ceremonial matcha",
		`href="/signin?next=%2Fcheckout%2F`+ref+`"`, "Sign in to use a saved wallet")
	if strings.Contains(p.body, "pay-wallet-") {
		t.Fatal("a guest is offered saved wallets")
	}
	assertEqual(t, guest.get("/orders/"+ref).status, http.StatusOK, "guest's result page")

	other := ta.client(t)
	assertEqual(t, other.get("/orders/"+ref+"/status?seen=x").status, http.StatusUnauthorized, "another guest polling")
	assertEqual(t, other.get("/orders/ORD-NOPE/status?seen=x").status, http.StatusUnauthorized, "another guest polling an unknown ref")
	// Signed out, the result page and the checkout send anyone who may
	// not see them to sign in, as they do for an unknown ref
	// (TestOrderRefsDoNotLeak).
	for _, path := range []string{"/orders/" + ref, "/checkout/" + ref, "/checkout/ORD-NOPE"} {
		p = other.get(path)
		assertEqual(t, p.status, http.StatusSeeOther, "another guest: "+path)
		assertEqual(t, p.location, "/signin?next="+url.QueryEscape(path), "another guest: "+path)
	}
	// So do the result page's forms (nothing done; the sign-in page says
	// so, signInFirst).
	for _, form := range []string{"/check", "/pay-another-way"} {
		p = other.post("/orders/"+ref+form, nil)
		noticed(t, p, "/signin?next="+url.QueryEscape("/orders/"+ref)) // another guest: POST form
	}
}

func TestBuyerOrderIsPrivate(t *testing.T) {
	ta := newTestApp(t)
	owner := ta.client(t)
	owner.signUp("owner@example.com")
	ref := owner.buy("coffee", "1")
	assertEqual(t, ta.order(t, ref).BuyerID, ta.buyerID(t, "owner@example.com"), "buyer of the order")
	assertEqual(t, owner.get("/checkout/"+ref).status, http.StatusOK, "owner's checkout")

	other := ta.client(t)
	other.signUp("other@example.com")
	wallet := ta.insertWallet(t, ta.buyerID(t, "other@example.com"), "0917****555")
	assertEqual(t, other.get("/checkout/"+ref).status, http.StatusNotFound, "another buyer's checkout")
	assertEqual(t, other.get("/orders/"+ref).status, http.StatusNotFound, "another buyer's result page")
	pay := other.post("/checkout/"+ref+"/pay", url.Values{"wallet": {itoa(wallet)}})
	assertEqual(t, pay.status, http.StatusNotFound, "paying another buyer's order")
	assertEqual(t, ta.order(t, ref).Status, "OPEN", "order after someone else tried to pay it")

	anonymous := ta.client(t).post("/checkout/"+ref+"/pay", url.Values{"wallet": {"1"}})
	assertEqual(t, anonymous.status, http.StatusSeeOther, "paying while signed out")
	if !strings.HasPrefix(anonymous.location, "/signin?next=") {
		t.Fatalf("signed out payer sent to %q", anonymous.location)
	}
}

// Orders made as a guest go with the buyer who signs up or signs in.
func TestGuestOrdersAreClaimedAtSignUpAndSignIn(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	first := b.buy("mug", "1")
	b.signUp("claim@example.com")
	id := ta.buyerID(t, "claim@example.com")
	assertEqual(t, ta.order(t, first).BuyerID, id, "buyer after sign-up")
	p := b.get("/checkout/" + first)
	assertEqual(t, p.status, http.StatusOK, "checkout after sign-up")
	assertContains(t, p.body, `data-testid="no-wallets"`, `data-testid="link-wallet-form"`,
		`name="return_to" value="/checkout/`+first+`"`)

	b.post("/signout", nil)
	second := b.buy("teapot", "3")
	in := b.post("/signin", url.Values{"email": {"claim@example.com"}, "password": {"correct horse battery"}, "next": {"/checkout/" + second}})
	assertEqual(t, in.location, "/checkout/"+second, "back to checkout after sign-in")
	assertEqual(t, ta.order(t, second).BuyerID, id, "buyer after sign-in")
	assertEqual(t, b.get(in.location).status, http.StatusOK, "checkout after sign-in")
}

// productCards cuts the product cards out of a storefront page.
func productCards(t *testing.T, page string) string {
	t.Helper()
	_, rest, ok := strings.Cut(page, `data-testid="products">`)
	cards, _, ok2 := strings.Cut(rest, `</ul>`)
	if !ok || !ok2 {
		t.Fatalf("no product cards in %q", page)
	}
	return cards
}

// The storefront's product cards are rendered once per language and kept:
// each language's page shows its own (never the language rendered before
// it), the same cards a storefront rendering that language first shows,
// and an order's error still marks its product's card.
func TestStorefrontCardsPerLanguage(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	for _, accept := range []string{"ko", "en", "th", "ko", "zh-CN", "en"} {
		p, _ := b.getIn("/", accept)
		assertEqual(t, p.status, http.StatusOK, "storefront in "+accept)
		cards := productCards(t, p.body)
		fresh := newTestApp(t).client(t) // a new app: its first rendering of this language
		want, _ := fresh.getIn("/", accept)
		assertEqual(t, cards, productCards(t, want.body), "cards in "+accept+" after other languages")
		l := lang.Match("", accept)
		assertContains(t, cards, `data-testid="product-coffee"`)
		// As read: Thai's "ออริจิน" is boxed (lang.Language.Whole).
		assertEqual(t, html(t, cards).Find("[data-testid=product-coffee] .product-name").Text(), lang.For(l).T("product.coffee.name"), "coffee's name in "+accept)
	}
	p := b.post("/orders", url.Values{"product": {"mug"}, "quantity": {"11"}})
	assertEqual(t, p.status, http.StatusUnprocessableEntity, "an order of 11 mugs")
	assertContains(t, productCards(t, p.body), `data-testid="quantity-mug" aria-invalid="true"`, `data-testid="quantity-coffee" aria-invalid="false"`)
	again, _ := b.getIn("/", "en")
	if strings.Contains(productCards(t, again.body), `aria-invalid="true"`) {
		t.Error("a card marked invalid after an order's error stayed marked")
	}
}

// A quantity no storefront offers (a tampered form: 11 of the mug) is
// answered, 422, with an error that names the product — its name in the
// buyer's language, as the storefront shows it — in every language, and
// makes no order.
func TestCreateOrderQuantityErrorNamesTheProduct(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	for _, l := range lang.Languages {
		b.post("/lang", url.Values{"lang": {l.Code}, "next": {"/"}})
		say := lang.For(l)
		name := say.T("product.mug.name")
		p := b.post("/orders", url.Values{"product": {"mug"}, "quantity": {"11"}})
		assertEqual(t, p.status, http.StatusUnprocessableEntity, l.Code+": status")
		got := textOf(t, html(t, p.body), "order-error")
		assertEqual(t, got, say.T("shop.error_quantity", lang.Args{"Product": name}), l.Code+": the error")
		if !strings.Contains(got, name) {
			t.Errorf("%s: the error %q does not name %q", l.Code, got, name)
		}
		assertContains(t, productCards(t, p.body), `data-testid="quantity-mug" aria-invalid="true"`)
	}
	assertEqual(t, ta.orderCount(t), 0, "orders created")
}
