package checkout

import (
	"errors"
	"testing"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// A pay form's key is its press's paymentRequestId: the same form sent
// again (a reload's resend after an instance died mid-pay) is
// ErrSamePress, while its payment is under way and once it took the
// order; a form shown apart (another tab) is told the order's payment as
// before, and so is another button of the same page. Nothing is sent
// again either way.
func TestPaySentAgainIsTheSamePress(t *testing.T) {
	e := newEnv(t, Options{})
	b, wallet, _ := payer(t, e, "same-press@example.com")
	o := e.order(b, "mug", 1)
	key, err := NewPayKey()
	check(t, err)
	otherTab, err := NewPayKey()
	check(t, err)
	check(t, e.svc.PayOrderWithWallet(e.ctx, b.ID, o.Ref, key, wallet, antom.Env{}))
	assertEqual(t, e.attempt(o.Ref).PaymentRequestID, "PR-"+o.Ref+"-"+key, "the press's paymentRequestId")

	if err := e.svc.PayOrderWithWallet(e.ctx, b.ID, o.Ref, key, wallet, antom.Env{}); !errors.Is(err, ErrSamePress) {
		t.Fatalf("the same form sent again, the order paid: %v, want ErrSamePress", err)
	}
	if err := e.svc.PayOrderWithWallet(e.ctx, b.ID, o.Ref, otherTab, wallet, antom.Env{}); !errors.Is(err, ErrOrderPaid) {
		t.Fatalf("another tab's form, the order paid: %v, want ErrOrderPaid", err)
	}
	// The page's forms share its key: another of its buttons, pressed
	// after (Back to the page), is another press, told so.
	if _, err := e.svc.PayByCard(e.ctx, Viewer{BuyerID: b.ID}, o.Ref, key, false, 0, nil, antom.Env{}); !errors.Is(err, ErrOrderPaid) {
		t.Fatalf("the page's card form after its wallet's press: %v, want ErrOrderPaid", err)
	}
	if err := e.svc.PayOrderWithWallet(e.ctx, b.ID, o.Ref, "not-a-key", wallet, antom.Env{}); !errors.Is(err, ErrOrderPaid) {
		t.Fatalf("a form with a key not of a pay key's shape: %v, want ErrOrderPaid", err)
	}
	assertEqual(t, e.sb.Calls("payments/pay"), 1, "pay calls")
	assertEqual(t, len(e.attempts(o.Ref)), 1, "attempts")
}

// A key whose press ended without charging (declined) is a new press when
// sent again (a page kept from before it, pressed again): a new attempt,
// under a paymentRequestId of its own — never the first's again, which
// Antom has seen.
func TestPayKeyOfADeclinedPressPaysAnew(t *testing.T) {
	e := newEnv(t, Options{})
	_, low := testUsers("GCASH")
	b := e.buyer("declined-press@example.com")
	wallet := e.linkedWallet(b, "GCASH", low)
	o := e.order(b, "teapot", 1) // ¥5,800 against ¥500: declined
	key, err := NewPayKey()
	check(t, err)
	for range 2 {
		check(t, e.svc.PayOrderWithWallet(e.ctx, b.ID, o.Ref, key, wallet, antom.Env{}))
	}
	attempts := e.attempts(o.Ref)
	if len(attempts) != 2 || attempts[0].Status != db.AttemptFail || attempts[1].Status != db.AttemptFail {
		t.Fatalf("attempts: %+v, want two, declined", attempts)
	}
	assertEqual(t, attempts[0].PaymentRequestID, "PR-"+o.Ref+"-"+key, "the first press's paymentRequestId")
	if attempts[1].PaymentRequestID == attempts[0].PaymentRequestID {
		t.Fatal("the second press reused the first's paymentRequestId")
	}
	assertEqual(t, e.sb.Calls("payments/pay"), 2, "pay calls")
}

// The attempt the app opens itself (a card payment tried again after its
// first had no payment page) has a paymentRequestId of its own, not the
// press's key's.
func TestCardPayKeyIsTheBuyersAttemptOnly(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("card-key@example.com")
	o := e.order(b, "coffee", 1)
	e.sb.Faults().SetAPI("payments/pay", sandbox.APIFault{NoPageNext: 1})
	key, err := NewPayKey()
	check(t, err)
	cp, err := e.svc.PayByCard(e.ctx, Viewer{BuyerID: b.ID}, o.Ref, key, false, 0, nil, antom.Env{})
	check(t, err)
	if cp.RedirectURL == "" {
		t.Fatal("no payment page after the retry")
	}
	attempts := e.attempts(o.Ref)
	assertEqual(t, len(attempts), 2, "attempts")
	assertEqual(t, attempts[0].PaymentRequestID, "PR-"+o.Ref+"-"+key, "the buyer's attempt")
	if attempts[1].PaymentRequestID == attempts[0].PaymentRequestID {
		t.Fatal("the app's own attempt reused the press's paymentRequestId")
	}
	if _, err := e.svc.PayByCard(e.ctx, Viewer{BuyerID: b.ID}, o.Ref, key, false, 0, nil, antom.Env{}); !errors.Is(err, ErrSamePress) {
		t.Fatalf("the card form sent again, its payment's page open: %v, want ErrSamePress", err)
	}
}
