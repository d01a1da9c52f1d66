package proof

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"antom-checkout/antom/sandbox"
	"antom-checkout/checkout"
	"antom-checkout/db"
)

// Category is what kind of disagreement a Finding is.
type Category string

// The categories Compare counts (see the package doc).
const (
	DoubleCharge Category = "double charge"
	Lost         Category = "lost"
	Stuck        Category = "stuck"
	Mismatched   Category = "mismatched"
	// Orphaned is a wallet token Antom issued whose applyToken answer never
	// reached the checkout's database (the process died, or the answer was
	// dropped, after Antom did the work): an authCode is single-use, so
	// the checkout's second applyToken got INVALID_AUTHCODE (kept as
	// checkout.LinkAnswerLost) and the buyer was told their wallet app may
	// show the link and asked to link again. No money is involved and no one holds the
	// token; it is reported, not counted.
	Orphaned Category = "orphaned link"
)

// Finding is one disagreement between the checkout's books and Antom's
// ledger.
type Finding struct {
	Category Category
	Order    string // the order ref; "" when no order is involved
	Subject  string // the paymentRequestId, refundRequestId, captureRequestId or authState
	Detail   string
}

// key is what the counts count: the order, else the subject.
func (f Finding) key() string {
	if f.Order != "" {
		return "order " + f.Order
	}
	return f.Subject
}

// Counts are the figures of a run's last line.
type Counts struct {
	DoubleCharges, Lost, Stuck, Mismatched int
}

// Zero reports whether nothing went wrong.
func (c Counts) Zero() bool { return c == Counts{} }

// Count counts findings: each order (or subject) once per category.
func Count(fs []Finding) Counts {
	seen := map[Category]map[string]bool{}
	for _, f := range fs {
		if seen[f.Category] == nil {
			seen[f.Category] = map[string]bool{}
		}
		seen[f.Category][f.key()] = true
	}
	return Counts{len(seen[DoubleCharge]), len(seen[Lost]), len(seen[Stuck]), len(seen[Mismatched])}
}

// Shown is what each order's buyer was last shown, by order ref: the
// result page's state (paid, failed, processing, cancelled, unpaid,
// authorized, voided). Orders nobody looked at are absent.
type Shown map[string]string

// Compare checks the checkout's books against the sandbox's ledger and
// returns every disagreement, ordered by order ref then subject.
func Compare(b db.Books, l sandbox.Ledger, shown Shown) []Finding {
	c := newComparison(b, l)
	c.payments()
	c.attempts()
	c.doubleCharges()
	c.orders(shown)
	c.refunds()
	c.captures()
	c.links()
	sort.SliceStable(c.out, func(i, j int) bool {
		if c.out[i].Order != c.out[j].Order {
			return c.out[i].Order < c.out[j].Order
		}
		return c.out[i].Subject < c.out[j].Subject
	})
	return c.out
}

// comparison holds both sides, indexed.
type comparison struct {
	b   db.Books
	l   sandbox.Ledger
	out []Finding

	orderByID     map[int64]db.Order
	attemptByReq  map[string]db.Attempt
	attemptByID   map[int64]db.Attempt
	attemptsOf    map[int64][]db.Attempt
	capturesOf    map[int64][]db.Capture
	linkByState   map[string]db.LinkAttempt
	walletByID    map[int64]db.Wallet
	paymentByReq  map[string]sandbox.LedgerPayment
	paymentsOfRef map[string][]sandbox.LedgerPayment
	ledgerLinks   map[string]sandbox.LedgerLink
}

func newComparison(b db.Books, l sandbox.Ledger) *comparison {
	c := &comparison{b: b, l: l,
		orderByID: map[int64]db.Order{}, attemptByReq: map[string]db.Attempt{}, attemptByID: map[int64]db.Attempt{},
		attemptsOf: map[int64][]db.Attempt{}, capturesOf: map[int64][]db.Capture{},
		linkByState: map[string]db.LinkAttempt{}, walletByID: map[int64]db.Wallet{},
		paymentByReq: map[string]sandbox.LedgerPayment{}, paymentsOfRef: map[string][]sandbox.LedgerPayment{},
		ledgerLinks: map[string]sandbox.LedgerLink{},
	}
	for _, o := range b.Orders {
		c.orderByID[o.ID] = o
	}
	for _, a := range b.Attempts {
		c.attemptByReq[a.PaymentRequestID] = a
		c.attemptByID[a.ID] = a
		c.attemptsOf[a.OrderID] = append(c.attemptsOf[a.OrderID], a)
	}
	for _, k := range b.Captures {
		c.capturesOf[k.AttemptID] = append(c.capturesOf[k.AttemptID], k)
	}
	for _, la := range b.Links {
		c.linkByState[la.AuthState] = la
	}
	for _, w := range b.Wallets {
		c.walletByID[w.ID] = w
	}
	for _, p := range l.Payments {
		c.paymentByReq[p.PaymentRequestID] = p
		c.paymentsOfRef[p.ReferenceOrderID] = append(c.paymentsOfRef[p.ReferenceOrderID], p)
	}
	for _, k := range l.Links {
		c.ledgerLinks[k.AuthState] = k
	}
	return c
}

// add records a finding.
func (c *comparison) add(cat Category, order, subject, format string, args ...any) {
	c.out = append(c.out, Finding{Category: cat, Order: order, Subject: subject, Detail: fmt.Sprintf(format, args...)})
}

// refOf names the order an app row belongs to.
func (c *comparison) refOf(orderID int64) string { return c.orderByID[orderID].Ref }

// Ledger payment statuses.
const (
	paySuccess    = "SUCCESS"
	payProcessing = "PROCESSING"
	payCancelled  = "CANCELLED"
)

// payments walks Antom's payments: each must be the checkout's attempt
// with the same outcome.
func (c *comparison) payments() {
	for _, p := range c.l.Payments {
		ref, req := p.ReferenceOrderID, p.PaymentRequestID
		a, ok := c.attemptByReq[req]
		switch {
		case p.Status == payProcessing:
			c.add(Stuck, ref, req, "Antom's payment %s is still PROCESSING", p.PaymentID)
			continue
		case !ok && p.Status == paySuccess:
			c.add(Lost, ref, req, "Antom took %s %d (paymentId %s) for a paymentRequestId the checkout has no attempt for", p.Currency, p.Amount, p.PaymentID)
			continue
		case !ok:
			c.add(Mismatched, ref, req, "Antom has a %s payment for a paymentRequestId the checkout has no attempt for", p.Status)
			continue
		}
		if ref != c.refOf(a.OrderID) {
			c.add(Mismatched, ref, req, "Antom files it under order %q, the checkout under %q", ref, c.refOf(a.OrderID))
		}
		if p.Amount != a.Amount || p.Currency != a.Currency {
			c.add(Mismatched, ref, req, "amount: Antom %s %d, checkout %s %d", p.Currency, p.Amount, a.Currency, a.Amount)
		}
		switch {
		case a.Status == db.AttemptProcessing:
			// attempts() reports it
		case p.Status == paySuccess && a.Status != db.AttemptSuccess:
			c.add(Lost, ref, req, "Antom took the money (paymentId %s) but the checkout's attempt is %s (%s)", p.PaymentID, a.Status, a.ResultCode)
		case p.Status == paySuccess && a.PaymentID != p.PaymentID:
			c.add(Mismatched, ref, req, "paymentId: Antom %s, checkout %q", p.PaymentID, a.PaymentID)
		case p.Status != paySuccess && a.Status == db.AttemptSuccess && !c.voided(a, p):
			c.add(Mismatched, ref, req, "the checkout says SUCCESS, Antom says %s (%s)", p.Status, p.ResultCode)
		}
	}
}

// voided reports a MANUAL authorisation voided on both sides: the attempt
// stays SUCCESS, the order VOIDED, Antom's payment CANCELLED.
func (c *comparison) voided(a db.Attempt, p sandbox.LedgerPayment) bool {
	return p.Status == payCancelled && p.Voided && c.orderByID[a.OrderID].Status == db.OrderVoided
}

// attempts walks the checkout's attempts for those Antom does not know
// or that never settled.
func (c *comparison) attempts() {
	for _, a := range c.b.Attempts {
		ref, req := c.refOf(a.OrderID), a.PaymentRequestID
		_, known := c.paymentByReq[req]
		switch {
		case a.Status == db.AttemptProcessing:
			c.add(Stuck, ref, req, "the checkout's attempt is still PROCESSING")
		case a.Status == db.AttemptSuccess && !known:
			c.add(Mismatched, ref, req, "the checkout says SUCCESS; Antom has no such payment")
		}
	}
}

// doubleCharges finds orders Antom charged more than once.
func (c *comparison) doubleCharges() {
	for ref, ps := range c.paymentsOfRef {
		var took []string
		for _, p := range ps {
			if p.Status == paySuccess {
				took = append(took, p.PaymentRequestID)
			}
		}
		if len(took) > 1 {
			c.add(DoubleCharge, ref, took[0], "Antom took the money %d times: %s", len(took), strings.Join(took, ", "))
		}
	}
}

// stateOfOrder is the result page state each order status must show.
var stateOfOrder = map[string][]string{
	db.OrderPaid:       {"paid"},
	db.OrderAuthorized: {"authorized"},
	db.OrderVoided:     {"voided"},
	db.OrderExpired:    {"expired"},
	db.OrderProcessing: {"processing"},
	db.OrderOpen:       {"failed", "unconfirmed", "unpaid", "cancelled"},
}

// showsMoneyTaken are the result page states that tell the buyer their
// money was taken (and perhaps given back since).
var showsMoneyTaken = []string{"paid", "authorized", "partially-refunded", "refunded", "partly-settled", "settled"}

// pageStates is what the buyer's result page may say of an order: its
// status's states, and for a PAID order the refunds of its payment that
// succeeded decide between paid, partially-refunded and refunded (with
// its failed refunds staff settled another way, refunded once both
// cover the payment); with none, its failed refunds staff settled
// another way make it partly-settled or settled (checkout's paidState).
func (c *comparison) pageStates(o db.Order, success []db.Attempt) []string {
	if o.Status != db.OrderPaid || len(success) != 1 {
		return stateOfOrder[o.Status]
	}
	a := success[0]
	charged := a.Amount
	if a.CaptureMode == "MANUAL" {
		charged = 0
		for _, k := range c.capturesOf[a.ID] {
			if k.Status == db.CaptureSuccess {
				charged += k.Amount
			}
		}
	}
	var refunded, handled int64
	for _, r := range c.b.Refunds {
		switch {
		case r.AttemptID != a.ID:
		case r.Status == db.RefundSuccess:
			refunded += r.Amount
		case r.Status == db.RefundFail && !r.HandledAt.IsZero():
			handled += r.HandledAmount
		}
	}
	switch {
	case refunded > 0 && refunded+handled >= charged:
		return []string{"refunded"}
	case refunded > 0:
		return []string{"partially-refunded"}
	case handled > 0 && handled >= charged:
		return []string{"settled"}
	case handled > 0:
		return []string{"partly-settled"}
	}
	return []string{"paid"}
}

// orders checks each order's status against its attempts, its captures,
// Antom, and what its buyer was shown.
func (c *comparison) orders(shown Shown) {
	for _, o := range c.b.Orders {
		var success []db.Attempt
		for _, a := range c.attemptsOf[o.ID] {
			if a.Status == db.AttemptSuccess {
				success = append(success, a)
			}
		}
		charged := 0
		for _, p := range c.paymentsOfRef[o.Ref] {
			if p.Status == paySuccess {
				charged++
			}
		}
		if o.Status == db.OrderProcessing {
			c.add(Stuck, o.Ref, "", "the order is still PROCESSING")
		}
		if charged > 0 && o.Status != db.OrderPaid && o.Status != db.OrderAuthorized {
			c.add(Lost, o.Ref, "", "Antom took the money but the order is %s", o.Status)
		}
		if msg := c.orderAgainstAttempts(o, success); msg != "" {
			c.add(Mismatched, o.Ref, "", "order %s: %s", o.Status, msg)
		}
		state, looked := shown[o.Ref]
		switch {
		case !looked:
		case charged > 0 && !slices.Contains(showsMoneyTaken, state):
			c.add(Lost, o.Ref, "", "Antom took the money but the buyer's page says %q", state)
		case !slices.Contains(c.pageStates(o, success), state):
			c.add(Mismatched, o.Ref, "", "order %s but the buyer's page says %q", o.Status, state)
		}
	}
}

// orderAgainstAttempts says what is wrong with an order's status given
// its successful attempts, or "".
func (c *comparison) orderAgainstAttempts(o db.Order, success []db.Attempt) string {
	switch o.Status {
	case db.OrderOpen, db.OrderProcessing:
		if len(success) > 0 {
			return fmt.Sprintf("yet attempt %s is SUCCESS", success[0].PaymentRequestID)
		}
		return ""
	}
	if len(success) != 1 {
		return fmt.Sprintf("with %d successful attempts", len(success))
	}
	a := success[0]
	captured := int64(0)
	for _, k := range c.capturesOf[a.ID] {
		if k.Status == db.CaptureSuccess {
			captured += k.Amount
		}
	}
	manual := a.CaptureMode == "MANUAL"
	switch {
	case o.Status == db.OrderPaid && manual && captured == 0:
		return "a MANUAL authorisation that nothing captured"
	case o.Status == db.OrderAuthorized && (!manual || captured > 0):
		return "but the attempt is not an uncaptured MANUAL authorisation"
	case (o.Status == db.OrderVoided || o.Status == db.OrderExpired) && (!manual || captured > 0):
		return "but the attempt is not an uncaptured MANUAL authorisation"
	}
	if p, ok := c.paymentByReq[a.PaymentRequestID]; ok && manual {
		switch {
		case p.Captured != captured:
			return fmt.Sprintf("captured %d here, %d at Antom", captured, p.Captured)
		case o.Status == db.OrderVoided && !p.Voided:
			return "but Antom's authorisation is not voided"
		case o.Status != db.OrderVoided && p.Voided:
			return "but Antom voided the authorisation"
		}
	}
	return ""
}

// move is a refund or a capture as either side records it: what the
// comparison of both sides looks at. OrderID is the checkout's only.
type move struct {
	RequestID, Status, ResultCode, Currency string
	Amount, OrderID                         int64
}

// moveKind says a kind of move in findings' words ("refund",
// "refunded") and the checkout's statuses of it.
type moveKind struct {
	noun, done          string
	processing, success string
}

// refunds checks every refund on both sides.
func (c *comparison) refunds() {
	antom := make([]move, 0, len(c.l.Refunds))
	for _, r := range c.l.Refunds {
		antom = append(antom, move{r.RefundRequestID, r.Status, r.ResultCode, r.Currency, r.Amount, 0})
	}
	ours := make([]move, 0, len(c.b.Refunds))
	for _, r := range c.b.Refunds {
		ours = append(ours, move{r.RefundRequestID, r.Status, r.ResultCode, r.Currency, r.Amount, r.OrderID})
	}
	c.moves(moveKind{"refund", "refunded", db.RefundProcessing, db.RefundSuccess}, antom, ours)
}

// captures checks every capture on both sides; Antom's automatic captures
// (AUTO_…) are not the checkout's to record.
func (c *comparison) captures() {
	antom := make([]move, 0, len(c.l.Captures))
	for _, k := range c.l.Captures {
		if !strings.HasPrefix(k.CaptureRequestID, "AUTO_") {
			antom = append(antom, move{k.CaptureRequestID, k.Status, k.ResultCode, k.Currency, k.Amount, 0})
		}
	}
	ours := make([]move, 0, len(c.b.Captures))
	for _, k := range c.b.Captures {
		ours = append(ours, move{k.CaptureRequestID, k.Status, k.ResultCode, k.Currency, k.Amount, k.OrderID})
	}
	c.moves(moveKind{"capture", "captured", db.CaptureProcessing, db.CaptureSuccess}, antom, ours)
}

// moves checks one kind of move on both sides, by request id: each of
// Antom's against the checkout's record of it (none, still PROCESSING at
// Antom, another status, another amount), then each of the checkout's
// still PROCESSING, or successful where Antom has none.
func (c *comparison) moves(kind moveKind, antom, ours []move) {
	ourByReq := make(map[string]move, len(ours))
	for _, m := range ours {
		ourByReq[m.RequestID] = m
	}
	antomKnows := make(map[string]bool, len(antom))
	for _, m := range antom {
		antomKnows[m.RequestID] = true
		app, ok := ourByReq[m.RequestID]
		ref := c.refOf(app.OrderID)
		switch {
		case !ok:
			c.add(Mismatched, "", m.RequestID, "Antom has a %s %s the checkout has no record of", m.Status, kind.noun)
		case m.Status == "PROCESSING":
			c.add(Stuck, ref, m.RequestID, "Antom's %s is still PROCESSING", kind.noun)
		case app.Status == kind.processing:
			// below
		case m.Status != app.Status:
			c.add(Mismatched, ref, m.RequestID, "%s: Antom %s (%s), checkout %s (%s)", kind.noun, m.Status, m.ResultCode, app.Status, app.ResultCode)
		case m.Amount != app.Amount || m.Currency != app.Currency:
			c.add(Mismatched, ref, m.RequestID, "%s amount: Antom %s %d, checkout %s %d", kind.noun, m.Currency, m.Amount, app.Currency, app.Amount)
		}
	}
	for _, m := range ours {
		ref := c.refOf(m.OrderID)
		switch {
		case m.Status == kind.processing:
			c.add(Stuck, ref, m.RequestID, "the checkout's %s is still PROCESSING", kind.noun)
		case m.Status == kind.success && !antomKnows[m.RequestID]:
			c.add(Mismatched, ref, m.RequestID, "the checkout says %s; Antom has no such %s", kind.done, kind.noun)
		}
	}
}

// links checks every Scan to Link consult on both sides.
func (c *comparison) links() {
	for _, k := range c.l.Links {
		app, ok := c.linkByState[k.AuthState]
		switch {
		case !ok:
			c.add(Mismatched, "", k.AuthState, "Antom has a consult the checkout has no link attempt for")
		case k.TokenStatus == "live" && app.Status == db.LinkFailed && (app.FailureCode == checkout.LinkAnswerLost || app.FailureCode == "INVALID_AUTHCODE"):
			c.add(Orphaned, "", k.AuthState, "Antom issued a token for %s but its applyToken answer never reached the checkout; the authCode's second use was refused and the buyer asked to link again", k.Login)
		case k.TokenStatus == "live" && (app.Status != db.LinkLinked || c.walletByID[app.WalletID].Status != db.WalletActive):
			c.add(Lost, "", k.AuthState, "Antom holds a live link for %s but the checkout's attempt is %s (%s)", k.Login, app.Status, app.FailureCode)
		case k.TokenStatus == "" && app.Status == db.LinkLinked:
			c.add(Mismatched, "", k.AuthState, "the checkout says linked; Antom issued no token")
		case k.Status == "agreed" && (app.Status == db.LinkPending || app.Status == db.LinkAuthorized):
			c.add(Stuck, "", k.AuthState, "the buyer agreed at Antom but the checkout's attempt is still %s", app.Status)
		}
	}
	for _, app := range c.b.Links {
		if _, ok := c.ledgerLinks[app.AuthState]; !ok && app.Status == db.LinkLinked {
			c.add(Mismatched, "", app.AuthState, "the checkout says linked; Antom has no such consult")
		}
	}
}
