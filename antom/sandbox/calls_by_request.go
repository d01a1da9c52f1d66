package sandbox

import (
	"encoding/json"
	"sync"
)

// CallCount is how a merchant called one API for one request id: how
// many calls reached the API (faults included) and the most of them in
// flight at the same moment.
type CallCount struct {
	Calls         int `json:"calls"`
	MaxConcurrent int `json:"maxConcurrent"`
}

// AnyAPI is the API name under which a request id's calls are counted
// whatever API they went to: its MaxConcurrent is the most calls about
// the request id in flight at once (an inquiryPayment overlapping a
// cancel of the same paymentRequestId counts 2).
const AnyAPI = "*"

// requestCalls counts calls per merchant, request id and API, in memory
// (since the sandbox started), and per request id under AnyAPI.
type requestCalls struct {
	mu    sync.Mutex
	tally map[callKey]*callTally
}

// callKey names one API of one request id of one merchant.
type callKey struct{ clientID, requestID, api string }

// callTally is a CallCount and the calls in flight now.
type callTally struct {
	CallCount
	inFlight int
}

// begin counts a call starting; the returned func ends it. Calls without
// a request id are not counted here.
func (r *requestCalls) begin(clientID, requestID, api string) (end func()) {
	if requestID == "" {
		return func() {}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.tally == nil {
		r.tally = make(map[callKey]*callTally)
	}
	one, all := r.start(callKey{clientID, requestID, api}), r.start(callKey{clientID, requestID, AnyAPI})
	return func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		one.inFlight--
		all.inFlight--
	}
}

// start counts a call starting under k; r.mu is held.
func (r *requestCalls) start(k callKey) *callTally {
	t := r.tally[k]
	if t == nil {
		t = &callTally{}
		r.tally[k] = t
	}
	t.Calls++
	t.inFlight++
	t.MaxConcurrent = max(t.MaxConcurrent, t.inFlight)
	return t
}

// of returns clientID's counts: request id → API → count.
func (r *requestCalls) of(clientID string) map[string]map[string]CallCount {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string]map[string]CallCount)
	for k, t := range r.tally {
		if k.clientID != clientID {
			continue
		}
		if out[k.requestID] == nil {
			out[k.requestID] = make(map[string]CallCount)
		}
		out[k.requestID][k.api] = t.CallCount
	}
	return out
}

// RequestCalls returns how clientID called each API per request id since
// the sandbox started: request id → API ("payments/pay", and AnyAPI for
// all of them together) → count. The
// request id is the body's paymentRequestId, refundRequestId,
// captureRequestId or authState, else its paymentId (the first present);
// calls naming none (revoke, applyToken) are not counted here (see Calls).
func (s *Sandbox) RequestCalls(clientID string) map[string]map[string]CallCount {
	return s.byRequest.of(clientID)
}

// requestIDOf reads the request id a call is counted under.
func requestIDOf(body []byte) string {
	var ids struct {
		PaymentRequestID string `json:"paymentRequestId"`
		RefundRequestID  string `json:"refundRequestId"`
		CaptureRequestID string `json:"captureRequestId"`
		AuthState        string `json:"authState"`
		PaymentID        string `json:"paymentId"`
	}
	if json.Unmarshal(body, &ids) != nil {
		return ""
	}
	for _, id := range []string{ids.PaymentRequestID, ids.RefundRequestID, ids.CaptureRequestID, ids.AuthState, ids.PaymentID} {
		if id != "" {
			return id
		}
	}
	return ""
}
