package checkout

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"antom-checkout/db"
)

// Order is what a checkout or result page shows.
type Order struct {
	Ref      string
	BuyerID  int64
	Product  Product
	Quantity int
	Total    Money
	// UnitPrice is what one item cost in this order: the order's amount ÷
	// its quantity, in the order's currency (never the catalogue's current
	// price, which may differ or, for a test payment, be a placeholder).
	UnitPrice   Money
	Status      string // db.Order*
	PaidAt      time.Time
	CreatedAt   time.Time
	Description string // "2 × Ceremonial matcha"
}

// Viewer is who asks to see an order: a signed-in buyer, or a guest whose
// session holds the refs of the orders it created.
type Viewer struct {
	BuyerID   int64
	GuestRefs []string
}

// CreateOrder starts an order for a product at the server's price.
func (s *Service) CreateOrder(ctx context.Context, buyerID int64, slug, quantity string) (Order, error) {
	p, err := s.productBySlug(ctx, slug)
	if errors.Is(err, db.ErrNotFound) || (err == nil && p.Test) {
		return Order{}, fieldError("product", "shop.error_product")
	}
	if err != nil {
		return Order{}, err
	}
	qty, err := strconv.Atoi(strings.TrimSpace(quantity))
	if err != nil || qty < 1 || qty > 10 {
		return Order{}, fieldError("quantity", "shop.error_quantity")
	}
	ref, err := newOrderRef(s.now())
	if err != nil {
		return Order{}, err
	}
	now := s.now()
	o := db.Order{Ref: ref, BuyerID: buyerID, ProductID: p.ID, Quantity: qty, Currency: p.Currency,
		Amount: p.Price * int64(qty), Status: db.OrderOpen, CreatedAt: now}
	if _, err := s.db.InsertOrder(ctx, o); err != nil {
		return Order{}, err
	}
	s.record(ctx, nil, OrderSubject(ref), EventBuyer, fmt.Sprintf("order created: %d × %s, %s", qty, p.Name, Money{p.Currency, o.Amount}))
	return orderView(o, p), nil
}

// OrderFor returns an order if the viewer may see it, else ErrNotFound.
func (s *Service) OrderFor(ctx context.Context, v Viewer, ref string) (Order, error) {
	_, o, err := s.orderFor(ctx, v, ref)
	return o, err
}

// orderFor is OrderFor that also returns the order's row as read.
func (s *Service) orderFor(ctx context.Context, v Viewer, ref string) (db.Order, Order, error) {
	o, err := s.db.OrderByRef(ctx, ref)
	return s.viewable(ctx, v, o, err)
}

// viewable is an order as read (o, or the error reading it), if the
// viewer may see it, else ErrNotFound; with its view.
func (s *Service) viewable(ctx context.Context, v Viewer, o db.Order, err error) (db.Order, Order, error) {
	if errors.Is(err, db.ErrNotFound) || (err == nil && !v.owns(o)) {
		return o, Order{}, ErrNotFound
	}
	if err != nil {
		return o, Order{}, err
	}
	p, err := s.product(ctx, o.ProductID)
	if err != nil {
		return o, Order{}, err
	}
	return o, orderView(o, p), nil
}

// ClaimGuestOrders gives a guest's orders to the buyer who signed in.
func (s *Service) ClaimGuestOrders(ctx context.Context, buyerID int64, refs []string) error {
	for _, ref := range refs {
		if _, err := s.db.ClaimGuestOrder(ctx, ref, buyerID, s.now()); err != nil {
			return err
		}
	}
	return nil
}

func (v Viewer) owns(o db.Order) bool {
	if o.BuyerID != 0 {
		return v.BuyerID == o.BuyerID
	}
	return slices.Contains(v.GuestRefs, o.Ref)
}

func orderView(o db.Order, p db.Product) Order {
	return Order{
		Ref: o.Ref, BuyerID: o.BuyerID, Product: productView(p), Quantity: o.Quantity,
		Total: Money{o.Currency, o.Amount}, UnitPrice: unitPrice(o), Status: o.Status, PaidAt: o.PaidAt, CreatedAt: o.CreatedAt,
		Description: fmt.Sprintf("%d × %s", o.Quantity, p.Name),
	}
}

// unitPrice is what one item of o cost: its amount ÷ quantity, in its
// currency (orders are created at price × quantity, so it divides).
func unitPrice(o db.Order) Money {
	if o.Quantity < 1 {
		return Money{o.Currency, o.Amount}
	}
	return Money{o.Currency, o.Amount / int64(o.Quantity)}
}

// OrderSubject names an order's timeline and hub subject.
func OrderSubject(ref string) string { return "order:" + ref }

// newOrderRef makes an order id that is unguessable and sorts by date:
// "ORD-20261122-" and 10 random base32 characters.
func newOrderRef(now time.Time) (string, error) {
	return newRef("ORD-"+now.UTC().Format("20060102")+"-", 10)
}

// newRef returns prefix + n random characters from an unambiguous
// alphabet.
func newRef(prefix string, n int) (string, error) {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return prefix + string(b), nil
}
