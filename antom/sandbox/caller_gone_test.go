package sandbox

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"antom-checkout/antom"
)

// watched serves s behind a wrapper that sends each API request's
// context (the caller's, as the sandbox sees it) when it arrives, and
// signals when the sandbox's handler has returned. It wraps the pay
// APIFunc: worked then tells, once the work of a pay that came through
// the wrapper is done, whether its caller had left by then.
type watched struct {
	url     string
	arrived chan context.Context
	ended   chan struct{}
	worked  chan bool // pay's work done: was the caller gone?
}

// callerKey holds, in a watched request's context, the caller's context.
type callerKey struct{}

func watch(t *testing.T, s *Sandbox) *watched {
	t.Helper()
	w := &watched{arrived: make(chan context.Context, 4), ended: make(chan struct{}, 4), worked: make(chan bool, 4)}
	pay := s.apis.lookup("payments/pay")
	s.Handle("payments/pay", func(ctx context.Context, c *Call) (any, error) {
		a, err := pay(ctx, c)
		if caller, ok := ctx.Value(callerKey{}).(context.Context); ok {
			w.worked <- caller.Err() != nil
		}
		return a, err
	})
	srv := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		caller := r.Context()
		w.arrived <- caller
		s.Handler().ServeHTTP(rw, r.WithContext(context.WithValue(caller, callerKey{}, caller)))
		w.ended <- struct{}{}
	}))
	t.Cleanup(srv.Close)
	w.url = srv.URL
	return w
}

// client is the vector merchant's Antom client for w.
func (w *watched) client(t *testing.T, s *Sandbox) *antom.Client {
	t.Helper()
	c, err := antom.NewClient(antom.Config{GatewayURL: w.url, ClientID: testClientID, PrivateKey: merchantKey(t),
		AntomPublicKey: s.PublicKey(), AllowAnyGateway: true})
	must(t, err)
	return c
}

// A pay whose caller leaves during its Latency is done all the same
// once the latency has passed, as Antom does a call it has received:
// the payment exists, once, and a repeat of the request finds it.
func TestLatencyCallerGoneWorkDone(t *testing.T) {
	l := newLinkSetup(t)
	token := l.linkUser(t, "state-gone", richUser)
	before := l.balance(t, richUser, "USD")
	w := watch(t, l.s)
	const latency = 300 * time.Millisecond
	l.s.Faults().SetAPI("payments/pay", APIFault{Latency: latency})

	ctx, cancel := context.WithCancel(t.Context())
	req := payReq("pay-gone", "GCASH", token, "USD", 1000)
	failed := make(chan error, 1)
	go func() {
		_, err := w.client(t, l.s).Pay(ctx, req)
		failed <- err
	}()
	caller := recv(t, w.arrived, "the pay call's arrival")
	start := time.Now()
	cancel()
	if err := recv(t, failed, "the caller giving up"); err == nil {
		t.Fatal("pay answered although its caller left")
	}
	recv(t, caller.Done(), "the sandbox seeing the caller gone")
	equal(t, recv(t, w.worked, "pay's work after the latency"), true, "caller gone when the work was done")
	if waited := time.Since(start); waited < latency-10*time.Millisecond {
		t.Fatalf("work done %v after the call arrived, before its %v latency", waited, latency)
	}
	l.s.Faults().SetAPI("payments/pay", APIFault{})

	found := l.inquire(t, "", "pay-gone")
	wantResult(t, found.Result, antom.StatusSuccess, antom.CodeSuccess, "inquiryPayment")
	equal(t, found.PaymentStatus, antom.PaymentSuccess, "paymentStatus")
	again := l.pay(t, req)
	wantResult(t, again.Result, antom.StatusSuccess, antom.CodeSuccess, "the same pay again")
	equal(t, again.PaymentID, found.PaymentID, "paymentId of the repeat")
	equal(t, paymentRows(t, l.s), 1, "payments stored")
	equal(t, l.balance(t, richUser, "USD"), before-1000, "balance: debited once")
}

// A held call whose caller has left does its work once released.
func TestHoldCallerGoneWorkDoneOnRelease(t *testing.T) {
	l := newLinkSetup(t)
	token := l.linkUser(t, "state-held-gone", richUser)
	w := watch(t, l.s)
	h := l.s.Faults().Hold("payments/pay")

	ctx, cancel := context.WithCancel(t.Context())
	failed := make(chan error, 1)
	go func() {
		_, err := w.client(t, l.s).Pay(ctx, payReq("held-gone", "GCASH", token, "USD", 1000))
		failed <- err
	}()
	caller := recv(t, w.arrived, "the pay call's arrival")
	recv(t, h.Arrived(), "the held call")
	cancel()
	if err := recv(t, failed, "the caller giving up"); err == nil {
		t.Fatal("pay answered although held")
	}
	recv(t, caller.Done(), "the sandbox seeing the caller gone")
	equal(t, paymentRows(t, l.s), 0, "payments stored while held")
	h.Release()
	equal(t, recv(t, w.worked, "pay's work once released"), true, "caller gone when the work was done")
	found := l.inquire(t, "", "held-gone")
	equal(t, found.PaymentStatus, antom.PaymentSuccess, "paymentStatus")
	equal(t, paymentRows(t, l.s), 1, "payments stored")
}

// Close during a call's Latency ends the wait at once: the call does no
// work, its caller gets HTTP 500, and Close returns with the handler done.
func TestCloseEndsLatency(t *testing.T) {
	f := newFaultServer(t)
	w := watch(t, f.s)
	f.s.Faults().SetAPI("payments/pay", APIFault{Latency: time.Hour})
	type answer struct {
		status int
		err    error
	}
	answered := make(chan answer, 1)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel) // a failed test's caller leaves, so that its server can close
	go func() {
		req := signedRequest(t, w.url, testClientID, "/ams/api/v1/payments/pay", []byte(`{"paymentRequestId":"r-1"}`))
		resp, err := http.DefaultClient.Do(req.WithContext(ctx))
		if err != nil {
			answered <- answer{err: err}
			return
		}
		resp.Body.Close()
		answered <- answer{status: resp.StatusCode}
	}()
	recv(t, w.arrived, "the pay call's arrival")
	closed := make(chan error, 1)
	go func() { closed <- f.s.Close() }()
	must(t, recv(t, closed, "Close"))
	a := recv(t, answered, "the answer")
	must(t, a.err)
	equal(t, a.status, http.StatusInternalServerError, "status")
	recv(t, w.ended, "the handler's end")
	equal(t, f.calls.Load(), int32(0), "APIFunc calls")
}

// A held call whose caller has left ends, doing nothing, when the
// sandbox stops running (Start's ctx ends); the sandbox still answers
// the calls that come after.
func TestStopEndsAbandonedCalls(t *testing.T) {
	l := serveLinkSetup(t, t.TempDir(), 1, &testClock{})
	running, stop := context.WithCancel(t.Context())
	l.s.Start(running)
	token := l.linkUser(t, "state-stop", richUser)
	w := watch(t, l.s)
	h := l.s.Faults().Hold("payments/pay")

	ctx, cancel := context.WithCancel(t.Context())
	failed := make(chan error, 1)
	go func() {
		_, err := w.client(t, l.s).Pay(ctx, payReq("stop-gone", "GCASH", token, "USD", 1000))
		failed <- err
	}()
	caller := recv(t, w.arrived, "the pay call's arrival")
	recv(t, h.Arrived(), "the held call")
	cancel()
	recv(t, failed, "the caller giving up")
	recv(t, caller.Done(), "the sandbox seeing the caller gone")
	stop()
	recv(t, w.ended, "the held call's end")
	equal(t, len(w.worked), 0, "work done by the held call")
	equal(t, paymentRows(t, l.s), 0, "payments stored")
	equal(t, l.pay(t, payReq("stop-after", "GCASH", token, "USD", 500)).Result.ResultCode, antom.CodeSuccess, "the next pay")
}
