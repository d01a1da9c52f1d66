package checkout

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// lineWith is the order's one timeline line (not an Antom call's own)
// containing want; it fails, printing the timeline, when there is none.
func (e *env) lineWith(ref, want string) db.Event {
	e.t.Helper()
	events, err := e.db.Events(e.ctx, OrderSubject(ref))
	check(e.t, err)
	var all []string
	for _, ev := range events {
		all = append(all, ev.Kind+" ["+ev.HTTPRequestID+"]: "+ev.Detail)
		if ev.Kind != EventAntomCall && strings.Contains(ev.Detail, want) {
			return ev
		}
	}
	e.t.Fatalf("no line with %q:\n%s", want, strings.Join(all, "\n"))
	return db.Event{}
}

// A staff void whose answers are all U: the line its own resends end
// with is the app's note on the outcome (State, not Staff: staff did not
// write it), tied to the staff action by its request id; and the line of
// the reconciler's resend that Antom confirms says what settled it, not
// "not confirmed yet".
func TestVoidTimelineSaysWhoResentAndWhatSettledIt(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: "MANUAL"})
	o := e.authorized("void-words@example.com")
	e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{UnknownNext: cancelTries})
	if err := e.svc.Void(WithHTTPRequestID(e.ctx, "req-void"), staffActor, o.Ref); !errors.Is(err, ErrVoidNotConfirmed) {
		t.Fatalf("void answered U: %v", err)
	}
	ev := e.lineWith(o.Ref, "not confirmed")
	if ev.Kind != EventState || ev.HTTPRequestID != "req-void" || !strings.Contains(ev.Detail, "the reconciler sends it again") {
		t.Fatalf("the void's own resends end with %s [%s]: %q", ev.Kind, ev.HTTPRequestID, ev.Detail)
	}

	e.later(time.Minute)
	check(t, e.svc.checkAttempts(e.ctx))
	ev = e.lineWith(o.Ref, "authorization voided at Antom")
	if strings.Contains(ev.Detail, "not confirmed") || !strings.Contains(ev.Detail, "reconciler: cancel sent again") || ev.HTTPRequestID != "" {
		t.Fatalf("the void's confirmation reads [%s] %q", ev.HTTPRequestID, ev.Detail)
	}
}

// A line that says a call's outcome is unknown does not repeat "outcome
// unknown" as its reason: a capture and a refund whose answers are lost
// (their notifications held, so the lines are written).
func TestUnknownOutcomeLinesDoNotRepeatThemselves(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: "MANUAL"})
	e.gateNotifications(func(body []byte) bool {
		return !bytes.Contains(body, []byte("CAPTURE_RESULT")) && !bytes.Contains(body, []byte("REFUND_RESULT"))
	})
	o := e.authorized("lost-capture@example.com")
	e.sb.Faults().SetAPI("payments/capture", sandbox.APIFault{DropNext: 1})
	if err := e.svc.Capture(e.ctx, staffActor, o.Ref, e.attempt(o.Ref).Amount); !errors.Is(err, ErrCaptureNotConfirmed) {
		t.Fatalf("a capture whose answer was lost: %v, want ErrCaptureNotConfirmed", err) // its notification is held back
	}
	ev := e.lineWith(o.Ref, "capture outcome not known yet")
	if strings.Contains(ev.Detail, "(outcome unknown)") {
		t.Fatalf("the capture's line repeats itself: %q", ev.Detail)
	}

	p, _ := paidOrder(t, e, "lost-refund@example.com")
	e.sb.Faults().SetAPI("payments/refund", sandbox.APIFault{DropNext: refundTries})
	_, err := e.refund(p.Ref, "5")
	check(t, err)
	e.svc.Wait()
	ev = e.lineWith(p.Ref, ": outcome unknown")
	if strings.Contains(ev.Detail, "(outcome unknown)") {
		t.Fatalf("the refund's line repeats itself: %q", ev.Detail)
	}
}

// unknownWhy names what is known besides "outcome unknown", and nothing
// when that is all.
func TestUnknownWhy(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{&antom.Error{Kind: antom.KindUnknown}, ""},
		{&antom.Error{Kind: antom.KindUnknown, Result: antom.Result{ResultStatus: "U", ResultCode: "UNKNOWN_EXCEPTION"}}, " (UNKNOWN_EXCEPTION)"},
		{&antom.Error{Kind: antom.KindUnknown, HTTPStatus: 502}, " (HTTP 502)"},
		{&antom.Error{Kind: antom.KindUnknown, Unverified: true, HTTPStatus: 200}, " (no verified answer from Antom: HTTP 200)"},
		{&antom.Error{Kind: antom.KindUnknown, Unverified: true, HTTPStatus: 500,
			Result: antom.Result{ResultStatus: "U", ResultCode: "UNKNOWN_EXCEPTION"}}, " (no verified answer from Antom: HTTP 500)"},
		{&antom.Error{Kind: antom.KindUnknown, HTTPStatus: 500,
			Result: antom.Result{ResultStatus: "U", ResultCode: "UNKNOWN_EXCEPTION"}}, " (HTTP 500, UNKNOWN_EXCEPTION)"},
		{&antom.Error{Kind: antom.KindNotSent}, " (not sent)"},
	} {
		assertEqual(t, unknownWhy(tt.err), tt.want, tt.err.Error())
	}
}

// Staff's words for a call without an answer (the refund lookup) quote
// a signed answer's code and never an unsigned one's.
func TestNoAnswerWords(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{&antom.Error{Kind: antom.KindUnknown}, "Antom did not answer."},
		{&antom.Error{Kind: antom.KindUnknown, Result: antom.Result{ResultStatus: "U", ResultCode: "UNKNOWN_EXCEPTION"}}, "Antom did not answer (UNKNOWN_EXCEPTION)."},
		{&antom.Error{Kind: antom.KindUnknown, HTTPStatus: 500,
			Result: antom.Result{ResultStatus: "U", ResultCode: "UNKNOWN_EXCEPTION"}}, "Antom did not answer (HTTP 500, UNKNOWN_EXCEPTION)."},
		{&antom.Error{Kind: antom.KindUnknown, Unverified: true, HTTPStatus: 500,
			Result: antom.Result{ResultStatus: "U", ResultCode: "UNKNOWN_EXCEPTION"}}, "No verified answer from Antom (HTTP 500)."},
		{&antom.Error{Kind: antom.KindNotSent}, "Antom did not answer (not sent)."},
	} {
		assertEqual(t, noAnswerWords(tt.err), tt.want, tt.err.Error())
	}
}

// So does the buyer's "pay another way" whose cancel stays unknown: its
// own resends end with the app's note on the outcome, of the buyer's
// request, not the reconciler's nor labelled as the buyer's.
func TestPayAnotherWayTimelineSaysWhoResent(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("leave-words@example.com")
	v := Viewer{BuyerID: b.ID}
	o := e.order(b, "notebook", 1)
	e.startCard(v, o.Ref, false, 0)
	e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{UnknownNext: cancelTries})
	if _, err := e.svc.PayAnotherWay(WithHTTPRequestID(e.ctx, "req-leave"), v, o.Ref); !errors.Is(err, ErrCancelNotConfirmed) {
		t.Fatalf("cancel answered U: %v", err)
	}
	ev := e.lineWith(o.Ref, "not confirmed")
	if ev.Kind != EventState || ev.HTTPRequestID != "req-leave" {
		t.Fatalf("the buyer's cancel resends end with %s [%s]: %q", ev.Kind, ev.HTTPRequestID, ev.Detail)
	}
}

// A buyer's "check again" that sends a cancel still unknown again writes
// lines of the buyer's request, not the reconciler's: the buyer's own
// (Buyer) and the app's note on the cancel's outcome (State).
func TestBuyersCheckTimelineSaysWhoAsked(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("check-words@example.com")
	v := Viewer{BuyerID: b.ID}
	o := e.order(b, "notebook", 1)
	e.startCard(v, o.Ref, false, 0)
	e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{UnknownNext: 2 * cancelTries})
	if _, err := e.svc.PayAnotherWay(e.ctx, v, o.Ref); !errors.Is(err, ErrCancelNotConfirmed) {
		t.Fatalf("cancel answered U: %v", err)
	}
	e.later(manualCheckEvery + time.Second)
	_, err := e.svc.CheckNow(WithHTTPRequestID(e.ctx, "req-check"), v, o.Ref)
	check(t, err)
	events, err := e.db.Events(e.ctx, OrderSubject(o.Ref))
	check(t, err)
	var seen []string
	for _, ev := range events {
		if ev.HTTPRequestID != "req-check" || ev.Kind == EventAntomCall {
			continue
		}
		seen = append(seen, ev.Kind+": "+ev.Detail)
		if want := map[bool]string{false: EventBuyer, true: EventState}[strings.HasPrefix(ev.Detail, "cancel of ")]; ev.Kind != want {
			t.Errorf("a line of the buyer's check is tagged %s, want %s: %q", ev.Kind, want, ev.Detail)
		}
	}
	if len(seen) == 0 {
		t.Fatal("the buyer's check wrote no line")
	}
}
