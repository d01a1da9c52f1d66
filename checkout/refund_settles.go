package checkout

import (
	"fmt"
	"strings"

	"antom-checkout/db"
)

// RefundSettles is what a new refund would make good of the failed
// refunds of its payment still owed to the buyer, by the books' rule
// (refundBooks): a refund made after refunds failed makes them good,
// oldest unmet first, as far as its amount goes.
type RefundSettles struct {
	Owed     Money // what the failed refunds owe now (zero: nothing)
	Failures int   // how many failed refunds owe it
	// Settles is what of Owed the new refund makes good: the failed
	// refunds no longer owe it once the refund is made.
	Settles Money
	// Settled names the failed refunds it makes good, oldest first, each
	// with what of it (together Settles), for the notice after the
	// refund is made (MadeWords).
	Settled []SettledFailure
}

// SettledFailure is a failed refund a new refund makes good (all or part
// of what it owed): its refundRequestId and how much.
type SettledFailure struct {
	RefundRequestID string
	Amount          Money
}

// refundSettles is RefundSettles of new refund r (not stored yet) of a
// payment that took paid, among refunds (the payment's, as stored): the
// books' owed before, and after r joins them as the newest refund.
func refundSettles(paid int64, refunds []db.Refund, r db.Refund) RefundSettles {
	before := booksOf(paid, refunds)
	each := before.owedEach()
	if len(each) == 0 {
		return RefundSettles{}
	}
	owed := before.owed()
	var last int64
	for _, x := range refunds {
		last = max(last, x.ID)
	}
	r.ID, r.Status, r.FailSeq, r.RetryOf, r.Outside = last+1, db.RefundProcessing, 0, 0, false
	afterBooks := booksOf(paid, append(refunds[:len(refunds):len(refunds)], r))
	after, afterEach := afterBooks.owed(), afterBooks.owedEach()
	out := RefundSettles{
		Owed: Money{r.Currency, owed}, Failures: len(each),
		Settles: Money{r.Currency, max(owed-after, 0)},
	}
	for _, x := range refunds { // by id: oldest first
		if made := each[x.ID].Owed - afterEach[x.ID].Owed; made > 0 {
			out.Settled = append(out.Settled, SettledFailure{x.RefundRequestID, Money{r.Currency, made}})
		}
	}
	return out
}

// Words say it on the refund's confirmation, for staff: "This refund
// includes the ¥500 still owed to the buyer from the refund that failed
// …"; "" when no failed refund is owed. A refund still processing makes
// good as a made one does (makingNow) and, should it fail, what it made
// good is owed again.
func (s RefundSettles) Words() string {
	if s.Owed.Minor == 0 || s.Settles.Minor == 0 {
		return ""
	}
	from, that := "the refund that failed", "that failed refund is settled"
	if s.Failures > 1 {
		from, that = "the refunds that failed", "those failed refunds are settled"
	}
	if s.Settles.Minor >= s.Owed.Minor {
		return fmt.Sprintf("This refund includes the %s still owed to the buyer from %s: once this refund is made, %s "+
			"(should this refund fail, the %s is owed again).", s.Owed, from, that, s.Owed)
	}
	return fmt.Sprintf("This refund makes good %s of the %s still owed to the buyer from %s; the other %s stays owed.",
		s.Settles, s.Owed, from, Money{s.Owed.Currency, s.Owed.Minor - s.Settles.Minor})
}

// MadeWords say it in the notice after the refund was sent, for staff,
// naming the failed refunds it makes good by their refundRequestId (with
// what of each, when more than one failed refund is owed) — "It settles
// the $5.00 still owed to the buyer from the failed refund RF-…." —, as
// made (made: Antom made it) or to be made once Antom does (it is still
// processing); "" when it makes no failed refund good.
func (s RefundSettles) MadeWords(made bool) string {
	if s.Owed.Minor == 0 || s.Settles.Minor == 0 || len(s.Settled) == 0 {
		return ""
	}
	names := make([]string, len(s.Settled))
	for i, f := range s.Settled {
		names[i] = f.RefundRequestID
		if s.Failures > 1 {
			names[i] += " (" + f.Amount.String() + ")"
		}
	}
	from := "the failed refund " + names[0]
	if len(names) > 1 {
		from = "the failed refunds " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	} else if s.Failures > 1 {
		from = "failed refunds: " + names[0]
	}
	if s.Settles.Minor >= s.Owed.Minor {
		if made {
			return fmt.Sprintf("It settles the %s still owed to the buyer from %s.", s.Owed, from)
		}
		return fmt.Sprintf("Once Antom makes it, it settles the %s still owed to the buyer from %s (should it fail, the %s is owed again).", s.Owed, from, s.Owed)
	}
	verb := "It makes good"
	if !made {
		verb = "Once Antom makes it, it makes good"
	}
	return fmt.Sprintf("%s %s of the %s still owed to the buyer from %s; the other %s stays owed.",
		verb, s.Settles, s.Owed, from, Money{s.Owed.Currency, s.Owed.Minor - s.Settles.Minor})
}
