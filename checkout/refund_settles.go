package checkout

import (
	"fmt"

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
	after := booksOf(paid, append(refunds[:len(refunds):len(refunds)], r)).owed()
	return RefundSettles{
		Owed: Money{r.Currency, owed}, Failures: len(each),
		Settles: Money{r.Currency, max(owed-after, 0)},
	}
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
