package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// serveAPI answers one call to /ams/…/v1/<api>.
func (s *Sandbox) serveAPI(w http.ResponseWriter, r *http.Request) {
	call, rej := s.admit(w, r)
	if rej != nil {
		s.log.Info("sandbox: request rejected", "path", r.URL.Path, "code", rej.code)
		writeUnsigned(w, rej.code, rej.message)
		return
	}
	fn := s.interfaceFor(call)
	if fn == nil {
		s.log.Info("sandbox: request rejected", "path", r.URL.Path, "code", codeNoInterface)
		writeUnsigned(w, codeNoInterface, "no interface is defined at "+r.URL.Path)
		return
	}
	s.calls.add(call.API)
	if !isJSONObject(call.Body) {
		s.answer(w, call, failure(codeParamIllegal, "request body is not a JSON object"))
		return
	}
	defer s.byRequest.begin(call.Merchant.ClientID, requestIDOf(call.Body), call.API)()
	s.serveCall(r.Context(), w, call, fn)
}

// serveElse answers what no route takes. A POST is what Antom's gateway
// answers to any path it does not serve: its checks, then an unsigned
// NO_INTERFACE_DEF in JSON. Anything else is a plain 404.
func (s *Sandbox) serveElse(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.NotFound(w, r)
		return
	}
	s.serveAPI(w, r)
}

// interfaceFor returns the APIFunc a call's path names, or nil when the
// path names none for this client: outside /ams/{,sandbox/}api/v1/, an
// unknown API, or a SANDBOX_ client id on the production path (sandbox
// ids are served under /ams/sandbox/api/ only, API.md §1.3).
func (s *Sandbox) interfaceFor(call *Call) APIFunc {
	if call.API == "" {
		return nil
	}
	if strings.HasPrefix(call.Merchant.ClientID, "SANDBOX_") && strings.HasPrefix(call.Path, prefixLive) {
		return nil
	}
	return s.apis.lookup(call.API)
}

// serveCall applies the API's faults (a Hold first) around the APIFunc
// and answers. Once received, a call is done to its end whether or not
// its caller stays (callContext): after its Hold is released and its
// Latency has passed, the work is done, and an answer nobody waits for
// any more is not written.
func (s *Sandbox) serveCall(req context.Context, w http.ResponseWriter, call *Call, fn APIFunc) {
	ctx, done, ok := s.callContext(req)
	if !ok {
		s.log.Info("sandbox: closed; call not taken", "api", call.API)
		writeServerError(w)
		return
	}
	defer done()
	if h := s.faults.takeHold(call.API); h != nil && !h.wait(ctx) {
		s.stoppedMidCall(req, w, call)
		return
	}
	act := s.faults.takeAPI(call.API)
	if !sleep(ctx, act.latency) {
		s.stoppedMidCall(req, w, call)
		return
	}
	switch act.kind {
	case faultServerError:
		s.log.Info("sandbox: fault: server error", "api", call.API)
		writeServerError(w)
		return
	case faultUnknown:
		s.log.Info("sandbox: fault: unknown exception", "api", call.API)
		s.answer(w, call, unknownException())
		return
	case faultNotFound:
		s.log.Info("sandbox: fault: order not exist", "api", call.API)
		s.answer(w, call, notFoundAnswer(call.API))
		return
	}
	body, code := s.run(ctx, call, fn)
	if req.Err() != nil {
		s.log.Info("sandbox: caller gone; work done", "api", call.API, "client_id", call.Merchant.ClientID, "code", code)
		return
	}
	switch act.kind {
	case faultDrop:
		s.log.Info("sandbox: fault: answer dropped", "api", call.API, "code", code)
		dropConnection(w)
		return
	case faultNoPage:
		s.log.Info("sandbox: fault: page addresses removed", "api", call.API, "code", code)
		body = without(body, pageFields)
	case faultNoAuthExpiry:
		s.log.Info("sandbox: fault: authExpiryTime removed", "api", call.API, "code", code)
		body = without(body, []string{"authExpiryTime"})
	}
	s.log.Info("sandbox: api call", "api", call.API, "client_id", call.Merchant.ClientID, "code", code)
	s.writeSigned(w, call, body)
}

// stoppedMidCall logs a call that the sandbox's shutting down stopped in
// its Hold or Latency, before any work, and answers HTTP 500 if its
// caller is still there.
func (s *Sandbox) stoppedMidCall(req context.Context, w http.ResponseWriter, call *Call) {
	s.log.Info("sandbox: shutting down; call stopped before its work", "api", call.API)
	if req.Err() == nil {
		writeServerError(w)
	}
}

// run calls fn and returns the answer body and its result code; failures
// become U UNKNOWN_EXCEPTION.
func (s *Sandbox) run(ctx context.Context, call *Call, fn APIFunc) ([]byte, string) {
	answer, err := fn(ctx, call)
	if err == nil {
		var body []byte
		var code string
		if body, code, err = encodeAnswer(answer); err == nil {
			return body, code
		}
	}
	s.log.Error("sandbox: api failed", "api", call.API, "err", err)
	body, _ := json.Marshal(unknownException())
	return body, codeUnknownException
}

// pageFields are the answer fields that send a buyer to a page.
var pageFields = []string{"normalUrl", "schemeUrl", "applinkUrl", "redirectActionForm", "paymentActionForm"}

// without removes the top-level fields from an answer body (every page
// address: pageFields).
func without(body []byte, fields []string) []byte {
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return body
	}
	for _, f := range fields {
		delete(m, f)
	}
	out, err := json.Marshal(m)
	if err != nil {
		return body
	}
	return out
}

// answer signs and writes a fixed answer.
func (s *Sandbox) answer(w http.ResponseWriter, call *Call, v resultBody) {
	body, _ := json.Marshal(v) // cannot fail: plain strings
	s.log.Info("sandbox: api call", "api", call.API, "client_id", call.Merchant.ClientID, "code", v.Result.ResultCode)
	s.writeSigned(w, call, body)
}

// isJSONObject reports whether b is valid JSON whose top level is an object.
func isJSONObject(b []byte) bool {
	return json.Valid(b) && bytes.HasPrefix(bytes.TrimLeft(b, " \t\r\n"), []byte("{"))
}

// dropConnection closes the client's connection without an answer.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler) // HTTP/2 and friends: abort the stream
	}
	conn.Close()
}

// sleep waits d or until ctx ends (the sandbox shutting down, in
// serveCall); it reports whether the full wait passed.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
