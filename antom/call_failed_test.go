package antom

import (
	"context"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

// Call.Failed is true for calls that failed as such — not sent, no answer
// in time, HTTP 5xx, unsigned — and false for any answer Antom signed,
// a refusal (F) or PAYMENT_IN_PROCESS (U) included, and for a call its
// caller cancelled. Each case is a real call through the client.
func TestCallFailed(t *testing.T) {
	k := loadKeys(t)
	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + closed.Addr().String()
	closed.Close()
	slow := serve(t, func(w http.ResponseWriter, r *http.Request) {
		io.ReadAll(r.Body)
		<-r.Context().Done()
	})
	bodyInProcess := `{"result":{"resultCode":"PAYMENT_IN_PROCESS","resultStatus":"U","resultMessage":"in process"},"normalUrl":"https://pay.example/x"}`
	cases := []struct {
		name    string
		gateway string
		ctx     func() (context.Context, context.CancelFunc)
		failed  bool
	}{
		{"signed S", antomServer(t, k, bodyS).URL, nil, false},
		{"signed F (a refusal)", antomServer(t, k, bodyF).URL, nil, false},
		{"signed U PAYMENT_IN_PROCESS", antomServer(t, k, bodyInProcess).URL, nil, false},
		{"connection refused", refused, nil, true},
		{"HTTP 503", serve(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) }).URL, nil, true},
		{"unsigned answer", serve(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(bodyS)) }).URL, nil, true},
		{"no answer in time", slow.URL, func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 100*time.Millisecond)
		}, true},
		{"cancelled by its caller", slow.URL, func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			return ctx, cancel
		}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []Call
			c := newTestClient(t, k, tc.gateway, func(cfg *Config) {
				cfg.OnCall = func(_ context.Context, c Call) { got = append(got, c) }
			})
			ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
			if tc.ctx != nil {
				ctx, cancel = tc.ctx()
			}
			defer cancel()
			c.Pay(ctx, agreementPay())
			if len(got) != 1 || got[0].Failed() != tc.failed {
				t.Fatalf("calls %+v: want Failed %v", got, tc.failed)
			}
		})
	}
}
