package checkout

import (
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// refusedVoid has staff void order ref's authorization and Antom refuse
// it (PROCESS_FAIL), as sendCancel applies a refusal, stamped by the
// domain's clock (e.svc.now: an instance's).
func (e *env) refusedVoid(ref string) {
	e.t.Helper()
	a := e.attempt(ref)
	changed, err := e.db.RequestCancel(e.ctx, a.ID, "", e.svc.now())
	check(e.t, err)
	assertEqual(e.t, changed, true, "the void sent")
	e.svc.refuseVoid(e.ctx, e.attempt(ref), "PROCESS_FAIL", "Refused at the issuer")
	if e.attempt(ref).CancelStatus != db.CancelFail {
		e.t.Fatalf("%s: the void was not refused", ref)
	}
}

// openVoidProblems is what staff see of refused voids (openProblems),
// by voidRefusalOpen, the one rule all four ask.
func (e *env) openVoidProblems() (count int, problem bool, listed []string) {
	e.t.Helper()
	return e.openProblems(openProblem{name: "void refused", filter: FilterVoidRefused,
		count: func(d Dashboard) int { return d.VoidsRefused },
		badge: func(it OrderListItem) bool { return it.VoidRefused },
		alarm: func(o AdminOrder) bool { return o.VoidRefused != nil }})
}

// A void Antom refused, while nothing settled it since, is an open
// problem everywhere staff look — its order's alarm, the orders list's
// badge, the void-refused filter, the dashboard's count — by the one
// rule; a capture sent since, or a void that then went through, closes
// it in all four at once.
func TestRefusedVoidIsAnOpenProblemWhereverStaffLook(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	e.authorized("void-fine@example.com") // an authorization nothing was refused on
	held := e.authorized("void-refused-held@example.com")
	e.refusedVoid(held.Ref)
	captured := e.authorized("void-refused-captured@example.com")
	e.refusedVoid(captured.Ref)
	voided := e.authorized("void-refused-voided@example.com")
	e.refusedVoid(voided.Ref)
	n, problem, listed := e.openVoidProblems()
	assertDeep(t, []any{n, problem, listed}, []any{3, true, []string{voided.Ref, captured.Ref, held.Ref}}, "three refused voids open")

	e.unknownCapture(captured.Ref, 5800)
	check(t, e.svc.Void(e.ctx, staffActor, voided.Ref))
	n, problem, listed = e.openVoidProblems()
	assertDeep(t, []any{n, problem, listed}, []any{1, true, []string{held.Ref}}, "open once a capture was sent and a void went through")

	expires := e.attempt(held.Ref).AuthExpiresAt
	if expires.IsZero() {
		t.Fatal("the sandbox's authorization has no expiry")
	}
	e.later(time.Until(expires) + time.Minute)
	n, problem, listed = e.openVoidProblems()
	assertDeep(t, []any{n, problem, listed}, []any{0, false, []string(nil)}, "none once the authorization expired")
}

// Whether a capture was sent since a void was refused does not hang on
// the clocks of the instances that stamped them: a capture sent after
// the refusal by an instance whose clock is behind closes the alarm, and
// a capture refused before the refusal by one whose clock is ahead does
// not hide it.
func TestRefusedVoidOrdersCapturesBySendingNotClocks(t *testing.T) {
	const skew = 3 * time.Minute // well inside the sandbox's authorization (about ten minutes)
	t.Run("a capture sent after, stamped before", func(t *testing.T) {
		e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
		o := e.authorized("void-refused-capture-after@example.com")
		e.later(skew) // the instance that hears the refusal runs ahead
		e.refusedVoid(o.Ref)
		e.later(0)
		c := e.unknownCapture(o.Ref, 5800)
		if !c.CreatedAt.Before(e.attempt(o.Ref).UpdatedAt) {
			t.Fatalf("the capture (%v) is not stamped before the refusal (%v): no skew to test", c.CreatedAt, e.attempt(o.Ref).UpdatedAt)
		}
		if a := e.adminOrder(o.Ref); a.VoidRefused != nil || a.Pending != PendingCapturing {
			t.Fatalf("a capture sent since the refusal: alarm %+v, pending %q", a.VoidRefused, a.Pending)
		}
		n, _, listed := e.openVoidProblems()
		assertDeep(t, []any{n, listed}, []any{0, []string(nil)}, "no refused void open")
	})
	t.Run("a capture refused before, stamped after", func(t *testing.T) {
		e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
		o := e.authorized("void-refused-capture-before@example.com")
		e.later(skew) // the instance that sends the capture runs ahead
		c := e.failedCapture(o.Ref, 5800)
		e.later(0)
		e.refusedVoid(o.Ref)
		if !c.CreatedAt.After(e.attempt(o.Ref).UpdatedAt) {
			t.Fatalf("the capture (%v) is not stamped after the refusal (%v): no skew to test", c.CreatedAt, e.attempt(o.Ref).UpdatedAt)
		}
		a := e.adminOrder(o.Ref)
		if a.VoidRefused == nil || a.CaptureFailed == nil {
			t.Fatalf("a void refused after a refused capture: void alarm %+v, capture alarm %+v", a.VoidRefused, a.CaptureFailed)
		}
		n, _, listed := e.openVoidProblems()
		assertDeep(t, []any{n, listed}, []any{1, []string{o.Ref}}, "the refused void open, whatever the clocks")
	})
}
