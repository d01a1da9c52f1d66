package checkout

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// outsideRefund is a successful refund of a payment that inquiryPayment
// listed (a REFUND transaction, API.md §5.3).
type outsideRefund struct {
	requestID, refundID string
	amount              int64  // minor units of the payment's currency
	at                  string // transactionTime, as Antom wrote it
}

// adoptOutsideRefunds follows a refund r Antom refused
// REFUND_AMOUNT_EXCEED although our books left that much to refund — a
// staff refund, or one the app made itself (an automatic refund of a
// payment the order did not need): our books are behind Antom's. It asks
// Antom (inquiryPayment by paymentId) for the payment's refunds and
// records every successful one that is not ours as a refund made
// outside this app (in Antom Dashboard, by another system), so that what
// is refunded and refundable, the buyer's page and the timeline agree
// with Antom. Then every refused refund of the payment those refunds
// explain — r, and any refused before them, such as one refused while
// Antom could not be asked — owes the buyer nothing (outside_took) as
// far as what they gave covers it, oldest first, never more in all than
// they gave (settleRefusedByOutside); one they do not cover stays owed,
// as it was, and the timeline names what was found and what is left:
// whether the rest is still owed is staff's to tell (a refund made
// outside makes good no failure of ours, db's makingGoodN).
// When Antom cannot be asked, the timeline says so; r's words tell staff
// to check the payment in Antom Dashboard (RefundFailureWords), and a
// later refusal whose ask finds the outside refunds settles r as well.
func (s *Service) adoptOutsideRefunds(ctx context.Context, r db.Refund) {
	a, err := s.db.AttemptByID(ctx, r.AttemptID)
	if err != nil || a.PaymentID == "" {
		return
	}
	subject := s.refundSubject(ctx, r)
	resp, err := s.antom.InquiryPayment(withSubject(ctx, subject), &antom.InquiryPaymentRequest{PaymentID: a.PaymentID})
	if err != nil {
		s.record(ctx, nil, subject, EventState, "refund "+r.RefundRequestID+" refused "+antom.CodeRefundAmountExceed+
			": asking Antom (inquiryPayment) for refunds made outside this app failed"+unknownWhy(err)+
			"; check the payment in Antom Dashboard before refunding another way")
		return
	}
	found := outsideRefunds(resp.Transactions, r.Currency)
	// Two adoptions of one payment at once (two refusals, two instances)
	// cannot each read the books before the other's marks: DB.Tx runs
	// transactions one at a time on both backends (SQLite's BEGIN
	// IMMEDIATE; PostgreSQL's transaction-level advisory lock taken before
	// the first statement, READ COMMITTED), so the second reads what the
	// first committed and outsideCovers never marks more than was found.
	var adopted []int64
	unexplained := true
	err = s.db.Tx(ctx, func(q *db.Queries) error {
		adopted = nil
		var names []outsideRefund
		for _, f := range found {
			id, err := s.adoptOutsideRefund(ctx, q, a, subject, f)
			if err != nil {
				return err
			}
			if id != 0 {
				adopted, names = append(adopted, id), append(names, f)
			}
		}
		if len(adopted) > 0 {
			if err := linkOutsideNotices(ctx, q, subject, names); err != nil {
				return err
			}
		}
		unexplained, err = s.settleRefusedByOutside(ctx, q, a, subject, r, adopted)
		return err
	})
	if err != nil {
		s.log.Error("adopt outside refunds", "refund", r.ID, "err", err)
		return
	}
	if unexplained {
		s.record(ctx, nil, subject, EventState, "refund "+r.RefundRequestID+" refused "+antom.CodeRefundAmountExceed+
			": Antom's inquiryPayment lists no refund of this payment that is not in our books; check the payment in Antom Dashboard before refunding another way")
	}
	if len(adopted) == 0 && unexplained {
		return
	}
	s.hub.Publish(subject)
}

// adoptOutsideRefund records f as a refund made outside this app of
// attempt a unless it is one of ours (by refundRequestId, or refundId)
// and gives its id in our books if it did (0 otherwise).
func (s *Service) adoptOutsideRefund(ctx context.Context, q *db.Queries, a db.Attempt, subject string, f outsideRefund) (int64, error) {
	if _, err := q.RefundByRequestID(ctx, f.requestID); !errors.Is(err, db.ErrNotFound) {
		return 0, err
	}
	if f.refundID != "" {
		if _, err := q.RefundByRefundID(ctx, f.refundID); !errors.Is(err, db.ErrNotFound) {
			return 0, err
		}
	}
	at := parseAntomTime(f.at)
	if at.IsZero() {
		at = s.now()
	}
	id, err := q.AdoptOutsideRefund(ctx, db.Refund{OrderID: a.OrderID, AttemptID: a.ID, RefundRequestID: f.requestID,
		RefundID: f.refundID, Currency: a.Currency, Amount: f.amount, RefundedAt: at}, s.now())
	if errors.Is(err, db.ErrDuplicate) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	s.record(ctx, q, subject, EventState, fmt.Sprintf("refund %s of %s made outside this app (in Antom) found by inquiryPayment: refunded, taken into our books",
		f.requestID, Money{a.Currency, f.amount}))
	return id, nil
}

// outsideRefunds picks the successful refunds in the currency of the
// payment out of inquiryPayment's transactions; one without a
// refundRequestId goes by its refundId.
func outsideRefunds(ts []antom.Transaction, currency string) []outsideRefund {
	var out []outsideRefund
	for _, t := range ts {
		if t.TransactionType != antom.TransactionRefund || t.TransactionStatus != antom.RefundSuccess || t.TransactionAmount.Currency != currency {
			continue
		}
		minor, err := t.TransactionAmount.Minor()
		if err != nil || minor <= 0 {
			continue
		}
		f := outsideRefund{requestID: t.TransactionRequestID, refundID: t.TransactionID, amount: minor, at: t.TransactionTime}
		if f.requestID == "" {
			f.requestID = f.refundID
		}
		if f.requestID != "" {
			out = append(out, f)
		}
	}
	return out
}

// refundAmountExceedWords say, for staff, why Antom refused a refund
// REFUND_AMOUNT_EXCEED that refunds made outside this app we found do
// not explain (Antom could not be asked, or listed none): Antom's books
// leave less to refund than ours, and settling it another way before
// checking may pay the buyer twice.
const refundAmountExceedWords = "Antom says less is left to refund on this payment than our books show: a refund may have been made outside this app (in Antom Dashboard, by another system) that is not in our books. " +
	"Check the payment in Antom Dashboard before refunding another way: if Antom refunded it already, marking this handled another way pays the buyer twice."

// RefundOutsideTookWords say, for staff, why Antom refused a refund
// that refunds made outside this app explain (outside: theirs, as
// madeOutside gives them; nil names none).
func RefundOutsideTookWords(outside []RefundInfo) string {
	named := make([]string, len(outside))
	for i, r := range outside {
		named[i] = r.RefundRequestID + " of " + r.Amount.String()
	}
	took := "refunds made outside this app (in Antom) had already taken that amount"
	if len(named) > 0 {
		took = "refunds made outside this app (in Antom) had already taken that amount: " + strings.Join(named, ", ") + ", now among this order's refunds"
	}
	return "Antom refused it because " + took + ". Nothing of it is owed to the buyer; refund again only what is still left."
}

// madeOutside is the refunds made outside this app among refunds, of
// attempt attemptID.
func madeOutside(refunds []db.Refund, attemptID int64) []RefundInfo {
	var out []RefundInfo
	for _, r := range refunds {
		if r.Outside && r.AttemptID == attemptID {
			out = append(out, refundInfo(r, "", nil))
		}
	}
	return out
}

// outsideNoticesLooked bounds how many stale inbox rows that went to no
// timeline linkOutsideNotices reads, newest first.
const outsideNoticesLooked = 200

// linkOutsideNotices puts the REFUND_RESULT notifications of refunds
// made outside this app (found), which came before we knew the refunds
// (stale, "unknown refund", on no timeline: notifyRefund names no
// paymentId), on the order's timeline (subject), so the inbox no longer
// shows them unlinked. found: the refunds just adopted.
func linkOutsideNotices(ctx context.Context, q *db.Queries, subject string, found []outsideRefund) error {
	rows, err := q.StaleUnlinked(ctx, antom.NotifyRefundResult, outsideNoticesLooked)
	if err != nil {
		return err
	}
	for _, n := range rows {
		var body antom.NotifyRefund
		if json.Unmarshal([]byte(n.BodyRedacted), &body) != nil {
			continue
		}
		for _, f := range found {
			if body.RefundRequestID == f.requestID || (body.RefundID != "" && body.RefundID == f.refundID) {
				if _, err := q.LinkNotification(ctx, n.ID, subject, "refund "+f.requestID+
					" made outside this app: unknown when it came, taken into our books later (found by inquiryPayment)"); err != nil {
					return err
				}
				break
			}
		}
	}
	return nil
}
