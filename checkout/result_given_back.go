package checkout

import (
	"context"
	"fmt"
	"strings"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// Given-back states: where the giving back of a payment an order did not
// need stands (a surplus attempt: it succeeded after another attempt had
// paid the order — a late success; giveBackIn starts its giving back), as
// the buyer's result page tells it.
const (
	// GivenBackAsked: the automatic refund was sent and Antom has not
	// confirmed it yet (no refundId).
	GivenBackAsked = "asked"
	// GivenBackRefunding: Antom accepted the refund; it is on its way.
	GivenBackRefunding = "refunding"
	// GivenBackRefunded: the refund is made (GivenBack.At: when).
	GivenBackRefunded = "refunded"
	// GivenBackFailed: the refund failed. Staff cannot try an automatic
	// refund again from the app: the dashboard counts it among automatic
	// refunds not done, and the shop returns the money another way.
	GivenBackFailed = "failed"
	// GivenBackPartOutside: the refund failed, but refunds made outside
	// this app (in Antom) gave part of it back (GivenBack.Given); the
	// rest (GivenBack.Owed) is owed, for the shop to sort out.
	GivenBackPartOutside = "part-outside"
	// GivenBackReleasing: a surplus card authorization (MANUAL capture)
	// whose void Antom has not confirmed yet.
	GivenBackReleasing = "releasing"
	// GivenBackReleased: that authorization is voided; nothing was taken.
	GivenBackReleased = "released"
	// GivenBackHoldForStaff: Antom refused to void it. Staff cannot
	// capture a surplus authorization; it holds until released or
	// expired.
	GivenBackHoldForStaff = "hold-for-staff"
	// GivenBackForStaff: it cannot be given back automatically (Antom
	// gave no paymentId to refund): left for staff, as the timeline says.
	GivenBackForStaff = "for-staff"
)

// GivenBack is a payment an order did not need, as its buyer sees it:
// which method it took, how much, and where its giving back stands.
type GivenBack struct {
	Payment PaymentView // the surplus attempt: its wallet or card
	Amount  Money
	State   string    // GivenBack*
	At      time.Time // GivenBackRefunded: when Antom made the refund (zero if it did not say)
	// Given and Owed (GivenBackPartOutside): what refunds made outside
	// this app gave back, and what is still owed.
	Given, Owed Money
}

// Open reports a giving back not final yet: the page waits for its news.
func (g GivenBack) Open() bool {
	return g.State == GivenBackAsked || g.State == GivenBackRefunding || g.State == GivenBackReleasing
}

// givenBack lists the surplus attempts of order o, oldest first, with
// where their giving back stands, read through rr. Only an order whose
// buyer's attempt a paid it (or was paid and then cancelled) can have
// one (mayHaveGivenBack): another attempt paid it first, so nothing is
// read otherwise.
func (s *Service) givenBack(ctx context.Context, rr *resultReads, o db.Order, a db.Attempt) ([]GivenBack, error) {
	if !mayHaveGivenBack(a) {
		return nil, nil
	}
	attempts, err := rr.attemptsOfOrder(ctx, o.ID)
	if err != nil {
		return nil, err
	}
	var surplus []db.Attempt
	for _, at := range attempts {
		if at.Surplus {
			surplus = append(surplus, at)
		}
	}
	if len(surplus) == 0 {
		return nil, nil
	}
	refunds, err := rr.orderRefunds(ctx, o.ID)
	if err != nil {
		return nil, err
	}
	out := make([]GivenBack, 0, len(surplus))
	for _, at := range surplus {
		g := GivenBack{Payment: s.paymentView(ctx, rr, at), Amount: Money{at.Currency, at.Amount}}
		g.State, g.At = givenBackState(at, refunds)
		if r := newestAutomatic(at, refunds); g.State == GivenBackFailed {
			if gave := autoOutsideGave(refunds, r); gave > 0 {
				g.State, g.Given, g.Owed = GivenBackPartOutside, Money{r.Currency, gave}, Money{r.Currency, r.Amount - gave}
			}
		}
		out = append(out, g)
	}
	return out, nil
}

// mayHaveGivenBack reports whether an order whose buyer's attempt is a
// may have payments given back: a paid it, or was paid and cancelled.
func mayHaveGivenBack(a db.Attempt) bool {
	return a.Status == db.AttemptSuccess || a.CancelledAfterPayment()
}

// givenBackState is where the giving back of surplus attempt a stands:
// its automatic refund's status (the newest, should there be more) —
// refunded when Antom refused it because refunds made outside this app
// had given the money back (outside_took) — or, for an authorization,
// its void's.
func givenBackState(a db.Attempt, refunds []db.Refund) (string, time.Time) {
	r := newestAutomatic(a, refunds)
	switch {
	case r.Status == db.RefundSuccess:
		return GivenBackRefunded, r.RefundedAt
	case r.Status == db.RefundFail && r.OutsideTook:
		return GivenBackRefunded, outsideRefundedAt(a, refunds)
	case r.Status == db.RefundFail:
		return GivenBackFailed, time.Time{}
	case r.Status == db.RefundProcessing && r.RefundID == "":
		return GivenBackAsked, time.Time{}
	case r.Status == db.RefundProcessing:
		return GivenBackRefunding, time.Time{}
	case a.CaptureMode != antom.CaptureManual:
		return GivenBackForStaff, time.Time{}
	case a.CancelStatus == db.CancelSuccess || a.Status == db.AttemptCancelled:
		return GivenBackReleased, time.Time{}
	case a.CancelStatus == db.CancelProcessing || a.CancelStatus == db.CancelInDoubt:
		return GivenBackReleasing, time.Time{}
	case a.CancelStatus == db.CancelFail:
		return GivenBackHoldForStaff, time.Time{}
	}
	return GivenBackForStaff, time.Time{}
}

// newestAutomatic is the newest automatic refund of attempt a among
// refunds (zero if none).
func newestAutomatic(a db.Attempt, refunds []db.Refund) db.Refund {
	var r db.Refund
	for _, f := range refunds {
		if f.AttemptID == a.ID && f.Automatic && f.ID > r.ID {
			r = f
		}
	}
	return r
}

// outsideRefundedAt is when the newest refund of a made outside this app
// was made: the automatic refund Antom refused for them
// (outside_took) was given back by them.
func outsideRefundedAt(a db.Attempt, refunds []db.Refund) time.Time {
	var at time.Time
	for _, f := range refunds {
		if f.AttemptID == a.ID && f.Outside && f.RefundedAt.After(at) {
			at = f.RefundedAt
		}
	}
	return at
}

// givenBackKey is the part of Result.Key the payments given back make:
// "" without any.
func givenBackKey(gs []GivenBack) string {
	var b strings.Builder
	for _, g := range gs {
		fmt.Fprintf(&b, "/gb:%s:%d:%s:%d", g.Payment.PaymentRequestID, g.Amount.Minor, g.State, g.Given.Minor)
	}
	return b.String()
}
