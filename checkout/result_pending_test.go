package checkout

import (
	"errors"
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// While a staff void or capture waits for Antom, the buyer's page says
// it is under way — not that the shop will charge when it ships — and
// waits for news; once Antom confirms, it says what became of it.
func TestBuyerSeesAPendingVoidOrCaptureAsUnderWay(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: "MANUAL"})
	result := func(o Order) Result {
		t.Helper()
		r, err := e.svc.OrderResult(e.ctx, Viewer{BuyerID: o.BuyerID}, o.Ref)
		check(t, err)
		return r
	}

	t.Run("void", func(t *testing.T) {
		o := e.authorized("pending-void@example.com")
		before := result(o)
		if before.Releasing || before.Waiting() {
			t.Fatalf("authorized, nothing asked: releasing %v, waiting %v", before.Releasing, before.Waiting())
		}
		e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{UnknownNext: cancelTries})
		if err := e.svc.Void(e.ctx, staffActor, o.Ref); !errors.Is(err, ErrVoidNotConfirmed) {
			t.Fatalf("void answered U: %v", err)
		}
		r := result(o)
		if r.State != ResultAuthorized || !r.Releasing || !r.Waiting() || r.Key() == before.Key() {
			t.Fatalf("void not confirmed: state %s, releasing %v, waiting %v, key %s (was %s)", r.State, r.Releasing, r.Waiting(), r.Key(), before.Key())
		}
		e.later(time.Minute)
		check(t, e.svc.checkAttempts(e.ctx))
		r = result(o)
		if r.State != ResultVoided || r.Releasing || r.Waiting() {
			t.Fatalf("void confirmed: state %s, releasing %v, waiting %v", r.State, r.Releasing, r.Waiting())
		}
	})

	for _, tt := range []struct {
		name string
		less int64 // taken off the authorized amount
	}{{"full capture", 0}, {"partial capture", 100}} {
		t.Run(tt.name, func(t *testing.T) {
			o := e.authorized("pending-" + map[bool]string{true: "partial", false: "full"}[tt.less > 0] + "@example.com")
			amount := e.attempt(o.Ref).Amount - tt.less
			c := e.unknownCapture(o.Ref, amount)
			assertEqual(t, c.Status, db.CaptureProcessing, "capture answered U")
			r := result(o)
			if r.State != ResultAuthorized || r.Capturing.Minor != amount || r.Releasing || !r.Waiting() {
				t.Fatalf("capture not confirmed: state %s, capturing %d (want %d), releasing %v, waiting %v", r.State, r.Capturing.Minor, amount, r.Releasing, r.Waiting())
			}
		})
	}
}
