package sandbox

import (
	"context"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"antom-checkout/antom"
)

// faultServer is a sandbox behind a real HTTP server with a counting
// payments/pay APIFunc.
type faultServer struct {
	s     *Sandbox
	srv   *httptest.Server
	calls atomic.Int32
}

// newFaultServer starts one.
func newFaultServer(t *testing.T) *faultServer {
	t.Helper()
	f := &faultServer{s: newTest(t, options{})}
	f.s.Handle("payments/pay", func(context.Context, *Call) (any, error) {
		f.calls.Add(1)
		return success(), nil
	})
	f.srv = httptest.NewServer(f.s.Handler())
	t.Cleanup(f.srv.Close)
	return f
}

// pay calls payments/pay and returns the answer, or the transport error.
func (f *faultServer) pay(t *testing.T) (*http.Response, []byte, error) {
	t.Helper()
	req := signedRequest(t, f.srv.URL, testClientID, "/ams/api/v1/payments/pay", []byte(`{"paymentRequestId":"r-1"}`))
	resp, err := f.srv.Client().Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	must(t, err)
	return resp, body, nil
}

// callResult calls api ("payments/capture") with a small body and
// checks the answer is signed.
func (f *faultServer) callResult(t *testing.T, api string) antom.Result {
	t.Helper()
	path := "/ams/api/v1/" + api
	resp, err := f.srv.Client().Do(signedRequest(t, f.srv.URL, testClientID, path, []byte(`{"paymentId":"p-1"}`)))
	must(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	must(t, err)
	verifyAnswer(t, f.s, resp.Header, path, body)
	return resultOf(t, body)
}

// payResult calls payments/pay and checks the answer is signed.
func (f *faultServer) payResult(t *testing.T) antom.Result {
	t.Helper()
	resp, body, err := f.pay(t)
	must(t, err)
	verifyAnswer(t, f.s, resp.Header, "/ams/api/v1/payments/pay", body)
	return resultOf(t, body)
}

func TestFaultUnknownNext(t *testing.T) {
	f := newFaultServer(t)
	f.s.Faults().SetAPI("payments/pay", APIFault{UnknownNext: 1})
	res := f.payResult(t)
	equal(t, res.ResultCode, codeUnknownException, "faulted result")
	equal(t, res.ResultStatus, antom.StatusUnknown, "faulted status")
	equal(t, f.calls.Load(), int32(0), "APIFunc calls while faulted")
	equal(t, f.payResult(t).ResultCode, "SUCCESS", "next result")
	equal(t, f.calls.Load(), int32(1), "APIFunc calls after")
	apis, _ := f.s.Faults().Snapshot()
	equal(t, len(apis), 0, "spent faults left")
}

func TestFaultDropNext(t *testing.T) {
	f := newFaultServer(t)
	f.s.Faults().SetAPI("*", APIFault{DropNext: 1})
	if _, _, err := f.pay(t); err == nil {
		t.Fatal("dropped call: want a transport error, got an answer")
	}
	equal(t, f.calls.Load(), int32(1), "APIFunc calls (work done)")
	equal(t, f.payResult(t).ResultCode, "SUCCESS", "next result")
}

func TestFaultServerErrorNext(t *testing.T) {
	f := newFaultServer(t)
	f.s.Faults().SetAPI("*", APIFault{ServerErrorNext: 1})
	f.s.Faults().SetAPI("payments/refund", APIFault{UnknownNext: 1}) // its own entry: "*" skips it
	resp, body, err := f.pay(t)
	must(t, err)
	equal(t, resp.StatusCode, http.StatusInternalServerError, "HTTP status")
	equal(t, resp.Header.Get("Signature"), "", "signature header")
	equal(t, resultOf(t, body).ResultStatus, antom.StatusUnknown, "body status")
	equal(t, f.calls.Load(), int32(0), "APIFunc calls")
	equal(t, f.payResult(t).ResultCode, "SUCCESS", "next result")
}

func TestFaultNotFoundNext(t *testing.T) {
	f := newFaultServer(t)
	f.s.Handle("payments/inquiryPayment", func(context.Context, *Call) (any, error) {
		f.calls.Add(1)
		return success(), nil
	})
	f.s.Faults().SetAPI("payments/inquiryPayment", APIFault{NotFoundNext: 1})
	res := f.callResult(t, "payments/inquiryPayment")
	equal(t, res.ResultCode+"/"+res.ResultStatus, antom.CodeOrderNotExist+"/F", "faulted result")
	equal(t, f.calls.Load(), int32(0), "APIFunc calls while faulted")
	equal(t, f.callResult(t, "payments/inquiryPayment").ResultCode, "SUCCESS", "next result")
}

// Antom's pay and its authorization APIs never answer ORDER_NOT_EXIST
// (API.md §4.2, §5.2: only inquiry, cancel and refund do): the control
// refuses NotFoundNext for them, and for "*", with a 400 that says so and
// changes nothing (JSON and the control page's form alike); armed
// through the Go API it never fires on them, so pay does its work.
func TestFaultNotFoundNeverOnPay(t *testing.T) {
	f := newFaultServer(t)
	for _, api := range []string{"payments/pay", "authorizations/consult", "authorizations/applyToken", "authorizations/revoke", "*"} {
		f.s.Faults().SetAPI("payments/refund", APIFault{UnknownNext: 1})
		doc := `{"API":{"` + api + `":{"NotFoundNext":1}}}`
		resp, err := http.Post(f.srv.URL+"/sandbox/control/faults.json", "application/json", strings.NewReader(doc))
		must(t, err)
		var answer struct{ Error string }
		must(t, json.NewDecoder(resp.Body).Decode(&answer))
		resp.Body.Close()
		equal(t, resp.StatusCode, http.StatusBadRequest, doc+": status")
		if !strings.Contains(answer.Error, "ORDER_NOT_EXIST") || !strings.Contains(answer.Error, "payments/inquiryPayment") {
			t.Errorf("%s: answer %q, want it to say ORDER_NOT_EXIST is not %s's answer and name the APIs that give it", doc, answer.Error, api)
		}
		resp, err = http.PostForm(f.srv.URL+"/sandbox/control/faults", url.Values{"action": {"api"}, "api": {api}, "not_found_next": {"1"}})
		must(t, err)
		body, err := io.ReadAll(resp.Body)
		must(t, err)
		resp.Body.Close()
		equal(t, resp.StatusCode, http.StatusBadRequest, api+": the form's status")
		if !strings.Contains(string(body), "ORDER_NOT_EXIST") {
			t.Errorf("%s: the form's answer %q does not say why", api, body)
		}
		apis, _ := f.s.Faults().Snapshot()
		if !maps.Equal(apis, map[string]APIFault{"payments/refund": {UnknownNext: 1}}) {
			t.Errorf("%s: API faults %v, want unchanged", api, apis)
		}
	}
	f.s.Faults().SetAPI("payments/pay", APIFault{NotFoundNext: 1})
	equal(t, f.payResult(t).ResultCode, "SUCCESS", "pay armed with NotFoundNext through the Go API")
	equal(t, f.calls.Load(), int32(1), "pay's work done")
	equal(t, f.s.Faults().Fired()["payments/pay:NotFoundNext"], 0, "NotFoundNext fired on pay")
}

func TestFaultNoPageNext(t *testing.T) {
	f := newFaultServer(t)
	f.s.Handle("payments/pay", func(context.Context, *Call) (any, error) {
		f.calls.Add(1)
		return antom.PayResponse{
			Result:    antom.Result{ResultCode: "PAYMENT_IN_PROCESS", ResultStatus: "U", ResultMessage: "in process"},
			PaymentID: "p-1", NormalURL: "http://page", SchemeURL: "app://page",
			RedirectActionForm: antom.RedirectActionForm{Method: "GET", RedirectURL: "http://page"},
		}, nil
	})
	f.s.Faults().SetAPI("payments/pay", APIFault{NoPageNext: 1})
	resp, body, err := f.pay(t)
	must(t, err)
	verifyAnswer(t, f.s, resp.Header, "/ams/api/v1/payments/pay", body)
	var got antom.PayResponse
	must(t, json.Unmarshal(body, &got))
	equal(t, got.PaymentID, "p-1", "paymentId kept")
	equal(t, got.Result.ResultCode, "PAYMENT_IN_PROCESS", "result kept")
	equal(t, got.RedirectURL(), "", "page address")
	equal(t, f.calls.Load(), int32(1), "APIFunc calls (work done)")
	_, body, err = f.pay(t)
	must(t, err)
	must(t, json.Unmarshal(body, &got))
	equal(t, got.RedirectURL(), "http://page", "next answer's page")
}

// NoAuthExpiryNext does the work and answers as it would, signed, without
// authExpiryTime; the next answer has it again.
func TestFaultNoAuthExpiryNext(t *testing.T) {
	f := newFaultServer(t)
	f.s.Handle("payments/pay", func(context.Context, *Call) (any, error) {
		f.calls.Add(1)
		return antom.PayResponse{Result: antom.Result{ResultCode: "SUCCESS", ResultStatus: "S", ResultMessage: "success"},
			PaymentID: "p-1", PaymentTime: "2026-12-01T10:00:00Z", AuthExpiryTime: "2026-12-08T10:00:00Z"}, nil
	})
	f.s.Faults().SetAPI("payments/pay", APIFault{NoAuthExpiryNext: 1})
	resp, body, err := f.pay(t)
	must(t, err)
	verifyAnswer(t, f.s, resp.Header, "/ams/api/v1/payments/pay", body)
	var got antom.PayResponse
	must(t, json.Unmarshal(body, &got))
	equal(t, [4]string{got.Result.ResultCode, got.PaymentID, got.PaymentTime, got.AuthExpiryTime},
		[4]string{"SUCCESS", "p-1", "2026-12-01T10:00:00Z", ""}, "faulted answer: all but authExpiryTime")
	equal(t, f.calls.Load(), int32(1), "APIFunc calls (work done)")
	equal(t, f.s.Faults().Fired()["payments/pay:NoAuthExpiryNext"], 1, "fired")
	_, body, err = f.pay(t)
	must(t, err)
	must(t, json.Unmarshal(body, &got))
	equal(t, got.AuthExpiryTime, "2026-12-08T10:00:00Z", "next answer's authExpiryTime")
}

func TestFaultLatency(t *testing.T) {
	f := newFaultServer(t)
	const latency = 40 * time.Millisecond
	f.s.Faults().SetAPI("payments/pay", APIFault{Latency: latency})
	start := time.Now()
	equal(t, f.payResult(t).ResultCode, "SUCCESS", "result")
	if elapsed := time.Since(start); elapsed < latency {
		t.Fatalf("answered after %v, want ≥ %v", elapsed, latency)
	}
}

// TestFaultsJSON sets, reads and resets faults through the JSON endpoint.
func TestFaultsJSON(t *testing.T) {
	f := newFaultServer(t)
	post := func(doc string) string {
		resp, err := http.Post(f.srv.URL+"/sandbox/control/faults.json", "application/json", strings.NewReader(doc))
		must(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		must(t, err)
		equal(t, resp.StatusCode, http.StatusOK, "POST status: "+string(b))
		return string(b)
	}
	post(`{"API":{"payments/pay":{"Latency":5,"UnknownNext":1}},"Notify":{"DropNext":2,"ReorderNext":1}}`)
	apis, notify := f.s.Faults().Snapshot()
	equal(t, apis["payments/pay"], APIFault{Latency: 5 * time.Millisecond, UnknownNext: 1}, "API fault")
	equal(t, notify, NotifyFault{DropNext: 2, ReorderNext: 1}, "notify fault")

	resp, err := http.Get(f.srv.URL + "/sandbox/control/faults.json")
	must(t, err)
	b, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	must(t, err)
	want := `{"API":{"payments/pay":{"Latency":5,"UnknownNext":1,"DropNext":0,"ServerErrorNext":0,"NotFoundNext":0,"NoPageNext":0,"NoAuthExpiryNext":0}},"Notify":{"DropNext":2,"DuplicateNext":0,"ReorderNext":1,"CorruptSignatureNext":0}}`
	equal(t, strings.TrimSpace(string(b)), want, "GET faults.json")

	equal(t, f.payResult(t).ResultCode, codeUnknownException, "faulted call")
	post(`{"Reset":true}`)
	apis, notify = f.s.Faults().Snapshot()
	equal(t, len(apis), 0, "API faults after reset")
	equal(t, notify, NotifyFault{}, "notify faults after reset")

	resp, err = http.Post(f.srv.URL+"/sandbox/control/faults.json", "application/json", strings.NewReader(`{"Api":{"*":{"Sleep":1}}}`))
	must(t, err)
	resp.Body.Close()
	equal(t, resp.StatusCode, http.StatusBadRequest, "unknown field")
}

// TestControlPage renders the page and drives its forms.
func TestControlPage(t *testing.T) {
	f := newFaultServer(t)
	must(t, f.s.Register(t.Context(), Merchant{ClientID: testClientID, PublicKey: &merchantKey(t).PublicKey, NotifyURL: "http://127.0.0.1:9/antom/notify?a=<b>"}))
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	form := func(values url.Values, header http.Header) *http.Response {
		req, err := http.NewRequest(http.MethodPost, f.srv.URL+"/sandbox/control/faults", strings.NewReader(values.Encode()))
		must(t, err)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for k, v := range header {
			req.Header[k] = v
		}
		resp, err := noFollow.Do(req)
		must(t, err)
		resp.Body.Close()
		return resp
	}
	resp := form(url.Values{"action": {"api"}, "api": {"payments/pay"}, "latency_ms": {"7"}, "drop_next": {"2"}}, nil)
	equal(t, resp.StatusCode, http.StatusSeeOther, "form status")
	equal(t, resp.Header.Get("Location"), "/sandbox/control", "form redirect")
	form(url.Values{"action": {"notify"}, "duplicate_next": {"3"}}, nil)
	apis, notify := f.s.Faults().Snapshot()
	equal(t, apis["payments/pay"], APIFault{Latency: 7 * time.Millisecond, DropNext: 2}, "API fault from form")
	equal(t, notify.DuplicateNext, 3, "notify fault from form")

	equal(t, form(url.Values{"action": {"api"}, "drop_next": {"-1"}}, nil).StatusCode, http.StatusBadRequest, "bad number")
	equal(t, form(url.Values{"action": {"api"}, "api": {"payments/pya"}, "drop_next": {"1"}}, nil).StatusCode, http.StatusBadRequest, "an API the sandbox does not have")
	crossSite := http.Header{"Sec-Fetch-Site": {"cross-site"}}
	equal(t, form(url.Values{"action": {"reset"}}, crossSite).StatusCode, http.StatusForbidden, "cross-site form")

	resp, err := http.Get(f.srv.URL + "/sandbox/control")
	must(t, err)
	page, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	must(t, err)
	equal(t, resp.StatusCode, http.StatusOK, "page status")
	for _, want := range []string{`data-testid="merchants"`, testClientID, "/antom/notify?a=&lt;b&gt;", `data-testid="api-faults"`, "<code>payments/pay</code>", `<option value="payments/pay">payments/pay</option>`, `value="3"`, `data-testid="notifications"`} {
		if !strings.Contains(string(page), want) {
			t.Fatalf("control page lacks %q", want)
		}
	}

	form(url.Values{"action": {"reset"}}, nil)
	apis, notify = f.s.Faults().Snapshot()
	equal(t, len(apis), 0, "API faults after reset")
	equal(t, notify, NotifyFault{}, "notify faults after reset")
}

// TestFaultsJSONReplacesExactly: a POSTed document is the whole
// switchboard — {"API":{}} clears every API fault, and faults it leaves
// out are gone — while a bad document is a 400 saying why, with nothing
// changed.
func TestFaultsJSONReplacesExactly(t *testing.T) {
	f := newFaultServer(t)
	post := func(doc string) (int, string) {
		resp, err := http.Post(f.srv.URL+"/sandbox/control/faults.json", "application/json", strings.NewReader(doc))
		must(t, err)
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		must(t, err)
		return resp.StatusCode, string(b)
	}
	arm := func() {
		f.s.Faults().SetAPI("*", APIFault{ServerErrorNext: 2})
		f.s.Faults().SetAPI("payments/pay", APIFault{UnknownNext: 1})
		f.s.Faults().SetNotify(NotifyFault{DropNext: 3})
	}

	arm()
	status, body := post(`{"API":{}}`)
	equal(t, status, http.StatusOK, "empty API map: "+body)
	apis, notify := f.s.Faults().Snapshot()
	equal(t, len(apis), 0, "API faults after {\"API\":{}}")
	equal(t, notify, NotifyFault{}, "notify faults after {\"API\":{}}")
	equal(t, strings.TrimSpace(body), `{"API":{},"Notify":{"DropNext":0,"DuplicateNext":0,"ReorderNext":0,"CorruptSignatureNext":0}}`, "answer")
	equal(t, f.payResult(t).ResultCode, "SUCCESS", "a call after clearing")

	arm()
	status, body = post(`{"API":{"payments/cancel":{"NotFoundNext":1},"payments/refund":{"UnknownNext":0}}}`)
	equal(t, status, http.StatusOK, "one API: "+body)
	apis, notify = f.s.Faults().Snapshot()
	if !maps.Equal(apis, map[string]APIFault{"payments/cancel": {NotFoundNext: 1}}) {
		t.Fatalf("API faults %v, want exactly as given, zero entries left out", apis)
	}
	equal(t, notify, NotifyFault{}, "notify faults left out: none")

	for _, doc := range []string{`{}`, `{"Reset":true,"API":null,"Notify":null}`, `{"API":{"*":{}},"Notify":{},"Fired":{"x":1}}`} {
		arm()
		status, body = post(doc)
		equal(t, status, http.StatusOK, doc+": "+body)
		apis, notify = f.s.Faults().Snapshot()
		equal(t, len(apis), 0, "API faults after "+doc)
		equal(t, notify, NotifyFault{}, "notify faults after "+doc)
	}

	for _, c := range []struct{ doc, says string }{
		{`{"API":`, "unexpected EOF"},
		{`not json`, "invalid character"},
		{`[]`, "a JSON object expected"},
		{`{"api":{}}`, `unknown field "api"`},
		{`{"API":{"*":{"unknownNext":1}}}`, `API "*": unknown fault kind "unknownNext"`},
		{`{"Api":{}}`, `unknown field "Api"`},
		{`{"API":{"payments/nope":{"UnknownNext":1}}}`, `unknown API "payments/nope": choose one of authorizations/applyToken, `},
		{`{"API":{"payments/pay":{"Sleep":1}}}`, `API "payments/pay": unknown fault kind "Sleep" (fault kinds: Latency, UnknownNext`},
		{`{"API":{"payments/pay":{"UnknownNext":-1}}}`, "must be ≥ 0"},
		{`{"API":{"*":{"Latency":-5}}}`, "must be ≥ 0"},
		{`{"API":{"*":{"Latency":600001}}}`, "at most 600000"},
		{`{"API":{"*":{"UnknownNext":1.5}}}`, "cannot unmarshal number 1.5"},
		{`{"API":{"*":{"UnknownNext":"1"}}}`, "cannot unmarshal string"},
		{`{"Notify":{"LoseNext":1}}`, `Notify: unknown fault kind "LoseNext" (fault kinds: DropNext`},
		{`{"Notify":{"DropNext":-1}}`, "Notify: every count must be ≥ 0"},
		{`{"API":{}} {"API":{}}`, "found more after it"},
	} {
		arm()
		before, beforeNotify := f.s.Faults().Snapshot()
		status, body := post(c.doc)
		equal(t, status, http.StatusBadRequest, c.doc+": status")
		var answer struct{ Error string }
		must(t, json.Unmarshal([]byte(body), &answer))
		if !strings.Contains(answer.Error, c.says) {
			t.Errorf("%s: answer %q, want it to say %q", c.doc, answer.Error, c.says)
		}
		after, afterNotify := f.s.Faults().Snapshot()
		if !maps.Equal(after, before) {
			t.Errorf("%s: API faults %v, want unchanged %v", c.doc, after, before)
		}
		equal(t, afterNotify, beforeNotify, c.doc+": notify faults unchanged")
	}
}

// A bad faults document's answer names only the fields the README
// documents (API, Notify), not Reset, which {} has replaced: a merchant
// reading the README meets no field it does not explain.
func TestFaultsJSONErrorNamesTheDocumentedFields(t *testing.T) {
	f := newFaultServer(t)
	for _, doc := range []string{`{"api":{}}`, `{"Faults":{}}`, `[]`, `"reset"`} {
		resp, err := http.Post(f.srv.URL+"/sandbox/control/faults.json", "application/json", strings.NewReader(doc))
		must(t, err)
		var answer struct{ Error string }
		must(t, json.NewDecoder(resp.Body).Decode(&answer))
		resp.Body.Close()
		equal(t, resp.StatusCode, http.StatusBadRequest, doc+": status")
		if !strings.Contains(answer.Error, "API, Notify") || strings.Contains(answer.Error, "Reset") {
			t.Errorf("%s: answer %q, want it to name the fields API, Notify and no other", doc, answer.Error)
		}
	}
}

// NotFoundNext answers with Antom's code for what the call refers to and
// says what that is: ORDER_NOT_EXIST, a payment, for cancel,
// inquiryPayment and refund (which names the payment it refunds), a
// refund for inquiryRefund only — never "payment or refund", which staff
// read beside a refused capture —; AUTH_NOT_FOUND, an authorization, for
// capture (Antom's capture has no ORDER_NOT_EXIST; the sandbox's own
// capture answers an unknown paymentId so).
func TestFaultNotFoundSaysWhatIsMissing(t *testing.T) {
	for api, want := range map[string]string{
		"payments/capture":        codeAuthNotFound + " no authorization with this paymentId (yet)",
		"payments/cancel":         antom.CodeOrderNotExist + " no such payment (yet)",
		"payments/inquiryPayment": antom.CodeOrderNotExist + " no such payment (yet)",
		"payments/refund":         antom.CodeOrderNotExist + " no such payment (yet)",
		"payments/inquiryRefund":  antom.CodeOrderNotExist + " no such refund (yet)",
	} {
		f := newFaultServer(t)
		f.s.Faults().SetAPI(api, APIFault{NotFoundNext: 1})
		res := f.callResult(t, api)
		equal(t, res.ResultCode+" "+res.ResultMessage, want, api)
	}
}
