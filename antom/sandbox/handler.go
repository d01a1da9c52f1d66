package sandbox

import (
	"context"
	"net/http"
	"sort"
	"sync"
)

// Call is one accepted API request: signature verified, body valid JSON.
type Call struct {
	Merchant    Merchant
	API         string // e.g. "payments/pay"
	Path        string // the path as received, e.g. "/ams/sandbox/api/v1/payments/pay"
	RequestTime string // the Request-Time header, verbatim
	Body        []byte // the raw request body
}

// APIFunc does the work of one API. It returns the JSON-marshalable answer
// body, which must contain "result". An error is logged and answered with a
// signed U UNKNOWN_EXCEPTION.
type APIFunc func(ctx context.Context, c *Call) (any, error)

// apis is the table of registered APIs.
type apis struct {
	mu sync.RWMutex
	fn map[string]APIFunc
}

// Handle registers fn for api (like "payments/pay" or
// "authorizations/consult"), replacing any earlier one; a nil fn removes it.
func (s *Sandbox) Handle(api string, fn APIFunc) {
	s.apis.mu.Lock()
	defer s.apis.mu.Unlock()
	if fn == nil {
		delete(s.apis.fn, api)
		return
	}
	if s.apis.fn == nil {
		s.apis.fn = make(map[string]APIFunc)
	}
	s.apis.fn[api] = fn
}

// names lists the registered APIs, sorted.
func (a *apis) names() []string {
	a.mu.RLock()
	defer a.mu.RUnlock()
	out := make([]string, 0, len(a.fn))
	for name := range a.fn {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// lookup returns the APIFunc for api, or nil.
func (a *apis) lookup(api string) APIFunc {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return a.fn[api]
}

// callCounts counts the calls served per API.
type callCounts struct {
	mu sync.Mutex
	n  map[string]int
}

// add counts one call of api.
func (c *callCounts) add(api string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.n == nil {
		c.n = make(map[string]int)
	}
	c.n[api]++
}

// Calls returns how many calls of api (like "authorizations/applyToken")
// the sandbox has served since Open, for every merchant: requests that
// passed the gateway checks and reached a registered API, whatever the
// answer, faults included.
func (s *Sandbox) Calls(api string) int {
	s.calls.mu.Lock()
	defer s.calls.mu.Unlock()
	return s.calls.n[api]
}

// Handler returns the sandbox's HTTP handler: the API under /ams/api/v1/ and
// /ams/sandbox/api/v1/, the control page under /sandbox/control, the
// test wallet app under /sandbox/wallet and the hosted card page under
// /sandbox/card.
func (s *Sandbox) Handler() http.Handler { return s.mux }

// routes builds the route table.
func (s *Sandbox) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc(prefixLive, s.serveAPI)
	mux.HandleFunc(prefixSandbox, s.serveAPI)
	mux.HandleFunc("/", s.serveElse)
	control := http.NewCrossOriginProtection().Handler(s.controlRoutes())
	mux.Handle("/sandbox/control", control)
	mux.Handle("/sandbox/control/", control)
	wallet := http.NewCrossOriginProtection().Handler(s.walletRoutes())
	mux.Handle("/sandbox/wallet", wallet)
	mux.Handle("/sandbox/wallet/", wallet)
	mux.Handle("/sandbox/card/", http.NewCrossOriginProtection().Handler(s.cardRoutes()))
	return mux
}
