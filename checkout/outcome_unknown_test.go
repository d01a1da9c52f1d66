package checkout

import (
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// noticeOvertakes lets Antom do the work of every call to path, waits
// until the notification of that work (kind, the first one) has been
// applied, and then loses the answer: the call ends without one, after
// the notification already settled what it asked for.
type noticeOvertakes struct {
	e          *env
	path, kind string
	next       http.RoundTripper
	mu         sync.Mutex
	lost       int // answers lost
}

func (n *noticeOvertakes) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := n.next.RoundTrip(r)
	if err != nil || !strings.HasSuffix(r.URL.Path, n.path) {
		return resp, err
	}
	resp.Body.Close()
	n.e.verdicts(n.kind, 1)
	n.mu.Lock()
	n.lost++
	n.mu.Unlock()
	return nil, errors.New("connection reset by peer (test: the answer is lost)")
}

// loseAnswers puts a noticeOvertakes for path between the service's
// Antom client and the sandbox.
func (e *env) loseAnswers(path, kind string) *noticeOvertakes {
	e.t.Helper()
	n := &noticeOvertakes{e: e, path: path, kind: kind, next: http.DefaultTransport}
	cfg := e.clientCfg
	cfg.HTTPClient = &http.Client{Transport: n}
	client, err := antom.NewClient(cfg)
	check(e.t, err)
	e.svc.antom = client
	return n
}

// assertNoLine fails if the order's timeline has a line other than an
// Antom call's own (which says how that call ended: "no answer: outcome
// unknown" is true of the call) containing any of lines; it prints the
// timeline.
func (e *env) assertNoLine(ref string, lines ...string) {
	e.t.Helper()
	events, err := e.db.Events(e.ctx, OrderSubject(ref))
	check(e.t, err)
	var all []string
	bad := ""
	for _, ev := range events {
		all = append(all, ev.Kind+": "+ev.Detail)
		for _, l := range lines {
			if ev.Kind != EventAntomCall && strings.Contains(ev.Detail, l) {
				bad = ev.Detail
			}
		}
	}
	if bad != "" {
		e.t.Fatalf("the timeline says %q after the row was final:\n%s", bad, strings.Join(all, "\n"))
	}
}

// A pay call whose answer is lost after the payment's notification
// already settled it does not put "outcome not known yet" on the
// timeline: the payment is known, SUCCESS; nor is pay sent again.
func TestPayAnswerLostAfterTheNotificationSaysNothingUnknown(t *testing.T) {
	e := newEnv(t, Options{})
	b, wallet, _ := payer(t, e, "paylost@example.com")
	o := e.order(b, "coffee", 1)
	lost := e.loseAnswers("/payments/pay", "PAYMENT_RESULT")
	shown, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{ClientIP: "203.0.113.7"})
	check(t, err)
	e.svc.Wait()
	if lost.lost == 0 {
		t.Fatal("no pay answer was lost")
	}
	assertEqual(t, shown.Status, db.OrderPaid, "order as PayWithWallet shows it")
	// Settled while the call ran: not sent again (one call, not payTries).
	assertEqual(t, e.sb.Calls("payments/pay"), 1, "pay calls Antom saw")
	assertEqual(t, e.attempt(o.Ref).Status, db.AttemptSuccess, "attempt")
	e.assertNoLine(o.Ref, "outcome not known yet")
}

// A capture whose answer is lost after notifyCapture already settled it
// does not say "capture outcome not known yet".
func TestCaptureAnswerLostAfterTheNotificationSaysNothingUnknown(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorized("caplost@example.com")
	lost := e.loseAnswers("/payments/capture", "CAPTURE_RESULT")
	check(t, e.svc.Capture(e.ctx, staffActor, o.Ref, 5800))
	e.svc.Wait()
	if lost.lost == 0 {
		t.Fatal("no capture answer was lost")
	}
	assertEqual(t, e.lastCapture(o.Ref).Status, db.CaptureSuccess, "capture")
	e.assertNoLine(o.Ref, "capture outcome not known yet")
}
