package checkout

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// Order statuses staff see beside the stored ones: a paid order whose
// successful refunds cover part or all of what was paid. They are derived
// from the refunds, never stored: orders.status stays PAID, so nothing
// else (checkout, the result page) has to learn new values.
const (
	OrderPartiallyRefunded = "PARTIALLY_REFUNDED"
	OrderRefunded          = "REFUNDED"
	// FilterRefundProcessing lists orders with a refund not final yet.
	FilterRefundProcessing = "REFUND_PROCESSING"
	// OrderFailed is an open order whose latest payment attempt failed;
	// the list shows it so and filters by it.
	OrderFailed = "FAILED"
	// FilterNoAttempt lists orders nobody tried to pay, which the list
	// leaves out otherwise.
	FilterNoAttempt = "NO_ATTEMPT"
)

// OrdersPageSize is how many orders one page of the admin list shows.
const OrdersPageSize = 20

// StatusChoice is one option of the orders filter.
type StatusChoice struct {
	Value, Label string
}

// OrderStatusChoices lists the orders filter's options.
func OrderStatusChoices() []StatusChoice {
	return []StatusChoice{
		{"", "Any status"}, {db.OrderOpen, "Open"}, {db.OrderProcessing, "Processing"},
		{db.OrderAuthorized, "Authorized"}, {db.OrderPaid, "Paid"},
		{OrderPartiallyRefunded, "Partially refunded"}, {OrderRefunded, "Refunded"},
		{db.OrderVoided, "Voided"}, {FilterRefundProcessing, "Refund processing"},
		{OrderFailed, "Failed"}, {FilterNoAttempt, "Never tried to pay"},
	}
}

// OrderFilter is the admin list's search box, status filter and page.
type OrderFilter struct {
	Query  string
	Status string
	Page   int // from 1
}

// OrderListItem is one line of the admin orders list.
type OrderListItem struct {
	Ref              string
	Status           string
	Total            Money
	Method           string // "Wallet", "Card", or "" before any payment
	BuyerEmail       string // "" for a guest
	CreatedAt        time.Time
	RefundProcessing bool
}

// OrderList is one page of the admin orders list.
type OrderList struct {
	Items   []OrderListItem
	Filter  OrderFilter
	HasNext bool
}

// AdminOrders lists orders newest first, matching the search box (our
// order ref, a paymentRequestId or paymentId, a buyer email) and status.
func (s *Service) AdminOrders(ctx context.Context, f OrderFilter) (OrderList, error) {
	f.Query = strings.TrimSpace(f.Query)
	f.Page = max(f.Page, 1)
	if !slices.ContainsFunc(OrderStatusChoices(), func(c StatusChoice) bool { return c.Value == f.Status }) {
		f.Status = ""
	}
	search := db.OrderSearch{Text: f.Query, Limit: OrdersPageSize + 1, Offset: (f.Page - 1) * OrdersPageSize}
	switch f.Status {
	case db.OrderPaid:
		search.Status, search.Refund = db.OrderPaid, "none"
	case OrderPartiallyRefunded:
		search.Status, search.Refund = db.OrderPaid, "partial"
	case OrderRefunded:
		search.Status, search.Refund = db.OrderPaid, "full"
	case FilterRefundProcessing:
		search.Refund = "processing"
	case OrderFailed:
		search.Attempts = "failed"
	case FilterNoAttempt:
		search.Attempts = "none"
	case "":
		if f.Query == "" {
			search.Attempts = "any" // the default list: orders someone tried to pay
		}
	default:
		search.Status = f.Status
	}
	rows, err := s.db.SearchOrders(ctx, search)
	if err != nil {
		return OrderList{}, err
	}
	out := OrderList{Filter: f, HasNext: len(rows) > OrdersPageSize}
	for _, r := range rows[:min(len(rows), OrdersPageSize)] {
		out.Items = append(out.Items, OrderListItem{
			Ref: r.Ref, Status: listStatus(r), Total: Money{r.Currency, r.Amount},
			Method: methodName(r.Method), BuyerEmail: r.BuyerEmail, CreatedAt: r.CreatedAt, RefundProcessing: r.RefundProcessing,
		})
	}
	return out, nil
}

// shownStatus is the status staff see: PAID becomes PARTIALLY_REFUNDED or
// REFUNDED as successful refunds cover part or all of what was paid.
func shownStatus(status string, paid, refunded int64) string {
	switch {
	case status != db.OrderPaid || refunded <= 0:
		return status
	case refunded >= paid:
		return OrderRefunded
	}
	return OrderPartiallyRefunded
}

// listStatus is shownStatus, and FAILED for an open order whose latest
// attempt failed.
func listStatus(r db.OrderListRow) string {
	if r.Status == db.OrderOpen && r.LastAttempt == db.AttemptFail {
		return OrderFailed
	}
	return shownStatus(r.Status, r.Amount, r.Refunded)
}

func methodName(m string) string {
	switch m {
	case db.MethodWallet:
		return "Wallet"
	case db.MethodCard:
		return "Card"
	}
	return m
}

// AdminOrder is an order with everything staff look at: items, payment
// attempts, refunds, captures and one timeline.
type AdminOrder struct {
	Order      Order
	Status     string // as shown (see shownStatus)
	BuyerEmail string
	Items      []OrderItem
	Attempts   []AttemptInfo
	Refunds    []RefundInfo
	Captures   []CaptureInfo
	Timeline   []TimelineEntry
	Paid       Money // taken from the buyer (captured, for a manual card capture)
	Refunded   Money // refunds that succeeded
	Refunding  Money // refunds still processing
	Refundable Money // what a new refund may take
	CanRefund  bool
	Authorized Money // an authorization waiting for capture or void (zero if none)
	// A MANUAL card payment (not a surplus one): the authorization's amount
	// (waiting, captured or voided) and what its successful captures took.
	// Zero otherwise.
	Authorization Money
	Captured      Money
	// Voiding: staff voided the authorization and Antom has not answered
	// yet; the reconciler sends the void again until it does.
	Voiding bool
}

// CanCapture reports whether the order holds an authorization to capture
// or void.
func (o AdminOrder) CanCapture() bool { return o.Authorized.Minor > 0 }

// OrderItem is one line of an order.
type OrderItem struct {
	Name      string
	Quantity  int
	UnitPrice Money
	Total     Money
}

// AttemptInfo is a payment attempt as staff see it.
type AttemptInfo struct {
	PaymentRequestID string
	Status           string
	ResultCode       string
	PaymentID        string
	Method           string // "Wallet" or "Card"
	Instrument       string // "GCash user…", "Visa •••• 4242"
	CaptureMode      string
	CreatedAt        time.Time
	PaidAt           time.Time
	// CancelledAfterPayment: paid, then cancelled at our request; the
	// cancel gave the money back (nothing is left to refund).
	CancelledAfterPayment bool
}

// CaptureInfo is a capture as staff see it.
type CaptureInfo struct {
	CaptureRequestID string
	CaptureID        string
	Amount           Money
	Status           string
	ResultCode       string
	CreatedBy        string
	CreatedAt        time.Time
}

// TimelineEntry is one line of an order's timeline.
type TimelineEntry struct {
	At     time.Time
	Kind   string // EventState, EventAntomCall, …
	Detail string
	Actor  string // who, for staff actions
	// HTTPRequestID is the X-Request-Id of the request that caused it
	// (empty for the reconciler): the key to its log lines.
	HTTPRequestID string
}

// AdminOrderDetail returns an order for the admin; ErrNotFound if there is
// none.
func (s *Service) AdminOrderDetail(ctx context.Context, ref string) (AdminOrder, error) {
	o, err := s.db.OrderByRef(ctx, ref)
	if errors.Is(err, db.ErrNotFound) {
		return AdminOrder{}, ErrNotFound
	}
	if err != nil {
		return AdminOrder{}, err
	}
	p, err := s.product(ctx, o.ProductID)
	if err != nil {
		return AdminOrder{}, err
	}
	out := AdminOrder{Order: orderView(o, p), Items: []OrderItem{{
		Name: p.Name, Quantity: o.Quantity, UnitPrice: Money{p.Currency, p.Price}, Total: Money{o.Currency, o.Amount},
	}}}
	if out.BuyerEmail, err = s.db.BuyerEmail(ctx, o.BuyerID); err != nil {
		return AdminOrder{}, err
	}
	if err := s.adminPayments(ctx, o, &out); err != nil {
		return AdminOrder{}, err
	}
	if err := s.adminRefunds(ctx, o, &out); err != nil {
		return AdminOrder{}, err
	}
	events, err := s.db.Events(ctx, OrderSubject(o.Ref))
	if err != nil {
		return AdminOrder{}, err
	}
	for _, e := range events {
		out.Timeline = append(out.Timeline, TimelineEntry{At: e.At, Kind: e.Kind, Detail: e.Detail, Actor: e.Actor, HTTPRequestID: e.HTTPRequestID})
	}
	return out, nil
}

// adminPayments fills attempts and captures, and the authorization
// waiting for capture.
func (s *Service) adminPayments(ctx context.Context, o db.Order, out *AdminOrder) error {
	attempts, err := s.db.AttemptsOfOrder(ctx, o.ID)
	if err != nil {
		return err
	}
	captures, err := s.db.OrderCaptures(ctx, o.ID)
	if err != nil {
		return err
	}
	for _, a := range attempts {
		out.Attempts = append(out.Attempts, s.attemptInfo(ctx, a))
		if a.Status != db.AttemptSuccess || a.CaptureMode != antom.CaptureManual || a.Surplus {
			continue // a surplus authorization is voided automatically
		}
		out.Authorization, out.Captured = Money{a.Currency, a.Amount}, Money{a.Currency, 0}
		for _, c := range captures {
			if c.AttemptID == a.ID && c.Status == db.CaptureSuccess {
				out.Captured.Minor += c.Amount
			}
		}
		if o.Status == db.OrderAuthorized {
			out.Authorized = out.Authorization
			out.Voiding = a.CancelStatus == db.CancelProcessing
		}
	}
	for _, c := range captures {
		out.Captures = append(out.Captures, CaptureInfo{
			CaptureRequestID: c.CaptureRequestID, CaptureID: c.CaptureID, Amount: Money{c.Currency, c.Amount},
			Status: c.Status, ResultCode: c.ResultCode, CreatedBy: c.CreatedBy, CreatedAt: c.CreatedAt,
		})
	}
	return nil
}

func (s *Service) attemptInfo(ctx context.Context, a db.Attempt) AttemptInfo {
	info := AttemptInfo{
		PaymentRequestID: a.PaymentRequestID, Status: a.Status, ResultCode: a.ResultCode, PaymentID: a.PaymentID,
		Method: methodName(a.Method), CaptureMode: a.CaptureMode, CreatedAt: a.CreatedAt, PaidAt: a.PaidAt,
		CancelledAfterPayment: a.CancelledAfterPayment(),
	}
	switch {
	case a.WalletID != 0:
		if w, err := s.db.WalletByID(ctx, a.WalletID); err == nil {
			info.Instrument = BrandName(w.Wallet) + " " + w.UserLoginID
		}
	case a.CardLast4 != "":
		info.Instrument = brandName(a.CardBrand) + " •••• " + a.CardLast4
	}
	return info
}

// adminRefunds fills refunds and what is left to refund.
func (s *Service) adminRefunds(ctx context.Context, o db.Order, out *AdminOrder) error {
	refunds, err := s.db.OrderRefunds(ctx, o.ID)
	if err != nil {
		return err
	}
	for _, r := range refunds {
		out.Refunds = append(out.Refunds, refundInfo(r, o.Ref))
	}
	out.Status = o.Status
	a, err := s.db.SuccessfulAttempt(ctx, o.ID)
	if errors.Is(err, db.ErrNotFound) || (err == nil && o.Status != db.OrderPaid) {
		return nil
	}
	if err != nil {
		return err
	}
	paid, err := paidAmount(ctx, s.db.Queries, a)
	if err != nil {
		return err
	}
	refunded, processing, err := s.db.RefundTotals(ctx, a.ID)
	if err != nil {
		return err
	}
	left := max(paid-refunded-processing, 0)
	out.Paid, out.Refunded = Money{a.Currency, paid}, Money{a.Currency, refunded}
	out.Refunding, out.Refundable = Money{a.Currency, processing}, Money{a.Currency, left}
	out.CanRefund = left > 0 && a.PaymentID != ""
	out.Status = shownStatus(o.Status, paid, refunded)
	return nil
}
