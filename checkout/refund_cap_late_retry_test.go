package checkout

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// rev6's finding 5 through the service: F ($1.00) closed by us, looked
// up absent; N (all but $1.50 of the payment, P) fails at Antom: owed
// P − $0.50. Staff try F again (R, processing); Antom makes F after all:
// the cap counts F and R, so the books owe N only P − $2.00 of its
// P − $1.50. Settled another way or tried again for that, N would lose
// its last $0.50 should R fail (R owes nothing: F paid its chain's debt).
// So while R processes, settling N (confirmation and mark) and trying it
// again (confirmation and retry) are refused as waiting for Antom's
// answer for R, naming R and F, with nothing marked nor sent, and the
// order page says N waits for R. Once Antom fails R, N owes its
// P − $1.50 and is settled for it: the buyer has the P − $0.50 meant,
// nothing more owed; once Antom makes R, N owes P − $2.00 (all the
// payment has left) and is settled for that: the buyer has P, and the
// page says R's $0.50 over what was meant paid twice.
func TestAFailureCappedByARetryOfALateRefundWaits(t *testing.T) {
	for _, rEnds := range []string{"FAIL", "SUCCESS"} {
		t.Run(rEnds, func(t *testing.T) {
			e := newEnv(t, Options{})
			o, _ := paidOrder(t, e, "cap-late-retry-"+strings.ToLower(rEnds)+"@example.com")
			paid := o.Total.Minor
			f := e.refundClosedByUs(o.Ref) // $1.00
			e.lookedUpAbsent(f)
			e.failNextRefund()
			n, err := e.refund(o.Ref, fmt.Sprintf("%d.%02d", (paid-150)/100, (paid-150)%100))
			check(t, err)
			assertEqual(t, n.Status, RefundFail, "N")
			r, err := e.retry(o.Ref, f.ID)
			check(t, err)
			assertEqual(t, r.Status, RefundProcessing, "R, the retry of F")
			f.RefundID = "RFID-LATE"
			e.notifyRefund(f, "SUCCESS")
			_, owed := e.openOwed(o.Ref)
			assertEqual(t, owed[n.RefundRequestID].Minor, paid-200, "owed of N, R processing")

			want := r.RefundRequestID + ", still processing at Antom, tries again refund " + f.RefundRequestID + ", which Antom made after all"
			key, err := NewRefundKey()
			check(t, err)
			var conflict *ConflictError
			for name, act := range map[string]func() error{
				"confirm settling": func() error {
					_, err := e.svc.HandledFailedRefund(e.ctx, "staff@example.com", o.Ref, n.ID, "bank transfer")
					return err
				},
				"settle": func() error {
					return e.svc.HandleFailedRefund(e.ctx, staffActor, o.Ref, n.ID, "bank transfer", fmt.Sprint(paid-200))
				},
				"confirm retrying": func() error { _, err := e.svc.RetryableRefund(e.ctx, o.Ref, n.ID); return err },
				"retry": func() error {
					_, _, err := e.svc.RetryRefund(e.ctx, staffActor, o.Ref, n.ID, RetryInput{Key: key, Owed: fmt.Sprint(paid - 200)})
					return err
				},
			} {
				if err := act(); !errors.As(err, &conflict) || !conflict.Waits || !strings.Contains(conflict.Message, want) {
					t.Fatalf("%s while R processes: %v; want a wait saying %q", name, err, want)
				}
			}
			d := e.adminOrder(o.Ref)
			assertEqual(t, len(d.Refunds), 3, "refunds after the refusals (F, N, R)")
			for _, rf := range d.Refunds {
				if rf.ID == n.ID {
					assertEqual(t, rf.CapWaitsFor, r.RefundRequestID, "what N waits for")
					assertEqual(t, rf.CapWaitsMade, f.RefundRequestID, "the refund of R's chain Antom made")
					assertEqual(t, rf.HandledAt.IsZero(), true, "N not marked")
				}
			}
			if e.timelineHas(o.Ref, "handled another way: bank transfer") {
				t.Fatal("N marked handled while R processes")
			}

			e.notifyRefund(r, rEnds)
			settle := paid - 150 // R failed: N's whole
			if rEnds == "SUCCESS" {
				settle = paid - 200 // all the payment has left
			}
			total, owed := e.openOwed(o.Ref)
			assertEqual(t, owed[n.RefundRequestID].Minor, settle, "owed of N once Antom answered for R")
			assertEqual(t, total.Minor, settle, "owed in all")
			for _, rf := range e.adminOrder(o.Ref).Refunds {
				assertEqual(t, rf.CapWaitsFor, "", "waits of "+rf.RefundRequestID+" once Antom answered for R")
			}
			check(t, e.svc.HandleFailedRefund(e.ctx, staffActor, o.Ref, n.ID, "bank transfer", fmt.Sprint(settle)))
			total, _ = e.openOwed(o.Ref)
			assertEqual(t, total.Minor, int64(0), "owed once N is settled")
			// What the pages imply was meant: what the buyer got (refunds
			// made, settled another way) less what they say was paid
			// twice (R made: the $0.50 F and R paid over N's cut).
			d = e.adminOrder(o.Ref)
			var got, twice int64
			for _, rf := range d.Refunds {
				if rf.Status == RefundSuccess {
					got += rf.Amount.Minor
				}
				got += rf.HandledAmount.Minor
				if rf.PaidTwice {
					twice += rf.Twice.Minor
				}
			}
			assertEqual(t, len(d.MadeLateTwice), 0, "notices of refunds made late paid twice")
			if got-twice != paid-50 {
				t.Errorf("the buyer got %d, the page says %d paid twice, nothing owed: %d meant, want %d", got, twice, got-twice, paid-50)
			}
		})
	}
}
