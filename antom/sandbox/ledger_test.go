package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"antom-checkout/antom"
)

// getJSON fetches a control endpoint and decodes its answer.
func getJSON(t *testing.T, url string, want int, v any) {
	t.Helper()
	resp, err := http.Get(url)
	must(t, err)
	defer resp.Body.Close()
	equal(t, resp.StatusCode, want, "GET "+url)
	must(t, json.NewDecoder(resp.Body).Decode(v))
}

// TestLedger reads back, through /sandbox/control/ledger.json, a wallet
// payment with a refund, a refused one, a captured card authorization and
// the link behind the wallet payment, with the calls made per request id.
func TestLedger(t *testing.T) {
	l := newLinkSetup(t)
	paid := l.walletPaid(t, "led-1", 1000)
	l.pay(t, payReq("led-1", "GCASH", "unused", "USD", 1000)) // a repeat: REPEAT_REQ_INCONSISTENT (other token), counted
	wantResult(t, l.refund(t, refundReq("led-ref", paid, 300)).Result, antom.StatusSuccess, antom.CodeSuccess, "refund")
	refunded(t, l.m)
	card, _ := l.paidByCard(t, "led-card", 2500, antom.CaptureManual, "4242424242424242")
	wantResult(t, l.capture(t, "led-cap", card, "USD", 2000).Result, antom.StatusSuccess, antom.CodeSuccess, "capture")

	var got Ledger
	getJSON(t, l.url+"/sandbox/control/ledger.json", http.StatusOK, &got)
	equal(t, got.ClientID, testClientID, "clientId (the only merchant)")
	equal(t, len(got.Payments), 2, "payments")
	w, c := got.Payments[0], got.Payments[1]
	equal(t, w.PaymentRequestID+" "+w.PaymentID+" "+w.ReferenceOrderID, "led-1 "+paid+" order-led-1", "wallet payment ids")
	equal(t, w.Status+" "+w.ProductCode+" "+w.PaymentMethodType, "SUCCESS AGREEMENT_PAYMENT GCASH", "wallet payment")
	equal(t, [3]int64{w.Amount, w.Debited, w.Refunded}, [3]int64{1000, 700, 300}, "wallet amount, debited (less the refund), refunded")
	equal(t, w.CaptureMode, "", "no capture mode on a wallet payment")
	equal(t, c.PaymentID+" "+c.ReferenceOrderID+" "+c.Status+" "+c.CaptureMode, card+" order-led-card SUCCESS MANUAL", "card payment")
	equal(t, [3]int64{c.Amount, c.Authorized, c.Captured}, [3]int64{2500, 2500, 2000}, "card amount, authorized, captured")
	equal(t, c.Voided, false, "voided")

	equal(t, len(got.Refunds), 1, "refunds")
	r := got.Refunds[0]
	equal(t, r.RefundRequestID+" "+r.PaymentID+" "+r.Status+" "+r.Currency, "led-ref "+paid+" SUCCESS USD", "refund")
	equal(t, r.Amount, int64(300), "refund amount")
	equal(t, len(got.Captures), 1, "captures")
	k := got.Captures[0]
	equal(t, k.CaptureRequestID+" "+k.PaymentID+" "+k.Status, "led-cap "+card+" SUCCESS", "capture")
	equal(t, k.Amount, int64(2000), "capture amount")

	equal(t, len(got.Links), 1, "links")
	link := got.Links[0]
	equal(t, link.AuthState+" "+link.Wallet+" "+link.Status+" "+link.Login+" "+link.TokenStatus,
		"state-led-1 GCASH agreed "+richUser+" live", "link")

	equal(t, got.Calls["led-1"]["payments/pay"], CallCount{Calls: 2, MaxConcurrent: 1}, "pay calls of led-1")
	equal(t, got.Calls["led-ref"]["payments/refund"].Calls, 1, "refund calls")
	equal(t, got.Calls["led-cap"]["payments/capture"].Calls, 1, "capture calls")
	equal(t, got.Calls["state-led-1"]["authorizations/consult"].Calls, 1, "consult calls, by authState")

	var bad map[string]string
	getJSON(t, l.url+"/sandbox/control/ledger.json?clientId=NOBODY", http.StatusNotFound, &bad)
	must(t, l.s.Register(t.Context(), Merchant{ClientID: sandboxClient, PublicKey: &merchantKey(t).PublicKey}))
	getJSON(t, l.url+"/sandbox/control/ledger.json", http.StatusBadRequest, &bad)
	var other Ledger
	getJSON(t, l.url+"/sandbox/control/ledger.json?clientId="+sandboxClient, http.StatusOK, &other)
	equal(t, len(other.Payments)+len(other.Refunds)+len(other.Captures)+len(other.Links)+len(other.Calls), 0, "another merchant's ledger")
}

// TestRequestCallsConcurrent counts two calls of one paymentRequestId in
// flight at once.
func TestRequestCallsConcurrent(t *testing.T) {
	f := newFaultServer(t)
	var arrived sync.WaitGroup
	arrived.Add(2)
	f.s.Handle("payments/pay", func(context.Context, *Call) (any, error) {
		arrived.Done()
		arrived.Wait() // both calls are in flight here
		return success(), nil
	})
	var done sync.WaitGroup
	for range 2 {
		done.Go(func() {
			_, _, err := f.pay(t)
			if err != nil {
				t.Error(err)
			}
		})
	}
	done.Wait()
	equal(t, f.s.RequestCalls(testClientID)["r-1"]["payments/pay"], CallCount{Calls: 2, MaxConcurrent: 2}, "calls of r-1")
	equal(t, len(f.s.RequestCalls(sandboxClient)), 0, "another merchant's calls")
}

// TestRequestCallsAnyAPI counts an inquiryPayment and a cancel of one
// paymentRequestId in flight at once under AnyAPI, though each API alone
// had one call at a time.
func TestRequestCallsAnyAPI(t *testing.T) {
	f := newFaultServer(t)
	var arrived sync.WaitGroup
	arrived.Add(2)
	both := func(context.Context, *Call) (any, error) {
		arrived.Done()
		arrived.Wait() // both calls are in flight here
		return success(), nil
	}
	f.s.Handle("payments/inquiryPayment", both)
	f.s.Handle("payments/cancel", both)
	var done sync.WaitGroup
	for _, api := range []string{"inquiryPayment", "cancel"} {
		done.Go(func() {
			req := signedRequest(t, f.srv.URL, testClientID, "/ams/api/v1/payments/"+api, []byte(`{"paymentRequestId":"r-2"}`))
			resp, err := f.srv.Client().Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
		})
	}
	done.Wait()
	calls := f.s.RequestCalls(testClientID)["r-2"]
	equal(t, calls["payments/inquiryPayment"], CallCount{Calls: 1, MaxConcurrent: 1}, "inquiries of r-2")
	equal(t, calls["payments/cancel"], CallCount{Calls: 1, MaxConcurrent: 1}, "cancels of r-2")
	equal(t, calls[AnyAPI], CallCount{Calls: 2, MaxConcurrent: 2}, "all calls of r-2")
}

// TestFaultsFired counts the faults that fired, per API and kind.
func TestFaultsFired(t *testing.T) {
	f := newFaultServer(t)
	f.s.Faults().SetAPI("*", APIFault{UnknownNext: 1, ServerErrorNext: 1})
	f.s.Faults().SetNotify(NotifyFault{ReorderNext: 1})
	for range 3 {
		f.pay(t)
	}
	must(t, f.s.Notify(t.Context(), testClientID, "http://127.0.0.1:1/antom/notify", []byte(`{"notifyType":"PAYMENT_RESULT"}`)))
	want := map[string]int{"payments/pay:ServerErrorNext": 1, "payments/pay:UnknownNext": 1, "notify:ReorderNext": 1}
	var doc FaultsDoc
	getJSON(t, f.srv.URL+"/sandbox/control/faults.json", http.StatusOK, &doc)
	equal(t, len(doc.Fired), len(want), "fired kinds")
	for k, n := range want {
		equal(t, doc.Fired[k], n, k)
	}
	f.s.Faults().Reset()
	equal(t, f.s.Faults().Fired()["payments/pay:UnknownNext"], 1, "fired after Reset")
}

// TestMerchantsJSON sets a merchant's notification URL through the
// control API, which a restart keeps.
func TestMerchantsJSON(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, options{})
	must(t, s.Register(t.Context(), Merchant{ClientID: testClientID, PublicKey: &merchantKey(t).PublicKey}))
	srv := newControlServer(t, s)
	post := func(doc string, want int) {
		t.Helper()
		resp, err := http.Post(srv+"/sandbox/control/merchants.json", "application/json", strings.NewReader(doc))
		must(t, err)
		resp.Body.Close()
		equal(t, resp.StatusCode, want, "POST "+doc)
	}
	post(`{"clientId":"`+testClientID+`","notifyUrl":"http://127.0.0.1:8080/antom/notify"}`, http.StatusOK)
	post(`{"clientId":"NOBODY","notifyUrl":"http://127.0.0.1:8080/antom/notify"}`, http.StatusNotFound)
	post(`{"clientId":"`+testClientID+`","notifyUrl":"ftp://x"}`, http.StatusBadRequest)
	post(`{"clientId":"`+testClientID+`","publicKey":"x"}`, http.StatusBadRequest)
	var list []merchantDoc
	getJSON(t, srv+"/sandbox/control/merchants.json", http.StatusOK, &list)
	equal(t, len(list), 1, "merchants")
	equal(t, list[0], merchantDoc{ClientID: testClientID, NotifyURL: "http://127.0.0.1:8080/antom/notify"}, "merchant")

	// A name, when given, is what buyers see; one left out keeps it; a
	// bad one is refused and changes nothing.
	post(`{"clientId":"`+testClientID+`","notifyUrl":"http://127.0.0.1:8080/antom/notify","name":"Kopi & Co."}`, http.StatusOK)
	post(`{"clientId":"`+testClientID+`","notifyUrl":"http://127.0.0.1:9090/antom/notify"}`, http.StatusOK)
	post(`{"clientId":"`+testClientID+`","notifyUrl":"http://127.0.0.1:8080/antom/notify","name":"two\nlines"}`, http.StatusBadRequest)
	post(`{"clientId":"`+testClientID+`","notifyUrl":"http://127.0.0.1:8080/antom/notify","name":"`+strings.Repeat("x", 65)+`"}`, http.StatusBadRequest)
	getJSON(t, srv+"/sandbox/control/merchants.json", http.StatusOK, &list)
	equal(t, list[0], merchantDoc{ClientID: testClientID, NotifyURL: "http://127.0.0.1:9090/antom/notify", Name: "Kopi & Co."}, "merchant named")

	must(t, s.Close())
	again := openTest(t, dir, options{})
	m, _ := again.merchant.get(testClientID)
	equal(t, m.NotifyURL, "http://127.0.0.1:9090/antom/notify", "notify URL after a restart")
	equal(t, m.DisplayName(), "Kopi & Co.", "name after a restart")
}

// TestReadCredentials reads what Provision wrote, and creates nothing.
func TestReadCredentials(t *testing.T) {
	dir := t.TempDir()
	if _, err := ReadCredentials(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("empty dir: %v, want fs.ErrNotExist", err)
	}
	made, err := Provision(dir)
	must(t, err)
	got, err := ReadCredentials(dir)
	must(t, err)
	equal(t, got.ClientID, made.ClientID, "client id")
	equal(t, got.MerchantPrivateKey.Equal(made.MerchantPrivateKey), true, "merchant key")
	equal(t, got.AntomPublicKey.Equal(made.AntomPublicKey), true, "Antom public key")
}

// newControlServer serves s on a loopback port and returns its URL.
func newControlServer(t *testing.T, s *Sandbox) string {
	t.Helper()
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return srv.URL
}
