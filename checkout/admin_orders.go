package checkout

import (
	"context"
	"errors"
	"maps"
	"slices"
	"strings"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// FilterRefundProcessing lists orders with a refund not final yet: a
// filter beside the states, not a state of its own.
const FilterRefundProcessing = "refund-processing"

// FilterRefundFailed lists orders with a staff refund that failed and was
// not followed by another: money the buyer was promised and did not get.
const FilterRefundFailed = "refund-failed"

// FilterCaptureFailed lists orders whose authorization is still open
// after Antom refused its newest capture (captureFailureOpen): money
// staff asked for and did not get.
const FilterCaptureFailed = "capture-failed"

// FilterVoidRefused lists orders whose authorization still holds after
// Antom refused its newest void (voidRefusalOpen, as the order's page
// says it): a hold staff meant to release and did not.
const FilterVoidRefused = "void-refused"

// FilterCapturingStuck lists orders whose authorization has a capture
// Antom has not confirmed for over unconfirmedAfter; FilterReleasingStuck,
// a void.
const (
	FilterCapturingStuck = "capturing-stuck"
	FilterReleasingStuck = "releasing-stuck"
)

// FilterAuthExpiring lists orders whose authorization waits for staff
// (no capture or void of it under way) and expires within
// AuthExpiringWithin: capture or void them before it lapses. They are
// listed soonest expiry first, as the authorized are.
const FilterAuthExpiring = "authorization-expiring"

// AuthExpiringWithin is how soon an authorization's expiry must be for
// the dashboard, the orders filter and the metric to call it expiring
// (ExpiringAuthorizations).
const AuthExpiringWithin = 24 * time.Hour

// ExpiringAuthorizations counts the authorizations waiting for staff
// (no capture or void of them under way) that expire within
// AuthExpiringWithin from now, and returns the soonest of their expiry
// times (zero when there are none): what FilterAuthExpiring lists.
func (s *Service) ExpiringAuthorizations(ctx context.Context) (int, time.Time, error) {
	now := s.now()
	return s.db.AuthorizationsExpiring(ctx, now, now.Add(AuthExpiringWithin))
}

// FilterAsksStopped lists the AUTHORIZED orders whose authorization
// ended uncaptured and whose asks of Antom whether it was captured
// outside this app stopped (stopEndChecks): staff decide them — close
// one on its page once Antom Dashboard shows nothing captured
// (CloseAsksStopped).
const FilterAsksStopped = "asks-stopped"

// FilterRefundPaidTwice lists orders with a refund the buyer got twice, or
// may get twice: settled another way, or tried again, then made by Antom
// after all, made or a retry still processing, or found processing by
// Antom (db's refundMadeTwice, refundMaybeTwice); or made good by other
// refunds, then made by Antom (ordersLateTwice).
const FilterRefundPaidTwice = "refund-paid-twice"

// FilterCancelChecking lists orders with a payment whose cancel of ours
// is in doubt (PendingCancelChecking): Antom said it succeeded while the
// cancel was on its way, and the reconciler asks until it is known.
const FilterCancelChecking = "cancel-checking"

// FilterAutoRefunded lists orders paid twice whose second payment is given
// back by an automatic refund (giveBackIn), done yet or not: the orders
// of the dashboard's automatic refunds (AutomaticRefunds).
const FilterAutoRefunded = "auto-refunded"

// ErrUnknownStatus: the orders filter was given a status that is none of
// OrderStatusChoices.
var ErrUnknownStatus = errors.New("checkout: unknown order status filter")

// OrdersPageSize is how many orders one page of the admin list shows.
const OrdersPageSize = 20

// StatusChoice is one option of the orders filter.
type StatusChoice struct {
	Value, Label string
}

// OrderStatusChoices lists the orders filter's options: "" (any status),
// each state of an order as its buyer's page says it (Result*; staff see
// the same state, in words with more detail), then refunds under way.
func OrderStatusChoices() []StatusChoice {
	return []StatusChoice{
		{"", "Any status"},
		{ResultUnpaid, "Unpaid (never tried to pay)"},
		{ResultProcessing, "Processing (being confirmed)"},
		{ResultCardPage, "Not finished (left on the card page)"},
		{ResultCancelling, "Cancelling (an unfinished card payment: the buyer paid another way, or the app cancelled it)"},
		{ResultFailed, "Failed (Antom said so)"},
		{ResultUnconfirmed, "Not confirmed (payments closed by us: Antom had no record of them past their expiry; each watched for a day for a late success)"},
		{ResultCancelled, "Open — awaiting payment (last payment cancelled)"},
		{ResultAuthorized, "Authorized (waiting for capture; soonest expiry first)"},
		{FilterAuthExpiring, "Authorization expiring within 24 h (capture or void it first)"},
		{FilterAsksStopped, "Authorization ended, Antom never said whether it was captured (we stopped asking: check Antom Dashboard and decide)"},
		{ResultVoided, "Voided, or cancelled at Antom"},
		{ResultExpired, "Authorization expired (never captured, nothing charged)"},
		{ResultPaid, "Paid"},
		{ResultPartiallyRefunded, "Partially refunded"},
		{ResultRefunded, "Refunded (in full; or in part, the rest settled another way)"},
		{ResultPartlySettled, "Partly settled another way (nothing refunded)"},
		{ResultSettled, "Settled another way (nothing refunded)"},
		{FilterCaptureFailed, "Capture failed (authorization still open: needs action)"},
		{FilterVoidRefused, "Void refused (authorization still held: needs action)"},
		{FilterCapturingStuck, "Capture not confirmed by Antom for over " + pauseWords(unconfirmedAfter) + " (needs a look)"},
		{FilterReleasingStuck, "Void not confirmed by Antom for over " + pauseWords(unconfirmedAfter) + " (needs a look)"},
		{FilterCancelChecking, "Cancel being checked (paid or authorized while our cancel was on its way)"},
		{FilterAutoRefunded, "Paid twice (an automatic refund of the second payment: made, processing or failed)"},
		{FilterPaymentIDConflict, "paymentId conflict (Antom named another paymentId for a payment not settled: needs action)"},
		{FilterAutoCaptureFailed, "Captured, then failed (Antom captured automatically, then said the payment failed: needs action)"},
		{FilterRefundProcessing, "Refund processing"},
		{FilterRefundFailed, "Refund failed (needs action)"},
		{FilterRefundPaidTwice, "Refund made twice, or that may yet be (settled another way, tried again or refunded again, then made by Antom; or still processing at Antom)"},
	}
}

// parseStatusFilter reads the orders filter's status as staff may type
// it: a choice's value in any case, with "_" or spaces for "-"
// ("PAID", "Partially_Refunded"), and "" for any. ok is false for
// anything else; an old "OPEN" among them, which could mean unpaid,
// failed or cancelled.
func parseStatusFilter(raw string) (status string, ok bool) {
	values := []string{"no-attempt"} // the old value of "never tried to pay"
	for _, c := range OrderStatusChoices() {
		values = append(values, c.Value)
	}
	status, ok = filterValue(raw, values)
	if status == "no-attempt" {
		status = ResultUnpaid
	}
	return status, ok
}

// filterValue reads a list filter's value as staff may type it: one of
// values (written lower case, words joined by "-") in any case, with "_"
// or spaces for "-", around spaces left out. ok is false for anything
// else.
func filterValue(raw string, values []string) (string, bool) {
	s := strings.ToLower(strings.TrimSpace(raw))
	s = strings.NewReplacer("_", "-", " ", "-").Replace(s)
	for _, v := range values {
		if v == s {
			return s, true
		}
	}
	return "", false
}

// OrderFilter is the admin list's search box, status filter and page.
type OrderFilter struct {
	Query  string
	Status string // as parseStatusFilter reads it
	Page   int    // from 1
}

// OrderListItem is one line of the admin orders list.
type OrderListItem struct {
	Ref              string
	State            string // Result*: what the order's result page says
	Total            Money
	Paid             Money  // what the buyer paid when less than Total: a card authorization captured in part (paidPart); zero otherwise
	Method           string // "Wallet", "Card", or "" before any payment
	BuyerEmail       string // "" for a guest
	CreatedAt        time.Time
	RefundProcessing bool
	RefundFailed     bool // a staff refund failed and was not followed by another
	// RefundMadeTwice: a refund the buyer got twice; RefundMaybeTwice: one
	// the buyer gets twice if Antom makes it — a retry still processing,
	// or a refund made good already that Antom is found processing (db's
	// refundMadeTwice, refundMaybeTwice) — or money got or gotten twice
	// through refunds made late (ordersLateTwice: Got; May more than
	// Got). The refund-paid-twice filter lists an order with either.
	RefundMadeTwice, RefundMaybeTwice bool
	// RestSettled (ResultRefunded): refunded in part, the rest settled
	// another way (restSettled): its buyer's badge says partially
	// refunded, and staff's says so too.
	RestSettled bool
	// Pending: an authorization with a void or capture Antom has not
	// confirmed yet (PendingReleasing, PendingCapturing; "" if none).
	Pending string
	// CaptureFailed: Antom refused the authorization's newest capture and
	// the authorization is still open (captureFailureOpen).
	CaptureFailed bool
	// VoidRefused: Antom refused the authorization's newest void and
	// nothing settled it since (voidRefusalOpen, as the order's page).
	VoidRefused bool
	// PaymentIDConflict: a payment of the order has a paymentId conflict
	// staff have not marked resolved; AutoCaptureFailed: an automatic
	// capture of a payment Antom then said failed, not marked resolved —
	// the order page's alarms, read as FilterPaymentIDConflict and
	// FilterAutoCaptureFailed list them (listedAlarms).
	PaymentIDConflict, AutoCaptureFailed bool
	// AsksStopped: the authorization ended uncaptured and we stopped
	// asking Antom whether it was captured outside this app: staff decide
	// (FilterAsksStopped lists them).
	AsksStopped bool
	// AuthExpiresAt (ResultAuthorized): when the authorization expires,
	// zero when Antom did not say — staff capture or void it before then.
	// AuthExpired: that time has come (authorizationExpired; the order is
	// EXPIRED at the reconciler's next pass); AuthExpiresSoon: it comes
	// within AuthExpiringWithin (24 hours) with no capture or void under
	// way (as FilterAuthExpiring lists it).
	AuthExpiresAt                time.Time
	AuthExpired, AuthExpiresSoon bool
	// CaptureBy: the authorization waits for staff, so the list gives its
	// Capture before line, as the order's page does (AuthorizationShown):
	// not once a capture refusal ended it, nor while a capture or void is
	// under way.
	CaptureBy bool
	// AuthExpiryLookEnd (ResultAuthorized, AuthExpiresAt zero): the
	// paymentStatus (FAIL, CANCELLED) of the inquiryPayment answer that
	// ended the reconciler's looks for the expiry, as AdminOrder's; ""
	// while they go on. AuthExpiryLooksStopped: we stopped asking instead
	// (AdminOrder's AuthExpiryLooksStoppedAt).
	AuthExpiryLookEnd      string
	AuthExpiryLooksStopped bool
	// CancelledAtAntom (ResultVoided): Antom reported the authorization
	// cancelled (a capture refused AUTH_CANCELLED or ORDER_IS_CANCELED:
	// showAuthorization), not a void the shop sent.
	CancelledAtAntom bool
}

// OrderList is one page of the admin orders list.
type OrderList struct {
	Items   []OrderListItem
	Filter  OrderFilter
	HasNext bool
}

// AdminOrders lists orders newest first, matching the search box (our
// order ref, a paymentRequestId, paymentId, refundRequestId or refundId,
// a buyer email) and status;
// ErrUnknownStatus for a status parseStatusFilter does not read.
func (s *Service) AdminOrders(ctx context.Context, f OrderFilter) (OrderList, error) {
	f.Query = strings.TrimSpace(f.Query)
	f.Page = max(f.Page, 1)
	status, ok := parseStatusFilter(f.Status)
	if !ok {
		return OrderList{}, ErrUnknownStatus
	}
	f.Status = status
	search := db.OrderSearch{Text: f.Query, Limit: OrdersPageSize + 1, Offset: (f.Page - 1) * OrdersPageSize}
	late, _, notTwice, err := s.ordersLateTwice(ctx) // the list's badges and the paid-twice filter
	if err != nil {
		return OrderList{}, err
	}
	search.NotTwice = notTwice
	alarms, err := s.listedAlarms(ctx) // the list's badges and the alarms' filters
	if err != nil {
		return OrderList{}, err
	}
	switch f.Status {
	case FilterRefundProcessing:
		search.RefundProcessing = true
	case FilterRefundFailed:
		search.RefundFailed = true
	case FilterRefundPaidTwice:
		search.RefundPaidTwice = true
		search.PaidTwiceIDs = slices.Sorted(maps.Keys(late))
	case FilterCancelChecking:
		search.CancelInDoubt = true
	case FilterAutoRefunded:
		search.AutoRefunded = true
	case FilterCaptureFailed:
		search.CaptureFailed, search.Now = true, s.now()
	case FilterVoidRefused:
		open, err := s.openVoidRefusals(ctx, s.now())
		if err != nil {
			return OrderList{}, err
		}
		search.OnlyIDs, search.IDs = true, slices.Sorted(maps.Keys(open))
	case FilterPaymentIDConflict:
		search.OnlyIDs, search.IDs = true, alarms.conflicts
	case FilterAutoCaptureFailed:
		search.OnlyIDs, search.IDs = true, alarms.capturedFailed
	case FilterAsksStopped:
		search.OnlyIDs, search.IDs = true, alarms.asksStopped
	case FilterCapturingStuck:
		search.CapturingBefore, search.Before = true, s.now().Add(-unconfirmedAfter)
	case FilterReleasingStuck:
		search.ReleasingBefore, search.Before = true, s.now().Add(-unconfirmedAfter)
	case FilterAuthExpiring:
		search.Now, search.ExpiringBy, search.SoonestExpiry = s.now(), s.now().Add(AuthExpiringWithin), true
	case ResultAuthorized:
		search.State, search.SoonestExpiry = f.Status, true
	case "":
		search.Tried = f.Query == "" // the default list: orders someone tried to pay
	default:
		search.State = f.Status
	}
	rows, err := s.db.SearchOrders(ctx, search)
	if err != nil {
		return OrderList{}, err
	}
	out := OrderList{Filter: f, HasNext: len(rows) > OrdersPageSize}
	now := s.now()
	rows = rows[:min(len(rows), OrdersPageSize)]
	voidsRefused, err := s.listedVoidRefusals(ctx, rows, now)
	if err != nil {
		return OrderList{}, err
	}
	for _, r := range rows {
		state := listState(r)
		pending := pendingOf(state, r.Attempt.CancelStatus, r.LastCapture)
		expired := state == ResultAuthorized && authorizationExpired(r.Attempt, now)
		// Shown as the order's page shows it: an authorization a capture
		// refusal ended, or whose expiry passed, reads voided (cancelled at
		// Antom) or expired before the reconciler closes it.
		shown := showAuthorization(state, pending == PendingReleasing || pending == PendingCapturing,
			endedAsOf(r.Status, captureEnds[r.EndedBy]), expired)
		item := OrderListItem{
			Ref: r.Ref, State: shown.State, Total: Money{r.Currency, r.Amount}, Paid: paidPart(state, Money{r.Currency, r.Amount}, r.Paid),
			Method: methodName(r.Attempt.Method), BuyerEmail: r.BuyerEmail, CreatedAt: r.CreatedAt, RefundProcessing: r.RefundProcessing,
			RefundFailed: r.RefundFailed, RefundMadeTwice: r.RefundMadeTwice || late[r.ID].madeTwice(),
			RefundMaybeTwice: r.RefundMaybeTwice || late[r.ID].mayBe(), Pending: pending,
			CaptureFailed:     r.Attempt.ID != 0 && captureFailureOpen(r.Status, r.LastCapture, r.EndedBy, r.Attempt.CancelStatus, r.Attempt.AuthExpiresAt, now),
			VoidRefused:       voidsRefused[r.ID],
			PaymentIDConflict: slices.Contains(alarms.conflicts, r.ID),
			AutoCaptureFailed: slices.Contains(alarms.capturedFailed, r.ID),
			AsksStopped:       slices.Contains(alarms.asksStopped, r.ID),
			CancelledAtAntom:  shown.CancelledAtAntom,
			RestSettled:       restSettled(shown.State, r.Paid, r.Refunded),
			CaptureBy:         shown.CaptureBy,
			AuthExpired:       expired && shown.Expired, // its page says it expired only then
		}
		if state == ResultAuthorized {
			item.AuthExpiresAt = r.Attempt.AuthExpiresAt
			item.AuthExpiresSoon = shown.CaptureBy && !item.AuthExpiresAt.IsZero() && !item.AuthExpiresAt.After(now.Add(AuthExpiringWithin)) &&
				pending == "" // as FilterAuthExpiring lists them
			if item.AuthExpiresAt.IsZero() {
				item.AuthExpiryLookEnd = r.ExpiryLookEnd
				if r.ExpiryLookEnd == db.AuthExpiryLooksStopped {
					item.AuthExpiryLookEnd, item.AuthExpiryLooksStopped = "", true
				}
			}
		}
		out.Items = append(out.Items, item)
	}
	return out, nil
}

// orderAlarms are the ids of the orders (ascending) with an open
// paymentId conflict (db's PaymentIDConflictOrders) and with an
// automatic capture of a payment Antom then said failed
// (FailedAutomaticCaptureOrders), neither marked resolved, and of those
// left authorized once we stopped asking Antom about their ended
// authorization (AsksStoppedOrders).
type orderAlarms struct{ conflicts, capturedFailed, asksStopped []int64 }

// listedAlarms reads the orders with an open alarm once for a page of
// the orders list: the same reads its filters, and the dashboard's
// counts, use.
func (s *Service) listedAlarms(ctx context.Context) (orderAlarms, error) {
	conflicts, err := s.db.PaymentIDConflictOrders(ctx)
	if err != nil {
		return orderAlarms{}, err
	}
	capturedFailed, err := s.db.FailedAutomaticCaptureOrders(ctx)
	if err != nil {
		return orderAlarms{}, err
	}
	asksStopped, err := s.db.AsksStoppedOrders(ctx)
	return orderAlarms{conflicts, capturedFailed, asksStopped}, err
}

// listedVoidRefusals is openVoidRefusals at now for a page of the orders
// list, read only when one of its rows is AUTHORIZED (no other order has
// one); nil otherwise.
func (s *Service) listedVoidRefusals(ctx context.Context, rows []db.OrderListRow, now time.Time) (map[int64]bool, error) {
	for _, r := range rows {
		if r.Status == db.OrderAuthorized {
			return s.openVoidRefusals(ctx, now)
		}
	}
	return nil, nil
}

// listState is a listed order's state: buyerState's, from what the list
// read with it.
func listState(r db.OrderListRow) string {
	if r.Attempt.ID == 0 {
		return ResultUnpaid
	}
	return paidState(resultState(r.Order, r.Attempt), r.Paid, r.Refunded, r.Handled)
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
	State      string // Result*: what the order's result page says
	Pending    string // PendingReleasing, PendingCapturing or "" (pendingOf)
	BuyerEmail string
	Items      []OrderItem
	Attempts   []AttemptInfo
	Refunds    []RefundInfo
	Captures   []CaptureInfo
	Timeline   []TimelineEntry
	Paid       Money // taken from the buyer (captured, for a manual card capture)
	Refunded   Money // refunds that succeeded
	Refunding  Money // refunds still processing
	// Handled: failed refunds staff marked settled with the buyer another
	// way (cash, store credit): taken from what is refundable.
	Handled Money
	// RefundFailed: staff refunds that failed and were not followed by
	// another (zero if none): the buyer was told and did not get it.
	RefundFailed Money
	Refundable   Money // what a new refund may take
	CanRefund    bool
	// NewRefundWaitsFor: the refundRequestIds of the open failed refunds
	// of the payment that we closed as failed ourselves and that no
	// Refund lookup has found absent at Antom yet (newRefundsWaitFor), by
	// refund id: Antom may yet make them, and a new refund could count towards
	// making them good, so new refunds wait for the lookup of each
	// (RefundOrder refuses them); nil if none.
	NewRefundWaitsFor []string
	Authorized        Money // an authorization waiting for capture or void (zero if none)
	// A MANUAL card payment (not a surplus one): the authorization's amount
	// (waiting, captured or voided) and what its successful captures took.
	// Zero otherwise.
	Authorization Money
	Captured      Money
	// AuthExpiresAt is when that authorization expires (zero when Antom
	// did not say): captured or voided by then, or the order EXPIRED.
	// AuthExpired: that time has come (authorizationExpired); the order is
	// EXPIRED, or will be at the reconciler's next pass.
	AuthExpiresAt time.Time
	AuthExpired   bool
	// AuthExpiryLookEnd: while the authorization waits with its expiry not
	// known, the paymentStatus (FAIL, CANCELLED) of the inquiryPayment
	// answer that ended the reconciler's looks for it (endAuthExpiryLooks);
	// "" while they go on, and otherwise. AuthExpiryLooksStoppedAt: when we
	// stopped asking instead (stopAuthExpiryLooks: Antom never gave it,
	// for as long as an authorization can be held: it has most likely
	// ended, and staff look it up at Antom before capturing); zero
	// otherwise.
	AuthExpiryLookEnd        string
	AuthExpiryLooksStoppedAt time.Time
	// EndChecksStoppedAt: when the reconciler stopped asking Antom whether
	// the ended authorization was captured outside this app
	// (stopEndChecks): the order stays AUTHORIZED for staff to decide;
	// zero while it asks, and otherwise.
	EndChecksStoppedAt time.Time
	// Voiding: staff voided the authorization and Antom has not answered
	// yet; the reconciler sends the void again until it does.
	Voiding bool
	// EndedAs: Antom refused a capture of the authorization with a code
	// that ends it (captureEnds): the order's status that makes, EXPIRED
	// or VOIDED — the order is that already, or is at the reconciler's
	// next pass (endAuthorizations); "" when none did. VOIDED: cancelled
	// at Antom (AUTH_CANCELLED, ORDER_IS_CANCELED), not by a void staff
	// sent here; nothing was charged and the hold is released.
	EndedAs string
	// CancelInDoubt: a cancel of ours may still take effect on the
	// payment that authorized or paid the order (PendingCancelChecking);
	// CancelByBuyer: it is the buyer's ("pay another way"), not ours;
	// CancelInDoubtBy says whose and why (CancelAskedBy): the buyer's, or
	// ours at the card page's expiry, without a card page, …. Capture,
	// void and refunds wait for it (cancelInDoubtRefusal).
	CancelInDoubt, CancelByBuyer bool
	CancelInDoubtBy              string
	// Capturing: a capture sent and not confirmed yet (zero if none).
	Capturing Money
	// CaptureFailed: the authorization's newest capture, which Antom
	// refused, while the authorization is still open (captureFailureOpen);
	// nil if none.
	CaptureFailed *CaptureFailure
	// VoidRefused: the authorization's newest void, which Antom refused,
	// while nothing has settled it since (voidRefusalOpen); nil if none.
	VoidRefused *VoidRefusal
	// MadeLateTwice: the order's payments whose buyer got (or may get)
	// money twice through refunds we had closed as failed that Antom made
	// after all (refunds_made_late.go), in attempt order; nil if none.
	MadeLateTwice []RefundsMadeLateTwice
	// PaymentIDConflicts: the order's payments Antom has not settled
	// whose answers name another paymentId than the one on record
	// (payment_id_conflict.go): the app cancels none of them by itself,
	// staff decide. AutoCapturesFailed: automatic captures Antom applied
	// of a card payment it settled FAIL since (capturedBeforeFailIn):
	// money may have been taken of a failed payment. Nil if none.
	PaymentIDConflicts []PaymentIDConflict
	AutoCapturesFailed []AutoCaptureFailed
}

// RestSettled reports an order refunded in part, the rest settled
// another way (restSettled): its buyer's badge says partially refunded.
func (o AdminOrder) RestSettled() bool {
	return restSettled(o.State, o.Paid.Minor, o.Refunded.Minor)
}

// RefundsMadeLateTwice is one payment's money paid twice through refunds
// we had closed as failed that Antom made after all, or is found
// processing (lateTwice): Got, what the buyer surely got twice; May, what
// the buyer gets twice in all if Antom makes the payment's refunds still
// processing (>= Got); Owed, what the books still count owed that those
// refunds paid; IfFound, what more the buyer gets twice if Antom makes
// those it was found processing. Late and Found: their refundRequestIds.
type RefundsMadeLateTwice struct {
	Got, May, Owed, IfFound Money
	Late, Found             []string
}

// Waiting reports whether the order may change by itself while staff
// look at it (as Result.Waiting does for the buyer's page): the payment
// is not final, or a refund, a capture, a void or a hold's release is
// under way. An order page re-reads on a timer only then; otherwise on
// news of the order only.
func (o AdminOrder) Waiting() bool {
	switch o.State {
	case ResultProcessing, ResultCardPage, ResultCancelling:
		return true
	}
	return o.Pending != "" || o.Refunding.Minor > 0 || o.Capturing.Minor > 0 || o.Voiding
}

// RefundOffered reports whether the order page offers its Refund form:
// the order can be refunded (CanRefund) and no failed refund we closed
// ourselves waits for its lookup (NewRefundWaitsFor).
func (o AdminOrder) RefundOffered() bool { return o.CanRefund && len(o.NewRefundWaitsFor) == 0 }

// CanCapture reports whether the order holds an authorization staff can
// capture or void now: waiting, not expired nor ended by a capture
// refusal (EndedAs), and neither a capture nor a void of it under way.
func (o AdminOrder) CanCapture() bool {
	return o.Authorized.Minor > 0 && o.Capturing.Minor == 0 && !o.Voiding && !o.AuthExpired && !o.CancelInDoubt && o.EndedAs == ""
}

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
	// Instrument and InstrumentAccount: the wallet or card paid with, its
	// name and its account ("GCash", "0917****123"; "Visa", "•••• 4242"),
	// which staff pages keep each whole on a line.
	Instrument, InstrumentAccount string
	CaptureMode                   string
	CreatedAt                     time.Time
	PaidAt                        time.Time
	// CancelledAfterPayment: paid, then cancelled at our request; the
	// cancel gave the money back (nothing is left to refund).
	CancelledAfterPayment bool
	// Released: an authorization (MANUAL capture) that a cancel of ours,
	// sent while the payment was open, reached after it was authorized:
	// the hold was released and nothing was taken (cancelledAuthorizationIn).
	Released bool
	// Left: CANCELLED because the buyer chose to pay another way while it
	// was open (db.Attempt.AbandonedAt), not because its card page
	// expired.
	Left bool
	// CardPage: still PROCESSING at Antom because Antom's card page was
	// opened and not finished (the buyer's "not finished"); Cancelling:
	// a payment Antom has not settled whose cancel Antom has not
	// confirmed — such a card payment (ResultCancelling), or one we closed
	// that Antom still held open — not held (CancelHeld). CancelBy says
	// who asked for the cancel and why (CancelAskedBy): the buyer, or the
	// app at the payment's expiry, because another payment paid the
	// order, …; "" for no cancel.
	CardPage, Cancelling bool
	CancelBy             string
	// CancelHeld: a cancel the app stored of its own (at the payment's
	// expiry, or because another payment paid the order) before it
	// learned that Antom's answers about the payment name another
	// paymentId (db.Attempt.CancelHeld): not sent again, left for staff,
	// and not Cancelling. CancelHeldResolved: staff have marked that
	// paymentId conflict resolved (the app still sends nothing of it).
	CancelHeld, CancelHeldResolved bool
	// Surplus: it went through after another attempt had paid (or
	// authorized) the order — a late success — and is given back
	// automatically: refunded, or its authorization voided.
	Surplus bool
	// Unconfirmed: FAIL of ours, not Antom's word (ResultUnconfirmed):
	// Antom had no such payment past its expiry.
	Unconfirmed bool
	// WatchEnds, of an Unconfirmed attempt: when we stop asking Antom
	// for a late success (lateWatch after it started, as EndingWords
	// has it); WatchOver, that time has passed: none came.
	WatchEnds time.Time
	WatchOver bool
}

// CaptureInfo is a capture as staff see it.
type CaptureInfo struct {
	CaptureRequestID string
	CaptureID        string
	Amount           Money
	Status           string
	ResultCode       string
	ResultMessage    string
	CreatedBy        string
	// Outside: made outside this app (in Antom Dashboard or by another
	// system) and recorded from Antom's word (adoptOutsideCapture);
	// CreatedBy is then db.CapturedOutside, no staff member.
	Outside   bool
	CreatedAt time.Time
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
// none. Its pieces are read in one snapshot (db.Snapshot): whatever
// commits meanwhile — a refund, a capture's outcome — is all in them or
// not at all, so the page never shows a timeline line without its refund
// row, nor an authorization read before a capture's commit beside the
// capture read after it.
func (s *Service) AdminOrderDetail(ctx context.Context, ref string) (AdminOrder, error) {
	var out AdminOrder
	err := s.db.Snapshot(ctx, func(q *db.Queries) error {
		var err error
		out, err = s.adminOrderDetail(ctx, q, ref)
		return err
	})
	return out, err
}

// adminOrderDetail is AdminOrderDetail read through q, a snapshot: the
// order, then what needs only the order, then what needs its attempts —
// on PostgreSQL three round trips (readAdminOrder), the first with the
// snapshot's BEGIN, the last with its COMMIT.
func (s *Service) adminOrderDetail(ctx context.Context, q *db.Queries, ref string) (AdminOrder, error) {
	o, err := q.OrderByRef(ctx, ref)
	if errors.Is(err, db.ErrNotFound) {
		return AdminOrder{}, ErrNotFound
	}
	if err != nil {
		return AdminOrder{}, err
	}
	r, err := s.readAdminOrder(ctx, q, o)
	if err != nil {
		return AdminOrder{}, err
	}
	out := AdminOrder{Order: orderView(o, r.product), BuyerEmail: r.buyerEmail, Items: []OrderItem{{
		Name: r.product.Name, Quantity: o.Quantity, UnitPrice: unitPrice(o), Total: Money{o.Currency, o.Amount},
	}}}
	s.adminPayments(o, r, &out)
	adminRefunds(o, r, &out, s.zone())
	out.PaymentIDConflicts = paymentIDConflicts(r.attempts, r.conflicts, r.resolutions)
	out.AutoCapturesFailed = autoCapturesFailed(r.attempts, r.autoCaptures, r.resolutions)
	switch {
	case out.CancelInDoubt:
		out.Pending = pendingOf(out.State, db.CancelInDoubt, "")
	case out.Voiding:
		out.Pending = pendingOf(out.State, db.CancelProcessing, "")
	case out.Capturing.Minor > 0:
		out.Pending = pendingOf(out.State, "", db.CaptureProcessing)
	}
	for _, e := range r.events {
		out.Timeline = append(out.Timeline, TimelineEntry{At: e.At, Kind: e.Kind, Detail: e.Detail, Actor: e.Actor, HTTPRequestID: e.HTTPRequestID})
	}
	return out, nil
}

// adminPayments fills attempts and captures, and the authorization
// waiting for capture, from r.
func (s *Service) adminPayments(o db.Order, r adminReads, out *AdminOrder) {
	for _, a := range r.attempts {
		info := attemptInfo(a, r)
		if info.Unconfirmed {
			info.WatchEnds = a.CreatedAt.Add(lateWatch)
			info.WatchOver = s.now().After(info.WatchEnds)
		}
		out.Attempts = append(out.Attempts, info)
		if a.Status != db.AttemptSuccess || a.CaptureMode != antom.CaptureManual || a.Surplus {
			continue // a surplus authorization is voided automatically
		}
		out.Authorization, out.Captured = Money{a.Currency, a.Amount}, Money{a.Currency, 0}
		out.AuthExpiresAt, out.AuthExpired = a.AuthExpiresAt, authorizationExpired(a, s.now())
		out.EndChecksStoppedAt = a.EndChecksStoppedAt
		ending, endedAs, _ := refusedEnding(r.captures, a.ID)
		out.EndedAs = endedAsOf(o.Status, endedAs)
		if o.Status == db.OrderExpired || endedAs == db.OrderExpired {
			out.AuthExpiresAt = expiredAt(a, s.now()) // none when Antom said it expired before the time we hold
		}
		for _, c := range r.captures {
			switch {
			case c.AttemptID != a.ID:
			case c.Status == db.CaptureSuccess:
				out.Captured.Minor += c.Amount
			case c.Status == db.CaptureProcessing:
				out.Capturing = Money{c.Currency, out.Capturing.Minor + c.Amount}
			}
		}
		if o.Status == db.OrderAuthorized {
			out.Authorized = out.Authorization
			out.Voiding = a.CancelStatus == db.CancelProcessing
			out.CancelInDoubt = a.CancelStatus == db.CancelInDoubt
			out.CancelByBuyer = out.CancelInDoubt && !a.AbandonedAt.IsZero()
			if out.CancelInDoubt {
				out.CancelInDoubtBy = CancelAskedBy(a, r.paying)
			}
			if a.AuthExpiresAt.IsZero() {
				if end := r.lookEnds[a.ID]; end.Status == db.AuthExpiryLooksStopped {
					out.AuthExpiryLooksStoppedAt = end.At
				} else {
					out.AuthExpiryLookEnd = end.Status
				}
			}
		}
		if c, ok := lastCaptureOf(r.captures, a.ID); ok && captureFailureOpen(o.Status, c.Status, ending.ResultCode, a.CancelStatus, a.AuthExpiresAt, s.now()) {
			out.CaptureFailed = &CaptureFailure{CaptureRequestID: c.CaptureRequestID, Amount: Money{c.Currency, c.Amount},
				By: c.CreatedBy, SentAt: c.CreatedAt, FailedAt: c.UpdatedAt, Code: c.ResultCode, Message: c.ResultMessage,
				AuthExpiresAt: a.AuthExpiresAt}
		}
		var lastCaptureID int64
		if c, ok := lastCaptureOf(r.captures, a.ID); ok {
			lastCaptureID = c.ID
		}
		if v := r.voidRefusals[a.ID]; voidRefusalOpen(o.Status, a, v, endedAs, r.lookEnds[a.ID].Status, lastCaptureID, s.now()) {
			out.VoidRefused = &VoidRefusal{RefusedAt: v.At, Code: v.Code, Message: v.Message, AuthExpiresAt: a.AuthExpiresAt}
		}
	}
	for _, c := range r.captures {
		out.Captures = append(out.Captures, CaptureInfo{
			CaptureRequestID: c.CaptureRequestID, CaptureID: c.CaptureID, Amount: Money{c.Currency, c.Amount},
			Status: c.Status, ResultCode: c.ResultCode, ResultMessage: c.ResultMessage, CreatedBy: c.CreatedBy, CreatedAt: c.CreatedAt,
			Outside: c.CreatedBy == db.CapturedOutside,
		})
	}
}

// attemptInfo is attempt a as staff see it, with what r read beside it
// (its captures, its wallet).
func attemptInfo(a db.Attempt, r adminReads) AttemptInfo {
	info := AttemptInfo{
		PaymentRequestID: a.PaymentRequestID, Status: a.Status, ResultCode: a.ResultCode, PaymentID: a.PaymentID,
		Method: methodName(a.Method), CaptureMode: a.CaptureMode, CreatedAt: a.CreatedAt, PaidAt: a.PaidAt,
		CancelledAfterPayment: a.CancelledAfterPayment(), Left: a.Status == db.AttemptCancelled && !a.AbandonedAt.IsZero(),
		Surplus: a.Surplus,
	}
	if info.CancelledAfterPayment && a.CaptureMode == antom.CaptureManual && paidOf(a, capturedOf(r.captures, a.ID)) == 0 {
		info.CancelledAfterPayment, info.Released = false, true // paidAmount, from the captures read
	}
	info.CancelHeld = a.CancelHeld()
	info.CancelHeldResolved = info.CancelHeld && resolved(r.resolutions, a.ID, db.AlarmPaymentIDConflict)
	switch resultState(db.Order{}, a) {
	case ResultCardPage:
		info.CardPage = true
	case ResultCancelling:
		info.Cancelling = true
	case ResultUnconfirmed:
		info.Unconfirmed = true
		info.Cancelling = a.CancelStatus == db.CancelProcessing && !info.CancelHeld // closed by us, open at Antom
	}
	info.CancelBy = CancelAskedBy(a, r.paying)
	paid := instrumentOf(a, r.wallets[a.WalletID])
	info.Instrument, info.InstrumentAccount = paid.Name, paid.Account
	return info
}

// adminRefunds fills refunds, the order's state and what is left to
// refund, from r.
func adminRefunds(o db.Order, r adminReads, out *AdminOrder, zone *time.Location) {
	reqIDs, retriedBy := map[int64]string{}, map[int64]string{} // by refund id
	for _, rf := range r.refunds {
		reqIDs[rf.ID] = rf.RefundRequestID
		if rf.RetryOf != 0 {
			retriedBy[rf.RetryOf] = rf.RefundRequestID
		}
	}
	late := lateTwiceByAttempt(r.refunds, func(id int64) int64 {
		for _, a := range r.attempts {
			if a.ID == id {
				return paidOf(a, capturedOf(r.captures, a.ID))
			}
		}
		return 0
	})
	for _, rf := range r.refunds {
		info := refundInfo(rf, o.Ref, zone)
		if rf.OutsideTook {
			info.Words = RefundOutsideTookWords(madeOutside(r.refunds, rf.AttemptID))
		}
		if gave := autoOutsideGave(r.refunds, rf); gave > 0 {
			info.OutsideGave = Money{rf.Currency, gave}
		}
		if owed, ok := r.open[rf.ID]; ok {
			setOwed(&info, owed)
			if n, ok := coveringPending(r.refunds, rf, owed.Unmet); ok {
				info.CoveredBy = n.RefundRequestID
			} else if n, made, ok := cappedByLateRetry(r.refunds, rf, owed); ok {
				info.CapWaitsFor, info.CapWaitsMade = n.RefundRequestID, made.RefundRequestID
			}
		}
		info.RetryOf, info.RetriedBy = reqIDs[rf.RetryOf], retriedBy[rf.ID]
		info.TwiceWith, info.PaidTwice = r.twice[rf.ID]
		flagged := info.PaidTwice
		if info.PaidTwice {
			twice := rf.Amount
			if rf.Status == db.RefundFail {
				twice = rf.HandledAmount // a retry that failed, settled another way
			}
			if so, ok := late[rf.AttemptID].Older[rf.ID]; ok {
				twice = so
			}
			info.Twice = Money{rf.Currency, twice}
			if twice <= 0 {
				info.PaidTwice, info.TwiceWith = false, ""
			}
		}
		if with, ok := r.foundTwice[rf.ID]; ok && !flagged {
			info.TwiceWith, info.FoundTwice = with, true
		}
		out.Refunds = append(out.Refunds, info)
	}
	for _, a := range r.attempts {
		if t := late[a.ID]; t.told() {
			m := RefundsMadeLateTwice{Got: Money{a.Currency, t.Got}, May: Money{a.Currency, t.May},
				Owed: Money{a.Currency, t.Owed}, IfFound: Money{a.Currency, t.IfFound}}
			for _, l := range t.Late {
				m.Late = append(m.Late, l.RefundRequestID)
			}
			for _, f := range t.Found {
				m.Found = append(m.Found, f.RefundRequestID)
			}
			out.MadeLateTwice = append(out.MadeLateTwice, m)
		}
	}
	out.State = buyerStateOf(o, r.latest, paidOf(r.latest, capturedOf(r.captures, r.latest.ID)), r.latestRefunded, r.latestHandled)
	a := r.paying
	if a.ID == 0 || o.Status != db.OrderPaid {
		return
	}
	f := refundFigures{Paid: paidOf(a, r.money.Captured), Refunded: r.money.Refunded, Processing: r.money.Processing, Handled: r.money.Handled}
	out.Paid, out.Refunded = Money{a.Currency, f.Paid}, Money{a.Currency, f.Refunded}
	out.Refunding, out.Refundable = Money{a.Currency, f.Processing}, Money{a.Currency, f.Left()}
	out.Handled = Money{a.Currency, f.Handled}
	out.CancelInDoubt = a.CancelStatus == db.CancelInDoubt
	out.CancelByBuyer = out.CancelInDoubt && !a.AbandonedAt.IsZero()
	if out.CancelInDoubt {
		out.CancelInDoubtBy = CancelAskedBy(a, r.paying)
	}
	out.CanRefund = f.Left() > 0 && a.PaymentID != "" && !out.CancelInDoubt
	for _, w := range newRefundsWaitFor(r.refunds, r.open, a.ID) {
		out.NewRefundWaitsFor = append(out.NewRefundWaitsFor, w.RefundRequestID)
	}
	out.RefundFailed = Money{a.Currency, r.failed}
}
