package antom

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestParseRequestTime(t *testing.T) {
	want := time.Date(2026, 8, 17, 3, 59, 40, 0, time.UTC)
	for _, s := range []string{"2026-08-17T11:59:40+08:00", "2026-08-17T11:59:40+0800", "2026-08-17T03:59:40Z", "2026-08-17T03:59:40.000+00:00", "1786939180000"} {
		got, err := ParseRequestTime(s)
		assertTrue(t, err == nil, s+" parses")
		assertTrue(t, got.Equal(want), s+" is "+got.String())
	}
	for _, s := range []string{"", "2026-08-17 11:59:40", "2026-08-17T11:59:40", "yesterday", "1786939180000000000", "-5"} {
		_, err := ParseRequestTime(s)
		assertTrue(t, errors.Is(err, ErrRequestTime), "refuses "+s)
	}
}

// TestNotifyVerifierHeaders: header names in any case; the doc's spaced
// signature form; missing headers and key.
func TestNotifyVerifierHeaders(t *testing.T) {
	v := loadVector(t, "notifyPayment")
	sent, _ := ParseRequestTime(v.RequestTime)
	nv := &NotifyVerifier{PublicKey: publicKey(t, v.VerifyWith), ClientID: v.ClientID, Path: v.Path, Now: func() time.Time { return sent }}
	body := []byte(v.Body)
	spaced := strings.Replace(v.SignatureHeader, ",", ", ", 2)
	for _, h := range []http.Header{
		{"Client-Id": {v.ClientID}, "Request-Time": {v.RequestTime}, "Signature": {v.SignatureHeader}},
		{"CLIENT-ID": {v.ClientID}, "REQUEST-TIME": {v.RequestTime}, "SIGNATURE": {spaced}},
	} {
		assertTrue(t, nv.Verify(h, body) == nil, "verifies")
	}
	full := http.Header{"client-id": {v.ClientID}, "request-time": {v.RequestTime}, "signature": {v.SignatureHeader}}
	for _, name := range []string{"client-id", "request-time", "signature"} {
		h := full.Clone()
		delete(h, name)
		assertTrue(t, nv.Verify(h, body) != nil, "missing "+name+" refused")
	}
	assertTrue(t, (&NotifyVerifier{ClientID: v.ClientID, Path: v.Path}).Verify(full, body) != nil, "no key refused")
	strict := *nv
	strict.MaxAge = time.Second
	strict.Now = func() time.Time { return sent.Add(2 * time.Second) }
	assertTrue(t, errors.Is(strict.Verify(full, body), ErrRequestTime), "MaxAge honoured")
}

func TestWriteAck(t *testing.T) {
	rec := httptest.NewRecorder()
	now := time.Date(2026, 8, 17, 12, 0, 3, 0, time.FixedZone("", 8*3600))
	WriteAck(rec, testClientID, now)
	assertEqual(t, rec.Code, 200, "status")
	assertEqual(t, rec.Body.String(), AckBody, "body")
	assertEqual(t, rec.Body.String(), loadVector(t, "notifyPayment").ExpectedAckBody, "vector ack")
	h := rec.Header()
	assertEqual(t, strings.Join(h["response-time"], ""), "2026-08-17T12:00:03+08:00", "lower-case response-time")
	assertEqual(t, strings.Join(h["client-id"], ""), testClientID, "lower-case client-id")
	assertEqual(t, h.Get("Content-Type"), "application/json", "content type")
	utc := httptest.NewRecorder()
	WriteAck(utc, testClientID, now.UTC())
	assertEqual(t, strings.Join(utc.Header()["response-time"], ""), "2026-08-17T04:00:03+00:00", "numeric offset for UTC")
}

func TestPeekKind(t *testing.T) {
	k, err := PeekKind([]byte(`{"notifyType":"REFUND_RESULT","result":{}}`))
	assertTrue(t, err == nil, "peek")
	assertEqual(t, k.NotifyType, NotifyRefundResult, "refund")
	for _, bad := range []string{``, `[]`, `{"result":{}}`, `not json`} {
		_, err := PeekKind([]byte(bad))
		assertTrue(t, err != nil, "refuses "+bad)
	}
}

// TestNotificationStringBooleans: answers may write booleans as strings.
func TestNotificationStringBooleans(t *testing.T) {
	for _, body := range []string{
		`{"notifyType":"PAYMENT_RESULT","cardInfo":{"cardToken":"T1","threeDSResult":{"challenged":"true"}}}`,
		`{"notifyType":"PAYMENT_RESULT","cardInfo":{"cardToken":"T1","threeDSResult":{"challenged":true}}}`,
	} {
		var n NotifyPayment
		assertTrue(t, jsonDecode(body, &n) == nil, body)
		assertTrue(t, bool(n.CardInfo.ThreeDSResult.Challenged), "challenged")
		assertEqual(t, string(n.CardToken()), "T1", "cardInfo token first")
	}
}

// A request-time further from now than a time.Duration reaches (about
// 292 years) is refused as any time out of range is: a signed
// notification dated in the year 33658 is not fresh.
func TestNotifyVerifierRefusesTimesBeyondADuration(t *testing.T) {
	now := time.Date(2026, 8, 17, 3, 59, 40, 0, time.UTC)
	v := &NotifyVerifier{Now: func() time.Time { return now }}
	farAhead, err := ParseRequestTime("999999999999999") // epoch ms: the year 33658
	assertTrue(t, err == nil, "epoch ms parses")
	for _, at := range []time.Time{farAhead, time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), now.AddDate(300, 0, 0), now.AddDate(-300, 0, 0), time.Time{}} {
		assertTrue(t, errors.Is(v.checkAge(at), ErrRequestTime), "refuses "+at.String())
	}
	for _, at := range []time.Time{now, now.Add(4 * time.Minute), now.Add(-24 * time.Hour)} {
		assertTrue(t, v.checkAge(at) == nil, "accepts "+at.String())
	}
}
