package checkout

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// lateCapture stands between the service's Antom client and the sandbox
// and delays the first capture call in the network: it keeps the request
// (its bytes, signature and all) and ends the call without an answer, as
// a timeout would. On the next inquiryPayment it lets the sandbox answer
// the inquiry first (no such capture yet), then delivers the kept capture
// — Antom does it and sends notifyCapture — and waits until that
// notification has been applied before the inquiry's answer comes back.
// So the reconciler learns "not listed" about a capture that is settled
// by the time it could send it again.
type lateCapture struct {
	e    *env
	mu   sync.Mutex
	kept *http.Request
	body []byte
	done bool // the kept capture was delivered
}

func (l *lateCapture) RoundTrip(r *http.Request) (*http.Response, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	switch {
	case strings.HasSuffix(r.URL.Path, "/payments/capture") && l.kept == nil:
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, err
		}
		l.kept, l.body = r.Clone(r.Context()), body
		return nil, errors.New("timeout awaiting response headers (test: the capture is held in the network)")
	case strings.HasSuffix(r.URL.Path, "/payments/inquiryPayment") && l.kept != nil && !l.done:
		resp, err := http.DefaultTransport.RoundTrip(r)
		if err != nil {
			return resp, err
		}
		late, err := http.NewRequestWithContext(l.e.ctx, http.MethodPost, l.kept.URL.String(), bytes.NewReader(l.body))
		if err != nil {
			return nil, err
		}
		late.Header = l.kept.Header.Clone()
		answer, err := http.DefaultTransport.RoundTrip(late)
		if err != nil {
			return nil, err
		}
		answer.Body.Close()
		l.done = true
		l.e.verdicts("CAPTURE_RESULT", 1)
		return resp, nil
	}
	return http.DefaultTransport.RoundTrip(r)
}

// A capture whose first call had no answer, settled by notifyCapture
// while the reconciler's inquiryPayment (which did not list it yet) ran,
// is not sent again: Antom sees one capture call, and the capture and
// order are as the notification left them.
func TestCaptureSettledDuringTheInquiryIsNotSentAgain(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorized("capture-late@example.com")
	l := &lateCapture{e: e}
	cfg := e.clientCfg
	cfg.HTTPClient = &http.Client{Transport: l}
	client, err := antom.NewClient(cfg)
	check(t, err)
	e.svc.antom = client

	if err := e.svc.Capture(e.ctx, staffActor, o.Ref, 5000); !errors.Is(err, ErrCaptureNotConfirmed) {
		t.Fatalf("a capture without an answer: %v, want ErrCaptureNotConfirmed", err)
	}
	assertEqual(t, e.captureStatus(o.Ref), db.CaptureProcessing, "capture after the call without an answer")
	check(t, e.svc.Reconcile(e.ctx))
	e.svc.Wait()
	if !l.done {
		t.Fatal("the held capture was never delivered")
	}
	assertEqual(t, e.captureStatus(o.Ref), db.CaptureSuccess, "capture")
	assertEqual(t, e.sb.Calls("payments/capture"), 1, "capture calls Antom saw")
	e.assertNoLine(o.Ref, "sent again")
}
