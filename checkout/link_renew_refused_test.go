package checkout

import (
	"errors"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// A renew ("Show a new QR code") refused changes nothing: the code on
// screen is not superseded and still works. Here the buyer's 9th consult
// is counted, the renew passes its own checks, and another tab's press
// takes the 10th (PointLinkRenew) before the renew counts its own: the
// limit is checked in the transaction that supersedes, so the renew is
// refused whole.
func TestRenewRefusedPastTheLimitKeepsTheCode(t *testing.T) {
	var e *env
	var b Buyer
	other := false
	e = newEnv(t, Options{TestHook: func(point string) {
		if point == PointLinkRenew && !other {
			other = true
			e.startLink(b, "DANA") // another tab, another wallet: the last consult
		}
	}})
	b = e.buyer("racing-renew@example.com")
	clock := e.freezeClock()
	l := e.startLink(b, "GCASH")
	for i := 2; i < LinkConsultsPerBuyer; i++ { // other presses of the buyer's
		check(t, e.svc.countTry(e.ctx, linkConsults(b.ID)))
	}
	clock.set(LinkRenewEvery)

	_, err := e.svc.RenewLink(e.ctx, b.ID, l.ID, antom.Env{ClientIP: "127.0.0.1"})
	var throttled *ThrottledError
	if !errors.As(err, &throttled) {
		t.Fatalf("renew past the limit: %v, want a *ThrottledError", err)
	}
	assertEqual(t, other, true, "another press came while the renew was on its way")
	got, err := e.svc.LinkForBuyer(e.ctx, b.ID, l.ID)
	check(t, err)
	assertEqual(t, [2]string{got.Status, got.CodeValue}, [2]string{db.LinkPending, l.CodeValue}, "the code on screen after the refused renew")
	assertEqual(t, e.sb.Calls("authorizations/consult"), 2, "consults: the first code and the other tab's")
	events, err := e.db.Events(e.ctx, LinkSubject(l.ID))
	check(t, err)
	for _, ev := range events {
		if ev.Kind == EventBuyer && ev.Detail == "asked for a new QR code; this one is superseded" {
			t.Fatalf("the refused renew left a line saying the code was superseded")
		}
	}
}

// A renew that finds another press of the buyer's still starting a link
// past Options.ActionWait (ErrStillAsking) changes nothing either.
func TestRenewStillAskingKeepsTheCode(t *testing.T) {
	e := newEnv(t, Options{ActionWait: 100 * time.Millisecond})
	b := e.buyer("busy-renew@example.com")
	clock := e.freezeClock()
	l := e.startLink(b, "GCASH")
	clock.set(LinkRenewEvery)
	release := e.holdLease(linkStartWork(b.ID), true)
	_, err := e.svc.RenewLink(e.ctx, b.ID, l.ID, antom.Env{ClientIP: "127.0.0.1"})
	release()
	if !errors.Is(err, ErrStillAsking) {
		t.Fatalf("renew while another press starts a link: %v, want ErrStillAsking", err)
	}
	got, err := e.svc.LinkForBuyer(e.ctx, b.ID, l.ID)
	check(t, err)
	assertEqual(t, [2]string{got.Status, got.CodeValue}, [2]string{db.LinkPending, l.CodeValue}, "the code on screen after the renew that waited")
	assertEqual(t, e.sb.Calls("authorizations/consult"), 1, "consults")
}
