package checkout

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"antom-checkout/db"
	"antom-checkout/lang"
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

// Viewer is who asks to see an order, or makes one: a signed-in buyer
// (BuyerID), and the browser's guest key (GuestKey: its session's,
// NewGuestKey), which the orders it made as a guest carry. A buyer's
// order is seen by that buyer only; a guest's by whoever holds its key —
// a buyer signed in since too, who then claims it (claimSeen).
type Viewer struct {
	BuyerID  int64
	GuestKey string
}

// errNoOwner: an order made by nobody (no buyer, no guest key).
var errNoOwner = errors.New("checkout: an order needs a buyer or a guest key")

// owner is who an order v makes belongs to: the buyer, or else the
// browser's guest key.
func (v Viewer) owner() (buyerID int64, guestKey string, err error) {
	switch {
	case v.BuyerID != 0:
		return v.BuyerID, "", nil
	case v.GuestKey != "":
		return 0, v.GuestKey, nil
	}
	return 0, "", errNoOwner
}

// NewGuestKey makes a browser's guest key: 128 random bits, in hex.
func NewGuestKey() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// CreateOrder starts an order for a product at the server's price: the
// signed-in buyer's, else the guest's (v.GuestKey).
func (s *Service) CreateOrder(ctx context.Context, v Viewer, slug, quantity string) (Order, error) {
	buyerID, guestKey, err := v.owner()
	if err != nil {
		return Order{}, err
	}
	p, qty, err := s.orderChoice(ctx, slug, quantity)
	if err != nil {
		return Order{}, err
	}
	ref, err := newOrderRef(s.now())
	if err != nil {
		return Order{}, err
	}
	now := s.now()
	o := db.Order{Ref: ref, BuyerID: buyerID, GuestKey: guestKey, ProductID: p.ID, Quantity: qty, Currency: p.Currency,
		Amount: p.Price * int64(qty), Status: db.OrderOpen, CreatedAt: now}
	// The order and its first timeline line are written together: one
	// commit on SQLite, one round trip on PostgreSQL.
	line := db.Event{At: s.now(), Subject: OrderSubject(ref), Kind: EventBuyer,
		Detail: fmt.Sprintf("order created: %d × %s, %s", qty, p.Name, Money{p.Currency, o.Amount}), HTTPRequestID: HTTPRequestID(ctx)}
	if _, err := s.db.InsertOrderWithEvent(ctx, o, line); err != nil {
		return Order{}, err
	}
	return orderView(o, p), nil
}

// CheckOrder is what CreateOrder would say of a press of "Buy" for
// quantity of the product slug: an *InputError when either is wrong,
// ErrNotForSale when the product is no longer for sale (nothing to
// correct: the page the press came from was shown before the
// catalogue changed), else nil. It changes nothing, so that a press the buyer must correct
// is answered before it is counted (CountOrder) or anything is made for
// it.
func (s *Service) CheckOrder(ctx context.Context, slug, quantity string) error {
	_, _, err := s.orderChoice(ctx, slug, quantity)
	return err
}

// orderChoice reads a press of "Buy": a product of the catalogue (not
// the test payment's) and a quantity of 1 to 10, or an *InputError
// saying which is wrong (a quantity's naming the product: its Args'
// Product); ErrNotForSale for a product no longer for sale.
func (s *Service) orderChoice(ctx context.Context, slug, quantity string) (db.Product, int, error) {
	p, err := s.productBySlug(ctx, slug)
	if errors.Is(err, db.ErrNotFound) || (err == nil && p.Test) {
		return db.Product{}, 0, fieldError("product", "shop.error_product")
	}
	if err != nil {
		return db.Product{}, 0, err
	}
	if !s.forSale(p) {
		return db.Product{}, 0, fmt.Errorf("checkout: product %s: %w", slug, ErrNotForSale)
	}
	p = s.asSold(p)
	qty, err := strconv.Atoi(strings.TrimSpace(quantity))
	if err != nil || qty < 1 || qty > 10 {
		// Named: the storefront lists every product, and the error is
		// said above them all (the handler says the name in the page's
		// language, productWords; p.Name is the database's own).
		e := fieldError("quantity", "shop.error_quantity")
		e.Args = map[string]lang.Args{"quantity": {"Product": p.Name}}
		return db.Product{}, 0, e
	}
	return p, qty, nil
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
// viewer may see it, else ErrNotFound; with its view. A guest order a
// signed-in viewer sees by its key is theirs from then on (claimSeen).
func (s *Service) viewable(ctx context.Context, v Viewer, o db.Order, err error) (db.Order, Order, error) {
	if err := viewerMay(v, o, err); err != nil {
		return o, Order{}, err
	}
	if o, err = s.claimSeen(ctx, v, o); err != nil {
		return o, Order{}, err
	}
	p, err := s.product(ctx, s.db.Queries, o.ProductID)
	if err != nil {
		return o, Order{}, err
	}
	return o, orderView(o, p), nil
}

// viewerMay is nil if the viewer may see order o as read (or the error
// reading it), else ErrNotFound (or that error).
func viewerMay(v Viewer, o db.Order, err error) error {
	if errors.Is(err, db.ErrNotFound) || (err == nil && !v.owns(o)) {
		return ErrNotFound
	}
	return err
}

// claimSeen gives a signed-in viewer the guest order o they see by its
// key: one this browser made as a guest that the claim at sign-in missed
// (made while the buyer signed in, in another tab). From then on it is
// theirs like any other (one-click pay, a kept card, gone after sign-out).
// Any other order is returned as it is, with no write. ErrNotFound if
// another buyer claimed it first.
func (s *Service) claimSeen(ctx context.Context, v Viewer, o db.Order) (db.Order, error) {
	if v.BuyerID == 0 || o.BuyerID != 0 {
		return o, nil
	}
	claimed, err := s.db.ClaimGuestOrder(ctx, o.Ref, o.GuestKey, v.BuyerID, s.now())
	if err != nil {
		return o, err
	}
	if !claimed { // claimed since it was read: by this buyer (another tab), or not theirs
		now, err := s.db.OrderByRef(ctx, o.Ref)
		if err != nil {
			return o, err
		}
		if now.BuyerID != v.BuyerID {
			return o, ErrNotFound
		}
	}
	o.BuyerID = v.BuyerID
	return o, nil
}

// ClaimGuestOrders gives the buyer who signed in every order this browser
// made as a guest (its guest key), at once.
func (s *Service) ClaimGuestOrders(ctx context.Context, buyerID int64, guestKey string) error {
	_, err := s.db.ClaimGuestOrders(ctx, guestKey, buyerID, s.now())
	return err
}

// KeyGuestOrders gives the guest orders a session from before guest keys
// held the refs of (refs) the guest key key, and returns the key the
// browser goes on seeing them by: key, or the one another tab upgrading
// the same session gave them first ("" if refs hold no guest order).
// Buyers' orders and orders keyed already are left alone.
func (s *Service) KeyGuestOrders(ctx context.Context, refs []string, key string) (string, error) {
	return s.db.KeyGuestOrders(ctx, refs, key)
}

// owns says whether v may see o: a buyer's order its buyer, a guest's
// whoever holds its key.
func (v Viewer) owns(o db.Order) bool {
	if o.BuyerID != 0 {
		return v.BuyerID == o.BuyerID
	}
	return v.GuestKey != "" && o.GuestKey == v.GuestKey
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

// PaymentTaken reports an order status that takes no new payment: its
// payment succeeded (PAID, or a card authorization: AUTHORIZED) or ended
// an authorization that succeeded (VOIDED, EXPIRED). Paying it again
// would charge the buyer twice, or pay an order the shop closed.
func PaymentTaken(status string) bool {
	switch status {
	case db.OrderPaid, db.OrderAuthorized, db.OrderVoided, db.OrderExpired:
		return true
	}
	return false
}
