package checkout

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// answerBound is a generous upper bound on how long an action waiting
// Options.ActionWait (short in these tests) may take in all: a call to
// Antom held by the test would keep it for the lease's 15 s.
const answerBound = 5 * time.Second

// silentAntom holds every call to one Antom API (the path's ending)
// before it reaches the sandbox, until release: Antom not answering, for
// as long as the test wants. A held call whose context ends returns its
// error, as the HTTP client does.
type silentAntom struct {
	path     string
	next     http.RoundTripper
	held     chan struct{} // one value per call held (buffered)
	open     chan struct{} // closed by release
	openOnce sync.Once
}

func (g *silentAntom) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, g.path) {
		select {
		case g.held <- struct{}{}:
		default:
		}
		select {
		case <-g.open:
		case <-r.Context().Done():
			return nil, r.Context().Err()
		}
	}
	return g.next.RoundTrip(r)
}

// release lets the held calls and every later one through.
func (g *silentAntom) release() { g.openOnce.Do(func() { close(g.open) }) }

// silence puts a silentAntom for api between the service's Antom client
// (and that of instances made after it) and the sandbox.
func (e *env) silence(api string) *silentAntom {
	e.t.Helper()
	g := &silentAntom{path: "/" + api, next: http.DefaultTransport, held: make(chan struct{}, 16), open: make(chan struct{})}
	e.t.Cleanup(g.release)
	cfg := e.clientCfg
	cfg.HTTPClient = &http.Client{Transport: g}
	client, err := antom.NewClient(cfg)
	check(e.t, err)
	e.svc.antom = client
	return g
}

// heldNow waits until g holds a call (10 s at most).
func (g *silentAntom) heldNow(t *testing.T) {
	t.Helper()
	select {
	case <-g.held:
	case <-time.After(10 * time.Second):
		t.Fatalf("no call to %s was made", g.path)
	}
}

// payAnotherWayUnanswered is the buyer's "pay another way" while Antom
// does not answer: it must answer within answerBound, saying the cancel
// is not confirmed and Antom is still being asked.
func (e *env) payAnotherWayUnanswered(ctx context.Context, v Viewer, ref string) {
	e.t.Helper()
	start := time.Now()
	_, err := e.svc.PayAnotherWay(ctx, v, ref)
	if took := time.Since(start); took > answerBound {
		e.t.Fatalf("pay another way answered after %v, Antom silent", took)
	}
	if !errors.Is(err, ErrCancelNotConfirmed) || !errors.Is(err, ErrStillAsking) {
		e.t.Fatalf("pay another way, Antom silent: %v", err)
	}
}

// "Pay another way" whose own inquiry or cancel Antom does not answer
// answers the buyer within the wait: the page says the cancel is not
// confirmed yet, and the reconciler leaves the attempt to the call under
// way (its lease). Once Antom answers, that call goes on and cancels the
// payment, with the buyer's request id on its lines: one cancel, sent
// once, and the order may be paid again.
func TestPayAnotherWayAnswersWhileAntomIsSilent(t *testing.T) {
	for _, api := range []string{"payments/inquiryPayment", "payments/cancel"} {
		t.Run(api, func(t *testing.T) {
			e := newEnvScaled(t, Options{ActionWait: 200 * time.Millisecond}, cardPageScale)
			v, o, _, paymentID := e.leftCardPage("silent-" + strings.TrimPrefix(api, "payments/") + "@example.com")
			silent := e.silence(api)
			cancels := e.sb.Calls("payments/cancel")

			e.payAnotherWayUnanswered(WithHTTPRequestID(e.ctx, "req-leave"), v, o.Ref)
			silent.heldNow(t)
			r := e.result(v, o.Ref)
			assertEqual(t, r.State, ResultCancelling, "the buyer's page while Antom is silent")
			assertEqual(t, e.attempt(o.Ref).CancelStatus, db.CancelProcessing, "the choice, stored")
			check(t, e.instance().checkAttempts(e.ctx))
			check(t, e.svc.checkAttempts(e.ctx))
			assertEqual(t, e.sb.Calls("payments/cancel")-cancels, 0, "cancels while the call is held")

			silent.release()
			e.waitOrderAs(v, o.Ref, db.OrderOpen)
			e.svc.Wait()
			assertEqual(t, e.attempt(o.Ref).Status, db.AttemptCancelled, "the left attempt")
			check(t, e.svc.checkAttempts(e.ctx))
			assertEqual(t, e.sb.Calls("payments/cancel")-cancels, 1, "cancels")
			e.assertOnePayment(paymentID, antom.PaymentCancelled)
			ev := e.lineWith(o.Ref, "cancelled at Antom")
			if ev.Kind != EventState || ev.HTTPRequestID != "req-leave" {
				t.Fatalf("the cancel that went on reads %s [%s]: %q", ev.Kind, ev.HTTPRequestID, ev.Detail)
			}
		})
	}
}

// "Pay another way" whose inquiry Antom never answers, the app stopping
// meanwhile (its call abandoned at the shutdown deadline): nothing was
// sent, but the choice was stored before the buyer was answered, so the
// reconciler (here of the next instance) asks and sends the cancel, once.
func TestPayAnotherWayUnansweredIsFinishedByTheReconciler(t *testing.T) {
	e := newEnvScaled(t, Options{ActionWait: 200 * time.Millisecond}, cardPageScale)
	v, o, _, paymentID := e.leftCardPage("silent-stop@example.com")
	silent := e.silence("payments/inquiryPayment")
	cancels := e.sb.Calls("payments/cancel")

	e.payAnotherWayUnanswered(e.ctx, v, o.Ref)
	silent.heldNow(t)
	e.svc.Halt()
	e.svc.Wait()
	a := e.attempt(o.Ref)
	if a.Status != db.AttemptProcessing || a.CancelStatus != db.CancelProcessing {
		t.Fatalf("attempt once the app stopped: %s, cancel %q", a.Status, a.CancelStatus)
	}
	assertEqual(t, e.sb.Calls("payments/cancel")-cancels, 0, "cancels before the reconciler")

	silent.release()
	check(t, e.instance().checkAttempts(e.ctx))
	assertEqual(t, e.attempt(o.Ref).Status, db.AttemptCancelled, "the left attempt")
	assertEqual(t, e.sb.Calls("payments/cancel")-cancels, 1, "cancels")
	e.assertOnePayment(paymentID, antom.PaymentCancelled)
}

// A staff void that meets another worker holding the attempt's lease (a
// reconciler asking Antom about it) waits for it to let go, then voids:
// nothing sent while it is held, one cancel after. The worker may run in
// this process (its release wakes the wait) or on another instance (the
// wait claims again).
func TestVoidWaitsForTheLeaseHolder(t *testing.T) {
	for _, where := range []string{"this instance", "another instance"} {
		t.Run(where, func(t *testing.T) {
			e := newEnv(t, Options{CaptureMode: antom.CaptureManual, ActionWait: time.Minute})
			o := e.authorized("void-waits@example.com")
			a := e.attempt(o.Ref)
			release := e.holdLease(attemptWork(a.ID), where == "this instance")
			cancels := e.sb.Calls("payments/cancel")

			voided := make(chan error, 1)
			go func() { voided <- e.svc.Void(e.ctx, staffActor, o.Ref) }()
			for e.attempt(o.Ref).CancelStatus != db.CancelProcessing { // stored: then it waits
				select {
				case err := <-voided:
					t.Fatalf("void answered while the lease was held: %v", err)
				case <-time.After(time.Millisecond):
				}
			}
			assertEqual(t, e.sb.Calls("payments/cancel")-cancels, 0, "cancels while the lease is held")
			release()
			select {
			case err := <-voided:
				check(t, err)
			case <-time.After(answerBound):
				t.Fatal("the void still waits after the lease was released")
			}
			row, err := e.db.OrderByRef(e.ctx, o.Ref)
			check(t, err)
			assertEqual(t, row.Status, db.OrderVoided, "order after the void")
			assertEqual(t, e.sb.Calls("payments/cancel")-cancels, 1, "cancels")
		})
	}
}

// holdLease has a worker hold the lease on work until the returned func
// is called: of this process (leased, whose release tells waiters), or
// of another instance (its row only).
func (e *env) holdLease(work string, here bool) (release func()) {
	e.t.Helper()
	if !here {
		e.leasedBy(work, "other instance")
		return func() { check(e.t, e.db.ReleaseLease(e.ctx, work, "other instance")) }
	}
	held, free, done := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		if !e.svc.leased(e.ctx, work, func(context.Context) { close(held); <-free }) {
			e.t.Error("the lease was not free") // not Fatal: another goroutine
			close(held)
		}
	}()
	<-held
	return func() { close(free); <-done }
}
