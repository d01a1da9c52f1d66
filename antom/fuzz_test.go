package antom

import (
	"bytes"
	"crypto/rsa"
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// signedMessage is one message a vector's key really signed.
type signedMessage struct {
	path, clientID, time, body string
}

// vectorSignatures returns every signature in the vectors (requests,
// answers, notifications), each with the message it signs and the public
// key that verifies it.
func vectorSignatures(tb testing.TB) (headers []string, messages []Message, keys []*rsa.PublicKey) {
	k := loadKeys(tb)
	keyOf := map[string]*rsa.PublicKey{"merchant": k.merchantPub, "antom": k.antomPub}
	for _, name := range vectorNames() {
		v := loadVector(tb, name)
		signer := keyOf[strings.SplitN(strings.TrimPrefix(v.VerifyWith, "keys/"), "_", 2)[0]]
		headers = append(headers, v.SignatureHeader)
		messages = append(messages, Message{Method: "POST", Path: v.Path, ClientID: v.ClientID, Time: v.RequestTime, Body: []byte(v.Body)})
		keys = append(keys, signer)
		if r := v.Response; r != nil {
			headers = append(headers, r.SignatureHeader)
			messages = append(messages, Message{Method: "POST", Path: v.Path, ClientID: r.ClientID, Time: r.ResponseTime, Body: []byte(r.Body)})
			keys = append(keys, k.antomPub)
		}
	}
	for i := range headers {
		if err := Verify(keys[i], messages[i], headers[i]); err != nil {
			tb.Fatalf("vector signature %d (%s) does not verify: %v", i, messages[i].Path, err)
		}
	}
	return headers, messages, keys
}

// FuzzSignatureHeader feeds the Signature header parser every vector's
// header and what the fuzzer makes of them. No panic; what decodes
// re-encodes to the same bytes; and a header that verifies against a
// vector's message carries exactly that message's signature (PKCS#1 v1.5
// has one valid signature per message and key).
func FuzzSignatureHeader(f *testing.F) {
	headers, messages, keys := vectorSignatures(f)
	for i, h := range headers {
		f.Add(h, i)
		f.Add(strings.ReplaceAll(h, ",", ", "), i) // the docs' spelling
	}
	f.Fuzz(func(t *testing.T, header string, which int) {
		sig, err := DecodeSignature(header)
		if err != nil {
			return
		}
		again, err := DecodeSignature(signaturePrefix + url.QueryEscape(base64.StdEncoding.EncodeToString(sig)))
		if err != nil || !bytes.Equal(again, sig) {
			t.Fatalf("decoded %x does not re-encode: %x %v", sig, again, err)
		}
		i := uint(which) % uint(len(messages))
		if Verify(keys[i], messages[i], header) != nil {
			return
		}
		want, err := DecodeSignature(headers[i])
		if err != nil || !bytes.Equal(sig, want) {
			t.Fatalf("header %q verifies %s with another signature", header, messages[i].Path)
		}
	})
}

// FuzzVerifyNotification feeds the notification verifier the vectors'
// signed notifications and what the fuzzer makes of them (any path,
// client id, time, signature, body). Only a message Antom's key really
// signed passes: a changed byte anywhere is refused.
func FuzzVerifyNotification(f *testing.F) {
	pub := loadKeys(f).antomPub
	var genuine []signedMessage
	for _, name := range []string{"notifyPayment", "notifyPayment_card", "notifyAuthorization", "notifyAuthorization_tokenCanceled"} {
		v := loadVector(f, name)
		genuine = append(genuine, signedMessage{v.Path, v.ClientID, v.RequestTime, v.Body})
		f.Add(v.Path, v.ClientID, v.RequestTime, v.SignatureHeader, []byte(v.Body))
	}
	at, err := ParseRequestTime(genuine[0].time)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, path, clientID, requestTime, signature string, body []byte) {
		v := &NotifyVerifier{PublicKey: pub, ClientID: clientID, Path: path,
			MaxAge: 100 * 365 * 24 * time.Hour, MaxSkew: 100 * 365 * 24 * time.Hour, Now: func() time.Time { return at }}
		h := http.Header{"client-id": {clientID}, "request-time": {requestTime}, "signature": {signature}}
		if v.Verify(h, body) != nil {
			return
		}
		for _, g := range genuine {
			if g == (signedMessage{path, clientID, requestTime, string(body)}) {
				return
			}
		}
		t.Fatalf("verified a notification Antom never signed: %s %s %s %q", path, clientID, requestTime, body)
	})
}

// FuzzAmountMinor feeds Antom amount values (the vectors' and what the
// fuzzer makes of them) to Amount.Minor. What it accepts is a
// non-negative count of minor units that writes back as the same digits.
func FuzzAmountMinor(f *testing.F) {
	for _, name := range []string{"pay_agreement", "pay_cashier_card", "notifyPayment", "notifyPayment_card"} {
		for _, field := range []string{`"value":"`} {
			body := loadVector(f, name).Body
			if i := strings.Index(body, field); i >= 0 {
				rest := body[i+len(field):]
				f.Add(rest[:strings.IndexByte(rest, '"')])
			}
		}
	}
	for _, s := range []string{"0", "007", "-1", "+1", "1.5", " 1", "١٢", "999999999999999999", "9223372036854775808", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, value string) {
		minor, err := Amount{Currency: "USD", Value: value}.Minor()
		if err != nil {
			return
		}
		if minor < 0 {
			t.Fatalf("%q read as %d", value, minor)
		}
		if canon := strings.TrimLeft(value, "0"); strconv.FormatInt(minor, 10) != canon && !(canon == "" && minor == 0) {
			t.Fatalf("%q read as %d", value, minor)
		}
		if back, err := MinorAmount("USD", minor).Minor(); err != nil || back != minor {
			t.Fatalf("%d does not round-trip: %d %v", minor, back, err)
		}
	})
}
