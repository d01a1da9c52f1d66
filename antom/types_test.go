package antom

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// jsonDecode unmarshals s into v.
func jsonDecode(s string, v any) error { return json.Unmarshal([]byte(s), v) }

func TestBool(t *testing.T) {
	for in, want := range map[string]bool{`true`: true, `"true"`: true, `"TRUE"`: true, `false`: false, `"false"`: false, `""`: false, `null`: false} {
		var b Bool
		assertTrue(t, jsonDecode(in, &b) == nil, in)
		assertEqual(t, bool(b), want, in)
	}
	for _, in := range []string{`1`, `"yes"`, `"secret-ish"`} {
		var b Bool
		err := jsonDecode(in, &b)
		assertTrue(t, err != nil && !strings.Contains(err.Error(), "secret"), "refuses "+in)
	}
	out, _ := json.Marshal(PaymentFactor{IsAuthorization: true})
	assertEqual(t, string(out), `{"isAuthorization":true}`, "marshals a JSON boolean")
}

func TestSecret(t *testing.T) {
	s := Secret("tok-123")
	r := PayRequest{PaymentMethod: PaymentMethod{PaymentMethodType: "CARD", PaymentMethodID: s}}
	for _, f := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		assertTrue(t, !strings.Contains(fmt.Sprintf(f, s), "tok-123"), f+" of Secret")
		assertTrue(t, !strings.Contains(fmt.Sprintf(f, r), "tok-123"), f+" of a request")
		assertTrue(t, !strings.Contains(fmt.Sprintf(f, &r), "tok-123"), f+" of a request pointer")
	}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "token", s, "req", r)
	assertTrue(t, !strings.Contains(buf.String(), "tok-123"), "slog: "+buf.String())
	out, _ := json.Marshal(r.PaymentMethod)
	assertEqual(t, string(out), `{"paymentMethodType":"CARD","paymentMethodId":"tok-123"}`, "JSON keeps the value")
	assertEqual(t, string(s), "tok-123", "string() reveals")
}

func TestAmount(t *testing.T) {
	a := MinorAmount("USD", 2000)
	assertEqual(t, a.Value, "2000", "value")
	n, err := a.Minor()
	assertTrue(t, err == nil && n == 2000, "minor")
	for _, bad := range []string{"", "-1", "1.00", "1e3", strings.Repeat("9", 19)} {
		_, err := Amount{Currency: "USD", Value: bad}.Minor()
		assertTrue(t, err != nil, "refuses "+bad)
	}
}

func TestErrorStrings(t *testing.T) {
	cases := map[string]*Error{
		"antom: pay: failed: result F/USER_BALANCE_NOT_ENOUGH":                               {API: "pay", Kind: KindFailed, Result: Result{ResultStatus: "F", ResultCode: "USER_BALANCE_NOT_ENOUGH", ResultMessage: "tok-123"}},
		"antom: pay: outcome unknown: HTTP 503: server error":                                {API: "pay", Kind: KindUnknown, HTTPStatus: 503, Err: fmt.Errorf("server error")},
		"antom: refund: outcome unknown: unverified response: result F/INVALID_SIGNATURE: x": {API: "refund", Kind: KindUnknown, Unverified: true, Result: Result{ResultStatus: "F", ResultCode: "INVALID_SIGNATURE"}, HTTPStatus: 200, Err: fmt.Errorf("x")},
		"antom: pay: outcome unknown: unverified response: result S/?":                       {API: "pay", Kind: KindUnknown, Unverified: true, Result: Result{ResultStatus: "S", ResultCode: "tok-123 injected\nline"}},
		"antom: cancel: not sent: dial":                                                      {API: "cancel", Kind: KindNotSent, Err: fmt.Errorf("dial")},
	}
	for want, e := range cases {
		assertEqual(t, e.Error(), want, "message")
	}
	_, ok := ResultOf(fmt.Errorf("plain"))
	assertTrue(t, !ok && !IsFailed(nil) && !IsUnknown(nil) && !IsNotSent(nil), "non-*Error")
	wrapped := fmt.Errorf("checkout: %w", &Error{API: "pay", Kind: KindFailed})
	assertTrue(t, IsFailed(wrapped), "wrapped *Error")
}
