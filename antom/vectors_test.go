package antom

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestVectorContent rebuilds contentToSign of every vector from its fields.
func TestVectorContent(t *testing.T) {
	for _, name := range vectorNames() {
		v := loadVector(t, name)
		m := Message{Method: v.Method, Path: v.Path, ClientID: v.ClientID, Time: v.RequestTime, Body: []byte(v.Body)}
		assertEqual(t, string(m.Content()), v.ContentToSign, name+" content")
		if v.Response != nil {
			rm := Message{Method: "POST", Path: v.Path, ClientID: v.Response.ClientID, Time: v.Response.ResponseTime, Body: []byte(v.Response.Body)}
			assertEqual(t, string(rm.Content()), v.Response.ContentToSign, name+" response content")
		}
	}
}

// TestVectorSign signs every vector with each form of its key (PKCS#8 PEM,
// bare base64, PKCS#1 PEM) and gets the SDK's header byte for byte.
func TestVectorSign(t *testing.T) {
	for _, name := range vectorNames() {
		v := loadVector(t, name)
		m := Message{Method: v.Method, Path: v.Path, ClientID: v.ClientID, Time: v.RequestTime, Body: []byte(v.Body)}
		for _, file := range keyForms(v.SignedWith) {
			got, err := Sign(privateKey(t, file), m)
			if err != nil {
				t.Fatal(err)
			}
			assertEqual(t, got, v.SignatureHeader, name+" signed with "+file)
		}
		assertEqual(t, v.SignatureHeader, signaturePrefix+v.Signature, name+" header shape")
		raw, err := DecodeSignature(v.SignatureHeader)
		assertTrue(t, err == nil, name+" decode")
		assertEqual(t, base64.StdEncoding.EncodeToString(raw), v.SignatureBase64, name+" decoded signature")
	}
}

// keyForms maps "keys/x_private_pkcs8.pem" to its three stored forms.
func keyForms(pemFile string) []string {
	stem := strings.TrimSuffix(pemFile, "_pkcs8.pem")
	return []string{pemFile, stem + "_pkcs8.b64", stem + "_pkcs1.pem"}
}

// TestVectorVerify verifies every vector (and response) and refuses each
// with one body byte flipped.
func TestVectorVerify(t *testing.T) {
	for _, name := range vectorNames() {
		v := loadVector(t, name)
		for _, file := range []string{v.VerifyWith, strings.TrimSuffix(v.VerifyWith, ".pem") + ".b64"} {
			pub := publicKey(t, file)
			m := Message{Method: v.Method, Path: v.Path, ClientID: v.ClientID, Time: v.RequestTime, Body: []byte(v.Body)}
			assertTrue(t, Verify(pub, m, v.SignatureHeader) == nil, name+" verifies with "+file)
			m.Body = flipByte(m.Body, len(m.Body)/2)
			assertTrue(t, errors.Is(Verify(pub, m, v.SignatureHeader), ErrBadSignature), name+" flipped byte refused")
		}
		if r := v.Response; r != nil {
			pub := publicKey(t, r.VerifyWith)
			m := Message{Method: "POST", Path: v.Path, ClientID: r.ClientID, Time: r.ResponseTime, Body: []byte(r.Body)}
			assertTrue(t, Verify(pub, m, r.SignatureHeader) == nil, name+" response verifies")
			m.Body = flipByte(m.Body, 3)
			assertTrue(t, Verify(pub, m, r.SignatureHeader) != nil, name+" flipped response refused")
		}
	}
}

// flipByte returns a copy of b with one bit of b[i] changed.
func flipByte(b []byte, i int) []byte {
	c := append([]byte(nil), b...)
	c[i] ^= 0x01
	return c
}

const (
	vecAccessToken  = "28288803001291161724296551000BgIrDiWzU0171000529"
	vecRefreshToken = "28288803001291161724296551000BgIrDiWzU0171000530"
	vecNotifyURL    = "https://merchant.example.com/antom/notify/payment"
)

// vectorRequest builds, with our types, the request each vector holds.
func vectorRequest(name string) request {
	web := Env{TerminalType: TerminalWeb, ClientIP: "203.0.113.10"}
	switch name {
	case "consult":
		return &ConsultRequest{
			AuthNotifyURL:     "https://merchant.example.com/antom/notify/authorization",
			CustomerBelongsTo: "ALIPAY_HK",
			AuthRedirectURL:   "https://merchant.example.com/antom/auth/return",
			Scopes:            []string{ScopeAgreementPay},
			AuthState:         "auth-state-7f3c9a2e-4b1d-4e8a-9c55-0d2f1a6b3e01",
			TerminalType:      TerminalWeb,
			Env:               web,
		}
	case "applyToken":
		return &ApplyTokenRequest{GrantType: GrantAuthorizationCode, CustomerBelongsTo: "ALIPAY_HK", AuthCode: "281001139639787089651362"}
	case "applyToken_refresh":
		return &ApplyTokenRequest{GrantType: GrantRefreshToken, CustomerBelongsTo: "ALIPAY_HK", RefreshToken: vecRefreshToken}
	case "pay_agreement", "pay_agreement_sandbox":
		return agreementPay()
	case "pay_cashier_card":
		return &PayRequest{
			ProductCode:      ProductCashierPayment,
			PaymentRequestID: "pay-req-20260817-0002",
			Order: Order{
				ReferenceOrderID: "order-20260817-0002",
				OrderDescription: "Annual subscription",
				OrderAmount:      MinorAmount("USD", 2000),
				Buyer:            Buyer{ReferenceBuyerID: "buyer-42"},
			},
			PaymentAmount:      MinorAmount("USD", 2000),
			PaymentMethod:      PaymentMethod{PaymentMethodType: "CARD"},
			PaymentRedirectURL: "https://merchant.example.com/checkout/return?order=order-20260817-0002&lang=en",
			PaymentNotifyURL:   vecNotifyURL,
			PaymentFactor:      PaymentFactor{CaptureMode: CaptureManual, IsAuthorization: true},
			SettlementStrategy: SettlementStrategy{SettlementCurrency: "USD"},
			Env:                web,
		}
	}
	panic("no request for vector " + name)
}

// agreementPay is the tokenized pay of the pay_agreement vectors.
func agreementPay() *PayRequest {
	web := Env{TerminalType: TerminalWeb, ClientIP: "203.0.113.10"}
	return &PayRequest{
		ProductCode:      ProductAgreementPayment,
		PaymentRequestID: "pay-req-20260817-0001",
		Order: Order{
			ReferenceOrderID: "order-20260817-0001",
			OrderDescription: "Game credits x100",
			OrderAmount:      MinorAmount("HKD", 1000),
			Env:              web,
		},
		PaymentAmount:      MinorAmount("HKD", 1000),
		PaymentMethod:      PaymentMethod{PaymentMethodType: "ALIPAY_HK", PaymentMethodID: vecAccessToken},
		PaymentExpiryTime:  "2026-08-17T12:00:50+08:00",
		PaymentNotifyURL:   vecNotifyURL,
		SettlementStrategy: SettlementStrategy{SettlementCurrency: "USD"},
		Env:                web,
	}
}

// TestVectorBodies marshals our request types into the SDK's exact bytes.
func TestVectorBodies(t *testing.T) {
	for _, name := range requestVectors() {
		v := loadVector(t, name)
		got, err := json.Marshal(vectorRequest(name))
		if err != nil {
			t.Fatal(err)
		}
		assertEqual(t, string(got), v.Body, name+" body")
	}
}

// callVector sends req through the matching Client method.
func callVector(ctx context.Context, c *Client, req request) (any, error) {
	switch r := req.(type) {
	case *ConsultRequest:
		return c.Consult(ctx, r)
	case *ApplyTokenRequest:
		return c.ApplyToken(ctx, r)
	case *PayRequest:
		return c.Pay(ctx, r)
	}
	panic("unexpected request type")
}

// vectorServer checks the request against v byte for byte and answers
// v's recorded, Antom-signed response.
func vectorServer(t *testing.T, v vector) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		assertEqual(t, r.Method, "POST", v.Name+" method")
		assertEqual(t, r.URL.Path, v.Path, v.Name+" path")
		assertEqual(t, r.Header.Get("Client-Id"), v.ClientID, v.Name+" Client-Id")
		assertEqual(t, r.Header.Get("Request-Time"), v.RequestTime, v.Name+" Request-Time")
		assertEqual(t, r.Header.Get("Signature"), v.SignatureHeader, v.Name+" Signature")
		assertEqual(t, r.Header.Get("Content-Type"), "application/json; charset=UTF-8", v.Name+" Content-Type")
		assertEqual(t, string(body), v.Body, v.Name+" body")
		h := w.Header()
		h["client-id"] = []string{v.Response.ClientID}
		h["response-time"] = []string{v.Response.ResponseTime}
		h["signature"] = []string{v.Response.SignatureHeader}
		w.Write([]byte(v.Response.Body))
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestVectorClientCalls runs each request vector through a real Client
// against a server that checks every byte and answers the recorded
// response.
func TestVectorClientCalls(t *testing.T) {
	k := loadKeys(t)
	for _, name := range requestVectors() {
		v := loadVector(t, name)
		ms, err := strconv.ParseInt(v.RequestTime, 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		srv := vectorServer(t, v)
		c := newTestClient(t, k, srv.URL, func(cfg *Config) {
			cfg.ClientID = v.ClientID
			cfg.Now = func() time.Time { return time.UnixMilli(ms) }
		})
		resp, err := callVector(context.Background(), c, vectorRequest(name))
		checkVectorAnswer(t, name, resp, err)
	}
}

// checkVectorAnswer checks what the client made of each recorded response.
func checkVectorAnswer(t *testing.T, name string, resp any, err error) {
	t.Helper()
	if name == "pay_cashier_card" {
		assertTrue(t, IsUnknown(err), name+" U is KindUnknown")
		p := resp.(*PayResponse)
		assertEqual(t, p.Result.ResultCode, CodePaymentInProcess, name+" code")
		assertEqual(t, p.RedirectURL(), "https://open-sea-global.alipay.com/ams/checkout/card?paymentId=202608171940108001001880C0200005678", name+" normalUrl")
		assertEqual(t, p.RedirectActionForm.Method, "GET", name+" redirect form")
		return
	}
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	switch r := resp.(type) {
	case *ConsultResponse:
		assertEqual(t, r.AuthCodeForm.QRText(), "https://render.alipay.com/p/w/ac-fe-adaptor/?code=281001139639787089651362", name+" QR")
	case *ApplyTokenResponse:
		assertEqual(t, string(r.AccessToken), vecAccessToken, name+" access token")
		assertEqual(t, string(r.RefreshToken), vecRefreshToken, name+" refresh token")
		assertEqual(t, r.UserLoginID, "852-97****10", name+" login id")
	case *PayResponse:
		assertEqual(t, r.PaymentID, "202608171940108001001880C0200001234", name+" paymentId")
		assertEqual(t, r.PaymentTime, "2026-08-17T12:00:02+08:00", name+" paymentTime")
	}
}

// TestVectorNotifications checks the notification vectors through
// NotifyVerifier, and each way one can be wrong.
func TestVectorNotifications(t *testing.T) {
	pub := publicKey(t, "keys/antom_public_x509.pem")
	for _, name := range []string{"notifyPayment", "notifyPayment_card", "notifyAuthorization", "notifyAuthorization_tokenCanceled"} {
		v := loadVector(t, name)
		sent, err := ParseRequestTime(v.RequestTime)
		if err != nil {
			t.Fatal(err)
		}
		h := http.Header{"client-id": {v.ClientID}, "request-time": {v.RequestTime}, "signature": {v.SignatureHeader}}
		verifier := func(mod func(*NotifyVerifier)) *NotifyVerifier {
			nv := &NotifyVerifier{PublicKey: pub, ClientID: v.ClientID, Path: v.Path, Now: func() time.Time { return sent.Add(time.Minute) }}
			if mod != nil {
				mod(nv)
			}
			return nv
		}
		body := []byte(v.Body)
		assertTrue(t, verifier(nil).Verify(h, body) == nil, name+" verifies")
		assertTrue(t, errors.Is(verifier(func(nv *NotifyVerifier) { nv.Path = "/antom/notify/other" }).Verify(h, body), ErrBadSignature), name+" wrong path")
		assertTrue(t, errors.Is(verifier(func(nv *NotifyVerifier) { nv.ClientID = "TEST_OTHER" }).Verify(h, body), ErrClientID), name+" wrong client id")
		assertTrue(t, errors.Is(verifier(func(nv *NotifyVerifier) { nv.Now = func() time.Time { return sent.Add(26 * time.Hour) } }).Verify(h, body), ErrRequestTime), name+" stale")
		assertTrue(t, errors.Is(verifier(func(nv *NotifyVerifier) { nv.Now = func() time.Time { return sent.Add(-10 * time.Minute) } }).Verify(h, body), ErrRequestTime), name+" future")
		assertTrue(t, errors.Is(verifier(nil).Verify(h, flipByte(body, 10)), ErrBadSignature), name+" flipped byte")
		assertEqual(t, v.ExpectedAckBody, AckBody, name+" ack body")
	}
}

// TestVectorNotificationBodies decodes the notification vectors.
func TestVectorNotificationBodies(t *testing.T) {
	var card NotifyPayment
	if err := json.Unmarshal([]byte(loadVector(t, "notifyPayment_card").Body), &card); err != nil {
		t.Fatal(err)
	}
	assertEqual(t, card.NotifyType, NotifyPaymentResult, "card notifyType")
	assertEqual(t, string(card.CardToken()), "ALIPAYfh3v8Tb5Y0xkqG0ZJt4Rt9NEVd2uQH0cNgn3zA8HcCwLZsbgU1sVOb1w8mGBu8nNwdaJQ==", "card token")
	assertEqual(t, card.AuthExpiryTime, "2026-08-24T12:06:09+08:00", "authExpiryTime")
	assertEqual(t, card.PaymentResultInfo.LastFour, "1111", "lastFour")

	var auth NotifyAuthorization
	if err := json.Unmarshal([]byte(loadVector(t, "notifyAuthorization").Body), &auth); err != nil {
		t.Fatal(err)
	}
	assertEqual(t, auth.AuthorizationNotifyType, NotifyAuthCodeCreated, "auth type")
	assertEqual(t, string(auth.AuthCode), "281001139639787089651362", "auth code")
	assertEqual(t, auth.AuthState, "auth-state-7f3c9a2e-4b1d-4e8a-9c55-0d2f1a6b3e01", "auth state")

	kind, err := PeekKind([]byte(loadVector(t, "notifyAuthorization_tokenCanceled").Body))
	assertTrue(t, err == nil, "peek")
	assertEqual(t, kind.AuthorizationNotifyType, NotifyTokenCanceled, "peek kind")
}
