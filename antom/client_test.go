package antom

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const (
	bodyS       = `{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success."},"paymentId":"P1"}`
	bodyF       = `{"result":{"resultCode":"USER_BALANCE_NOT_ENOUGH","resultStatus":"F","resultMessage":"balance"},"paymentId":"P1"}`
	bodyU       = `{"result":{"resultCode":"UNKNOWN_EXCEPTION","resultStatus":"U","resultMessage":"?"}}`
	bodyBadSig  = `{"result":{"resultCode":"INVALID_SIGNATURE","resultStatus":"F","resultMessage":"invalid signature"}}`
	testTimeout = 5 * time.Second
)

// payCall pays the vector's tokenized request through c.
func payCall(t *testing.T, c *Client) (*PayResponse, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	return c.Pay(ctx, agreementPay())
}

// errorOf returns err as *Error or fails the test.
func errorOf(t *testing.T, err error) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("want *Error, got %T %v", err, err)
	}
	return e
}

// assertNoToken checks that nothing printable about err holds the token.
func assertNoToken(t *testing.T, err error) {
	t.Helper()
	for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
		assertTrue(t, !strings.Contains(s, vecAccessToken), "token in error text: "+s)
	}
}

func TestSignedAnswers(t *testing.T) {
	k := loadKeys(t)
	t.Run("S", func(t *testing.T) {
		resp, err := payCall(t, newTestClient(t, k, antomServer(t, k, bodyS).URL, nil))
		assertTrue(t, err == nil, fmt.Sprint(err))
		assertEqual(t, resp.PaymentID, "P1", "paymentId")
	})
	t.Run("F", func(t *testing.T) {
		resp, err := payCall(t, newTestClient(t, k, antomServer(t, k, bodyF).URL, nil))
		assertTrue(t, IsFailed(err), "F is KindFailed")
		res, ok := ResultOf(err)
		assertTrue(t, ok, "result present")
		assertEqual(t, res.ResultCode, CodeUserBalanceNotEnough, "code")
		assertTrue(t, resp != nil && resp.PaymentID == "P1", "response returned with F")
		assertEqual(t, err.Error(), "antom: pay: failed: result F/USER_BALANCE_NOT_ENOUGH", "message")
		assertNoToken(t, err)
	})
	t.Run("U", func(t *testing.T) {
		resp, err := payCall(t, newTestClient(t, k, antomServer(t, k, bodyU).URL, nil))
		assertTrue(t, IsUnknown(err), "U is KindUnknown")
		assertTrue(t, resp != nil, "response returned with U")
		assertTrue(t, !errorOf(t, err).Unverified, "signed U is verified")
	})
	t.Run("no status", func(t *testing.T) {
		resp, err := payCall(t, newTestClient(t, k, antomServer(t, k, `{"paymentId":"P1"}`).URL, nil))
		assertTrue(t, IsUnknown(err), "missing result is KindUnknown")
		assertTrue(t, resp != nil, "signed body still returned")
	})
	t.Run("not JSON", func(t *testing.T) {
		resp, err := payCall(t, newTestClient(t, k, antomServer(t, k, `<html>oops</html>`).URL, nil))
		assertTrue(t, IsUnknown(err) && resp == nil, "unparseable is KindUnknown")
	})
	t.Run("wrong type", func(t *testing.T) {
		resp, err := payCall(t, newTestClient(t, k, antomServer(t, k, `{"result":{"resultStatus":"S","resultCode":"SUCCESS"},"paymentId":7}`).URL, nil))
		assertTrue(t, IsUnknown(err) && resp == nil, "undecodable S is KindUnknown, never success")
	})
}

// serve starts a test server with h.
func serve(t *testing.T, h http.HandlerFunc) *httptest.Server {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func TestUnverifiedAnswers(t *testing.T) {
	k := loadKeys(t)
	cases := map[string]http.HandlerFunc{
		"unsigned S": func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(bodyS)) },
		"unsigned F": func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(bodyBadSig)) },
		"S signed by the merchant key": func(w http.ResponseWriter, r *http.Request) {
			signedAnswer(t, w, r, k.merchant, testClientID, bodyS)
		},
		"S signed for another merchant": func(w http.ResponseWriter, r *http.Request) {
			signedAnswer(t, w, r, k.antom, "TEST_OTHER", bodyS)
		},
		"S signed over another path": func(w http.ResponseWriter, r *http.Request) {
			r.URL.Path = PathRefund
			signedAnswer(t, w, r, k.antom, testClientID, bodyS)
		},
		"signature of another body": func(w http.ResponseWriter, r *http.Request) {
			rec := httptest.NewRecorder()
			signedAnswer(t, rec, r, k.antom, testClientID, bodyF)
			for name, v := range rec.Header() {
				w.Header()[name] = v
			}
			w.Write([]byte(bodyS))
		},
		"S validly signed but without response-time": func(w http.ResponseWriter, r *http.Request) {
			sig, err := Sign(k.antom, Message{Method: "POST", Path: r.URL.Path, ClientID: testClientID, Body: []byte(bodyS)})
			if err != nil {
				t.Error(err)
			}
			w.Header()["client-id"] = []string{testClientID}
			w.Header()["signature"] = []string{sig}
			w.Write([]byte(bodyS))
		},
		"redirect": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/elsewhere", http.StatusFound)
		},
	}
	for name, h := range cases {
		t.Run(name, func(t *testing.T) {
			resp, err := payCall(t, newTestClient(t, k, serve(t, h).URL, nil))
			assertTrue(t, resp == nil, "no response without a valid signature")
			assertTrue(t, IsUnknown(err), "unverified is KindUnknown")
			assertTrue(t, errorOf(t, err).Unverified, "Unverified set")
			assertNoToken(t, err)
		})
	}
	srv := serve(t, cases["unsigned F"])
	_, err := payCall(t, newTestClient(t, k, srv.URL, nil))
	res, ok := ResultOf(err)
	assertTrue(t, ok, "unsigned result readable")
	assertEqual(t, res.ResultCode, CodeInvalidSignature, "unsigned code")
	assertTrue(t, strings.Contains(err.Error(), "unverified response: result F/INVALID_SIGNATURE"), err.Error())
}

func TestHTTPServerError(t *testing.T) {
	k := loadKeys(t)
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("busy"))
	})
	resp, err := payCall(t, newTestClient(t, k, srv.URL, nil))
	assertTrue(t, resp == nil && IsUnknown(err), "503 is KindUnknown")
	assertEqual(t, errorOf(t, err).HTTPStatus, 503, "status kept")
	signed5xx := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadGateway)
		signedAnswer(t, w, r, k.antom, testClientID, bodyF)
	})
	_, err = payCall(t, newTestClient(t, k, signed5xx.URL, nil))
	assertTrue(t, IsUnknown(err), "5xx is KindUnknown even with a signed F")
}

func TestResponseTooLarge(t *testing.T) {
	k := loadKeys(t)
	big := `{"result":{"resultStatus":"S"},"x":"` + strings.Repeat("a", maxResponse) + `"}`
	_, err := payCall(t, newTestClient(t, k, antomServer(t, k, big).URL, nil))
	assertTrue(t, IsUnknown(err), "over 1 MiB is KindUnknown")
}

func TestConnectionRefused(t *testing.T) {
	k := loadKeys(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, err = payCall(t, newTestClient(t, k, "http://"+addr, nil))
	assertTrue(t, IsNotSent(err), fmt.Sprintf("refused is KindNotSent: %v", err))
	assertNoToken(t, err)
}

func TestDNSFailure(t *testing.T) {
	k := loadKeys(t)
	_, err := payCall(t, newTestClient(t, k, "http://antom.invalid", nil))
	assertTrue(t, IsNotSent(err), fmt.Sprintf("DNS failure is KindNotSent: %v", err))
}

// TestClosedAfterRead: the server reads the whole request, then drops the
// connection. Antom may have acted.
func TestClosedAfterRead(t *testing.T) {
	k := loadKeys(t)
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		io.ReadAll(r.Body)
		conn, _, err := w.(http.Hijacker).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		conn.Close()
	})
	resp, err := payCall(t, newTestClient(t, k, srv.URL, nil))
	assertTrue(t, resp == nil && IsUnknown(err), fmt.Sprintf("dropped after write is KindUnknown: %v", err))
	assertNoToken(t, err)
}

func TestDeadlineWhileWaiting(t *testing.T) {
	k := loadKeys(t)
	release := make(chan struct{})
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		io.ReadAll(r.Body)
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	c := newTestClient(t, k, srv.URL, nil)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Pay(ctx, agreementPay())
	assertTrue(t, IsUnknown(err), fmt.Sprintf("deadline after write is KindUnknown: %v", err))
	assertTrue(t, errors.Is(err, context.DeadlineExceeded), "wraps the deadline")
	assertTrue(t, time.Since(start) < 2*time.Second, "returns promptly")
}

func TestCancelledBeforeCall(t *testing.T) {
	k := loadKeys(t)
	var hit atomic.Bool
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) { hit.Store(true) })
	c := newTestClient(t, k, srv.URL, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := c.Pay(ctx, agreementPay())
	assertTrue(t, IsNotSent(err), "cancelled before is KindNotSent")
	assertTrue(t, !hit.Load(), "server never reached")
	_, err = c.Pay(context.Background(), nil)
	assertTrue(t, IsNotSent(err), "nil request is KindNotSent")
}

// TestHeaderCase: Antom's answer headers are read whatever their case.
func TestHeaderCase(t *testing.T) {
	k := loadKeys(t)
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		signedAnswer(t, rec, r, k.antom, testClientID, bodyS)
		for name, v := range rec.Header() {
			w.Header()[strings.ToUpper(name)] = v
		}
		w.Write([]byte(bodyS))
	})
	_, err := payCall(t, newTestClient(t, k, srv.URL, nil))
	assertTrue(t, err == nil, fmt.Sprint(err))
}

// TestOnCall: one observation per call, with ids and never a token.
func TestOnCall(t *testing.T) {
	k := loadKeys(t)
	var mu sync.Mutex
	var calls []Call
	observe := func(cfg *Config) {
		cfg.OnCall = func(_ context.Context, c Call) {
			mu.Lock()
			defer mu.Unlock()
			calls = append(calls, c)
		}
	}
	c := newTestClient(t, k, antomServer(t, k, bodyF).URL, observe)
	ctx := context.Background()
	c.Pay(ctx, agreementPay())
	c.Revoke(ctx, &RevokeRequest{AccessToken: vecAccessToken})
	c.ApplyToken(ctx, &ApplyTokenRequest{GrantType: GrantRefreshToken, CustomerBelongsTo: "ALIPAY_HK", RefreshToken: vecRefreshToken})
	c.InquiryPayment(ctx, &InquiryPaymentRequest{PaymentID: "P1"})
	c.Refund(ctx, &RefundRequest{RefundRequestID: "R1", PaymentID: "P1", RefundAmount: MinorAmount("HKD", 1)})
	mu.Lock()
	defer mu.Unlock()
	if len(calls) != 5 {
		t.Fatalf("want 5 calls, got %d", len(calls))
	}
	want := []struct{ api, id string }{{APIPay, "pay-req-20260817-0001"}, {APIRevoke, Fingerprint(vecAccessToken)}, {APIApplyToken, Fingerprint(vecRefreshToken)}, {APIInquiryPayment, "P1"}, {APIRefund, "R1"}}
	for i, w := range want {
		assertEqual(t, calls[i].API, w.api, "api")
		assertEqual(t, calls[i].RequestID, w.id, w.api+" request id")
		assertEqual(t, calls[i].ResultCode, CodeUserBalanceNotEnough, w.api+" code")
		assertEqual(t, calls[i].Kind, KindFailed, w.api+" kind")
		for _, tok := range []string{vecAccessToken, vecRefreshToken} {
			assertTrue(t, !strings.Contains(fmt.Sprintf("%+v", calls[i]), tok), w.api+": token in Call")
		}
	}
}

// TestOnSend: told as each call starts, before its answer; OnCall gets the
// context OnSend returned.
func TestOnSend(t *testing.T) {
	k := loadKeys(t)
	type sentKey struct{}
	var sent []string
	var answered bool
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		answered = true
		signedAnswer(t, w, r, k.antom, testClientID, bodyS)
	})
	var got any
	c := newTestClient(t, k, srv.URL, func(cfg *Config) {
		cfg.OnSend = func(ctx context.Context, api, id string) context.Context {
			assertTrue(t, !answered, "OnSend after the answer")
			sent = append(sent, api+" "+id)
			return context.WithValue(ctx, sentKey{}, api)
		}
		cfg.OnCall = func(ctx context.Context, c Call) { got = ctx.Value(sentKey{}) }
	})
	_, err := c.Pay(context.Background(), agreementPay())
	assertTrue(t, err == nil, fmt.Sprint(err))
	assertEqual(t, strings.Join(sent, ","), APIPay+" pay-req-20260817-0001", "sent")
	assertEqual(t, got, any(APIPay), "OnCall's context is OnSend's")
}

// TestAllMethodsPaths: each method posts to its own path.
func TestAllMethodsPaths(t *testing.T) {
	k := loadKeys(t)
	var mu sync.Mutex
	var paths []string
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.Path)
		mu.Unlock()
		signedAnswer(t, w, r, k.antom, testClientID, bodyS)
	})
	c := newTestClient(t, k, srv.URL, nil)
	ctx := context.Background()
	errs := []error{
		second(c.Consult(ctx, &ConsultRequest{})),
		second(c.ApplyToken(ctx, &ApplyTokenRequest{})),
		second(c.Revoke(ctx, &RevokeRequest{})),
		second(c.Pay(ctx, &PayRequest{})),
		second(c.InquiryPayment(ctx, &InquiryPaymentRequest{})),
		second(c.Capture(ctx, &CaptureRequest{})),
		second(c.Cancel(ctx, &CancelRequest{})),
		second(c.Refund(ctx, &RefundRequest{})),
		second(c.InquiryRefund(ctx, &InquiryRefundRequest{})),
	}
	for _, err := range errs {
		assertTrue(t, err == nil, fmt.Sprint(err))
	}
	want := []string{PathConsult, PathApplyToken, PathRevoke, PathPay, PathInquiryPayment, PathCapture, PathCancel, PathRefund, PathInquiryRefund}
	assertEqual(t, strings.Join(paths, " "), strings.Join(want, " "), "paths")
}

// second returns the error of a (value, error) pair.
func second[T any](_ T, err error) error { return err }

// TestOnCallState: an inquiry's Call carries the status its answer
// reports beside the call's result (S/SUCCESS for a payment that FAILed);
// calls without one, and answers not verified, carry none.
func TestOnCallState(t *testing.T) {
	k := loadKeys(t)
	bodies := map[string]string{
		"inquiryPayment": `{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"paymentStatus":"FAIL","paymentResultCode":"ORDER_IS_CLOSED"}`,
		"inquiryRefund":  `{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"refundStatus":"PROCESSING"}`,
	}
	srv := serve(t, func(w http.ResponseWriter, r *http.Request) {
		body := bodyS
		for api, b := range bodies {
			if strings.HasSuffix(r.URL.Path, "/"+api) {
				body = b
			}
		}
		signedAnswer(t, w, r, k.antom, testClientID, body)
	})
	var calls []Call
	c := newTestClient(t, k, srv.URL, func(cfg *Config) {
		cfg.OnCall = func(_ context.Context, c Call) { calls = append(calls, c) }
	})
	ctx := context.Background()
	c.InquiryPayment(ctx, &InquiryPaymentRequest{PaymentRequestID: "PR-1"})
	c.InquiryRefund(ctx, &InquiryRefundRequest{RefundRequestID: "RF-1"})
	c.Pay(ctx, agreementPay())
	assertEqual(t, len(calls), 3, "calls")
	assertEqual(t, calls[0].State, "paymentStatus FAIL (ORDER_IS_CLOSED)", "inquiryPayment state")
	assertEqual(t, calls[0].ResultStatus+"/"+calls[0].ResultCode, "S/SUCCESS", "inquiryPayment result")
	assertEqual(t, calls[1].State, "refundStatus PROCESSING", "inquiryRefund state")
	assertEqual(t, calls[2].State, "", "pay has no state")

	unsigned := serve(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(bodies["inquiryPayment"])) })
	calls = nil
	c = newTestClient(t, k, unsigned.URL, func(cfg *Config) {
		cfg.OnCall = func(_ context.Context, c Call) { calls = append(calls, c) }
	})
	c.InquiryPayment(ctx, &InquiryPaymentRequest{PaymentRequestID: "PR-1"})
	assertEqual(t, calls[0].State, "", "an unverified answer's state")
}
