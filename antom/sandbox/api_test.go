package sandbox

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
)

// TestVectorsAccepted replays the SDK-captured requests (duplicate
// Content-Type included) and checks the signed answers.
func TestVectorsAccepted(t *testing.T) {
	vectors := requestVectorList(t)
	// Freeze the clock at the vectors' response time: PKCS#1 v1.5 is
	// deterministic, so the answers must match the vectors byte for byte.
	respAt, err := time.Parse(time.RFC3339, vectors[0].Response.ResponseTime)
	must(t, err)
	s := newTest(t, options{now: func() time.Time { return respAt }})
	calls := make(chan *Call, len(vectors))
	answers := make(map[string]string) // request body → the vector's answer body
	for _, v := range vectors {
		answers[v.Body] = v.Response.Body
		s.Handle(apiName(v.Path), func(_ context.Context, c *Call) (any, error) {
			calls <- c
			return json.RawMessage(answers[string(c.Body)]), nil
		})
	}
	for _, v := range vectors {
		t.Run(v.Name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, v.Path, strings.NewReader(v.Body))
			req.Header = http.Header(v.HTTPHeaders).Clone()
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, req)

			c := recv(t, calls, "the APIFunc")
			equal(t, c.Path, v.Path, "call path")
			equal(t, c.RequestTime, v.RequestTime, "call request time")
			equal(t, c.Merchant.ClientID, v.ClientID, "call client id")
			equal(t, string(c.Body), v.Body, "call body")

			equal(t, rec.Code, http.StatusOK, "HTTP status")
			h := rec.Header()
			for _, name := range []string{"client-id", "response-time", "signature", "content-type"} {
				if len(h[name]) != 1 {
					t.Fatalf("header %q missing or not lower-case: %v", name, h)
				}
			}
			for _, name := range []string{"Client-Id", "Response-Time", "Signature"} {
				if _, ok := h[name]; ok {
					t.Fatalf("canonical header %q present", name)
				}
			}
			equal(t, h["client-id"][0], v.ClientID, "client-id")
			equal(t, rec.Body.String(), v.Response.Body, "answer body")
			verifyAnswer(t, s, h, v.Path, rec.Body.Bytes())
			equal(t, h["signature"][0], v.Response.SignatureHeader, "signature (byte for byte)")
		})
	}
}

// TestAnswerHeadersOnTheWire reads a raw HTTP answer: the header names must
// be lower-case and there must be one content type.
func TestAnswerHeadersOnTheWire(t *testing.T) {
	s := newTest(t, options{})
	s.Handle("payments/pay", func(context.Context, *Call) (any, error) { return success(), nil })
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()

	req := signedRequest(t, "http://"+srv.Listener.Addr().String(), testClientID, "/ams/api/v1/payments/pay", []byte(`{"a":1}`))
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	must(t, err)
	defer conn.Close()
	must(t, req.Write(conn))
	head := readHead(t, bufio.NewReader(conn))
	for _, want := range []string{"\r\nclient-id: " + testClientID + "\r\n", "\r\nresponse-time: ", "\r\nsignature: algorithm=RSA256,keyVersion=1,signature=", "\r\ncontent-type: application/json; charset=UTF-8\r\n"} {
		if !strings.Contains(head, want) {
			t.Fatalf("answer head lacks %q:\n%s", want, head)
		}
	}
	if strings.Count(strings.ToLower(head), "content-type:") != 1 {
		t.Fatalf("want exactly one content type:\n%s", head)
	}
}

// readHead reads an HTTP message head.
func readHead(t *testing.T, r *bufio.Reader) string {
	t.Helper()
	var b strings.Builder
	for {
		line, err := r.ReadString('\n')
		must(t, err)
		b.WriteString(line)
		if line == "\r\n" {
			return b.String()
		}
	}
}

// TestRejections checks Antom's unsigned errors, in the gateway's order.
func TestRejections(t *testing.T) {
	s := newTest(t, options{})
	called := 0
	s.Handle("payments/pay", func(context.Context, *Call) (any, error) { called++; return success(), nil })
	const path = "/ams/api/v1/payments/pay"
	body := []byte(`{"paymentRequestId":"r-1"}`)
	good := func() *http.Request { return signedRequest(t, "", testClientID, path, body) }

	cases := []struct {
		name   string
		req    func() *http.Request
		code   string
		signed bool
	}{
		{"GET", func() *http.Request { r := good(); r.Method = http.MethodGet; return r }, codeMethodNotSupported, false},
		{"text/plain", func() *http.Request { r := good(); r.Header.Set("Content-Type", "text/plain"); return r }, codeMediaType, false},
		{"no content type", func() *http.Request { r := good(); r.Header.Del("Content-Type"); return r }, codeMediaType, false},
		{"unknown client", func() *http.Request { r := good(); r.Header.Set("Client-Id", "TEST_NOBODY"); return r }, codeUnknownClient, false},
		{"no client id", func() *http.Request { r := good(); r.Header.Del("Client-Id"); return r }, codeUnknownClient, false},
		{"no request time", func() *http.Request { r := good(); r.Header.Del("Request-Time"); return r }, codeParamIllegal, false},
		{"no signature", func() *http.Request { r := good(); r.Header.Del("Signature"); return r }, codeInvalidSignature, false},
		{"tampered body", func() *http.Request {
			r := good()
			flipped := []byte(string(body))
			flipped[5] ^= 0x01
			r.Body = io.NopCloser(strings.NewReader(string(flipped)))
			return r
		}, codeInvalidSignature, false},
		{"other request time", func() *http.Request { r := good(); r.Header.Set("Request-Time", "1"); return r }, codeInvalidSignature, false},
		{"production path signed, sandbox path called", func() *http.Request {
			r := good()
			r.URL.Path = "/ams/sandbox/api/v1/payments/pay"
			return r
		}, codeInvalidSignature, false},
		{"unknown api", func() *http.Request { return signedRequest(t, "", testClientID, "/ams/api/v1/payments/nothing", body) }, codeNoInterface, false},
		{"sandbox client id on the production path", func() *http.Request { return signedRequest(t, "", sandboxClient, path, body) }, codeNoInterface, false},
		{"another API version", func() *http.Request { return signedRequest(t, "", testClientID, "/ams/api/v2/payments/pay", body) }, codeNoInterface, false},
		{"outside /ams/", func() *http.Request { return signedRequest(t, "", testClientID, "/payments/pay", body) }, codeNoInterface, false},
		{"the root", func() *http.Request { return signedRequest(t, "", testClientID, "/", body) }, codeNoInterface, false},
		{"body over 1 MiB", func() *http.Request {
			big := []byte(`{"pad":"` + strings.Repeat("x", maxBody) + `"}`)
			return signedRequest(t, "", testClientID, path, big)
		}, codeParamIllegal, false},
		{"body not JSON", func() *http.Request { return signedRequest(t, "", testClientID, path, []byte("paymentRequestId=r-1")) }, codeParamIllegal, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			s.Handler().ServeHTTP(rec, tc.req())
			equal(t, rec.Code, http.StatusOK, "HTTP status")
			res := resultOf(t, rec.Body.Bytes())
			equal(t, res.ResultCode, tc.code, "result code")
			equal(t, res.ResultStatus, antom.StatusFail, "result status")
			_, hasSig := rec.Header()["signature"]
			equal(t, hasSig, tc.signed, "signed")
			if tc.signed {
				verifyAnswer(t, s, rec.Header(), path, rec.Body.Bytes())
			}
		})
	}
	equal(t, called, 0, "APIFunc calls")

	// What is not a POST outside the API stays a plain 404 (browsers
	// asking for /favicon.ico).
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/favicon.ico", nil))
	equal(t, rec.Code, http.StatusNotFound, "GET outside the API")
}

// TestRequestTimeIsOpaque accepts ISO-8601 request times (Python, PHP).
func TestRequestTimeIsOpaque(t *testing.T) {
	s := newTest(t, options{})
	s.Handle("payments/inquiryPayment", func(_ context.Context, c *Call) (any, error) { return success(), nil })
	const path = "/ams/sandbox/api/v1/payments/inquiryPayment"
	body := []byte(`{"paymentId":"p-1"}`)
	req := signedRequest(t, "", sandboxClient, path, body)
	reqTime := "2026-08-17T02:58:58+00:00"
	sig, err := antom.Sign(merchantKey(t), antom.Message{Method: "POST", Path: path, ClientID: sandboxClient, Time: reqTime, Body: body})
	must(t, err)
	req.Header.Set("Request-Time", reqTime)
	req.Header.Set("Signature", sig)
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, req)
	equal(t, resultOf(t, rec.Body.Bytes()).ResultCode, "SUCCESS", "result code")
	verifyAnswer(t, s, rec.Header(), path, rec.Body.Bytes())
}

// TestAPIFuncFailures turns errors and result-less answers into a signed
// U UNKNOWN_EXCEPTION.
func TestAPIFuncFailures(t *testing.T) {
	s := newTest(t, options{})
	s.Handle("payments/cancel", func(context.Context, *Call) (any, error) { return nil, io.ErrUnexpectedEOF })
	s.Handle("payments/refund", func(context.Context, *Call) (any, error) { return map[string]string{"x": "y"}, nil })
	for _, api := range []string{"payments/cancel", "payments/refund"} {
		path := "/ams/api/v1/" + api
		rec := httptest.NewRecorder()
		s.Handler().ServeHTTP(rec, signedRequest(t, "", testClientID, path, []byte(`{}`)))
		res := resultOf(t, rec.Body.Bytes())
		equal(t, res.ResultCode, codeUnknownException, api+" result code")
		equal(t, res.ResultStatus, antom.StatusUnknown, api+" result status")
		verifyAnswer(t, s, rec.Header(), path, rec.Body.Bytes())
	}
}
