package views

import (
	"net/url"
	"time"
)

// Result states of an order, as the result page and its long-poll name them.
const (
	StatePaid       = "paid"
	StateFailed     = "failed"
	StateProcessing = "processing"
	StateCancelled  = "cancelled"
	StateUnpaid     = "unpaid"
	StateAuthorized = "authorized"
	StateVoided     = "voided"
)

// Product is one card of the storefront.
type Product struct {
	Slug        string
	Name        string
	Description string
	Icon        string
	Price       string // formatted for people, e.g. "$18.50"
}

// Storefront is the shop's front page: the catalogue, each with a buy form.
type Storefront struct {
	Page
	Products  []Product
	Error     string // why the last order could not be created
	ErrorSlug string // the product that order was for
}

// OrderSummary is what checkout and result pages say about an order.
type OrderSummary struct {
	Ref         string
	Name        string
	Icon        string
	Quantity    int
	Description string // "2 × Ceremonial matcha"
	Total       string
}

// PayWallet is one of the buyer's active wallets offered at checkout.
type PayWallet struct {
	ID    int64
	Label string // "GCash 0917****123"
}

// PayCard is a kept card offered at checkout.
type PayCard struct {
	ID    int64
	Label string // "Visa •••• 4242"
}

// CheckoutPage shows an order and the ways to pay it.
type CheckoutPage struct {
	Page
	Order       OrderSummary
	SignedIn    bool
	Wallets     []PayWallet
	Cards       []PayCard // kept cards, signed-in buyers
	Brands      []Brand
	Error       string // why the payment could not start
	LastAttempt string // what became of the previous attempt, if it failed
	Relink      bool   // the previous attempt's wallet must be linked again
}

// ResultPage says what the database holds about an order's payment.
type ResultPage struct {
	Page
	Order     OrderSummary
	State     string // one of the State* constants
	Headline  string
	Detail    string
	PaymentID string
	PaidAt    time.Time
	Method    string // "GCash 0917****123", "Card"
	Relink    bool   // the wallet must be linked again
}

// productIcons are the icons static/img/products holds.
var productIcons = map[string]bool{
	"coffee": true, "mug": true, "notebook": true, "matcha": true,
	"cloth": true, "teapot": true, "coldbrew": true,
}

// iconURL is the image of a product icon, or a plain parcel.
func iconURL(icon string) string {
	if !productIcons[icon] {
		icon = "parcel"
	}
	return "/static/img/products/" + icon + ".svg"
}

// FormatTime is how pages and the status long-poll show a moment.
func FormatTime(t time.Time) string {
	return t.UTC().Format("2 Jan 2006, 15:04 UTC")
}

func isoTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// checkoutURL is an order's checkout page.
func checkoutURL(ref string) string { return "/checkout/" + url.PathEscape(ref) }

// resultURL is an order's result page.
func resultURL(ref string) string { return "/orders/" + url.PathEscape(ref) }

// hiddenUnless tells whether an element shown only in the given states
// is hidden in state.
func hiddenUnless(state string, states ...string) bool {
	for _, s := range states {
		if s == state {
			return false
		}
	}
	return true
}
