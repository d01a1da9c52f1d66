package antom

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"reflect"
	"strconv"
	"sync/atomic"
	"time"
)

// maxResponse bounds what we read of an answer; Antom's are a few KB.
const maxResponse = 1 << 20

// answer is what came back over HTTP, unchecked.
type answer struct {
	status int
	header http.Header
	body   []byte
	path   string // the request path actually sent: what the answer is signed over
}

// do runs one call: sign and send req, verify the answer and decode it
// into out. answered reports whether out holds Antom's signed answer. It
// tells OnCall about the call once.
func (c *Client) do(ctx context.Context, api, path string, req request, out any) (answered bool, err error) {
	start := time.Now()
	var res Result
	observed := ctx
	if c.onSend != nil && !isNil(req) {
		observed = c.onSend(ctx, api, req.requestID())
	}
	defer func() {
		var state string
		if answered {
			state = stateOf(out)
		}
		c.observe(observed, api, req, res, state, err, time.Since(start))
	}()
	if isNil(req) {
		return false, &Error{API: api, Kind: KindNotSent, Err: errors.New("nil request")}
	}
	a, err := c.send(ctx, api, path, req)
	if err != nil {
		return false, err
	}
	res, answered, err = c.decode(api, a, out)
	return answered, err
}

// send marshals, signs and posts req, and reads the answer.
func (c *Client) send(ctx context.Context, api, path string, req request) (*answer, error) {
	if err := ctx.Err(); err != nil {
		return nil, &Error{API: api, Kind: KindNotSent, Err: err}
	}
	body, err := json.Marshal(req)
	if err != nil {
		return nil, &Error{API: api, Kind: KindNotSent, Err: errors.New("cannot encode request")}
	}
	traced, wrote := traceWrites(ctx)
	httpReq, err := c.newRequest(traced, SandboxPath(c.clientID, path), body)
	if err != nil {
		return nil, &Error{API: api, Kind: KindNotSent, Err: err}
	}
	resp, err := c.http.Do(httpReq)
	if err != nil {
		return nil, &Error{API: api, Kind: transportKind(wrote.Load()), Err: err}
	}
	return readAnswer(api, resp)
}

// readAnswer reads at most maxResponse bytes of resp and closes it.
func readAnswer(api string, resp *http.Response) (*answer, error) {
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse+1))
	if err != nil {
		return nil, &Error{API: api, Kind: KindUnknown, HTTPStatus: resp.StatusCode, Err: fmt.Errorf("read response: %w", err)}
	}
	if len(raw) > maxResponse {
		return nil, &Error{API: api, Kind: KindUnknown, HTTPStatus: resp.StatusCode, Err: errors.New("response larger than 1 MiB")}
	}
	return &answer{status: resp.StatusCode, header: resp.Header, body: raw, path: resp.Request.URL.Path}, nil
}

// newRequest builds the signed POST (API.md §2.1, §3).
func (c *Client) newRequest(ctx context.Context, path string, body []byte) (*http.Request, error) {
	requestTime := strconv.FormatInt(c.now().UnixMilli(), 10)
	sig, err := Sign(c.key, Message{Method: http.MethodPost, Path: path, ClientID: c.clientID, Time: requestTime, Body: body})
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+path, bytes.NewReader(body))
	if err != nil {
		return nil, errors.New("cannot build HTTP request")
	}
	req.Header.Set("Content-Type", "application/json; charset=UTF-8")
	req.Header.Set("Client-Id", c.clientID)
	req.Header.Set("Request-Time", requestTime)
	req.Header.Set("Signature", sig)
	return req, nil
}

// traceWrites reports, through the returned flag, whether any part of the
// request may have been written to the connection.
func traceWrites(ctx context.Context) (context.Context, *atomic.Bool) {
	wrote := new(atomic.Bool)
	trace := &httptrace.ClientTrace{
		WroteHeaders: func() { wrote.Store(true) },
		WroteRequest: func(httptrace.WroteRequestInfo) { wrote.Store(true) },
	}
	return httptrace.WithClientTrace(ctx, trace), wrote
}

// transportKind sorts a transport error: once anything was written, Antom
// may have the request.
func transportKind(wrote bool) Kind {
	if wrote {
		return KindUnknown
	}
	return KindNotSent
}

// decode verifies a and, if it holds, decodes it into out and sorts its
// result. The result is returned even when unverified, for diagnostics.
func (c *Client) decode(api string, a *answer, out any) (Result, bool, error) {
	res, resErr := peekResult(a.body)
	verr := c.verifyAnswer(a)
	fail := func(err error) (Result, bool, error) {
		return res, false, &Error{API: api, Kind: KindUnknown, Result: res, Unverified: verr != nil, HTTPStatus: a.status, Err: err}
	}
	switch {
	case a.status >= 500:
		return fail(errors.New("server error"))
	case verr != nil:
		return fail(verr)
	case resErr != nil:
		return fail(resErr)
	}
	if err := json.Unmarshal(TextJSON(a.body), out); err != nil { // stored as text: no NUL, only UTF-8
		return fail(fmt.Errorf("decode response: %w", err))
	}
	switch res.ResultStatus {
	case StatusSuccess:
		return res, true, nil
	case StatusFail:
		return res, true, &Error{API: api, Kind: KindFailed, Result: res, HTTPStatus: a.status}
	case StatusUnknown:
		return res, true, &Error{API: api, Kind: KindUnknown, Result: res, HTTPStatus: a.status}
	}
	return res, true, &Error{API: api, Kind: KindUnknown, Result: res, HTTPStatus: a.status, Err: errors.New("no S, F or U in result")}
}

// verifyAnswer checks the response signature: Antom's key over
// "POST <path sent>\n<client-id>.<response-time>.<body>", with client-id
// our own and response-time present (API.md §3.1, §3.5).
func (c *Client) verifyAnswer(a *answer) error {
	sig := headerValue(a.header, "signature")
	if sig == "" {
		return fmt.Errorf("%w: no signature header", ErrBadSignature)
	}
	responseTime := headerValue(a.header, "response-time")
	if responseTime == "" {
		// Antom's SDKs require both headers; a signature over an empty
		// time proves nothing about when it was made.
		return fmt.Errorf("%w: no response-time header", ErrBadSignature)
	}
	clientID := headerValue(a.header, "client-id")
	if clientID != c.clientID {
		return ErrClientID
	}
	m := Message{Method: http.MethodPost, Path: a.path, ClientID: clientID, Time: responseTime, Body: a.body}
	return Verify(c.pub, m, sig)
}

// peekResult reads only the "result" object of a body.
func peekResult(body []byte) (Result, error) {
	var env struct {
		Result Result `json:"result"`
	}
	if err := json.Unmarshal(body, &env); err != nil {
		return Result{}, errors.New("response is not JSON")
	}
	return env.Result, nil
}

// observe tells OnCall about one finished call.
func (c *Client) observe(ctx context.Context, api string, req request, res Result, state string, err error, latency time.Duration) {
	if c.onCall == nil {
		return
	}
	call := Call{API: api, ResultStatus: safeField(res.ResultStatus), ResultCode: safeField(res.ResultCode), State: state, Kind: kindOf(err), Err: err, Latency: latency}
	var e *Error
	if errors.As(err, &e) {
		call.HTTPStatus, call.Unverified = e.HTTPStatus, e.Unverified
	} else if err == nil {
		call.HTTPStatus = http.StatusOK
	}
	if !isNil(req) {
		call.RequestID = req.requestID()
	}
	c.onCall(ctx, call)
}

// stater is an answer that reports the state of what it was asked about
// besides the call's result (an inquiry).
type stater interface{ state() string }

// stateOf is Call.State for a decoded answer.
func stateOf(out any) string {
	if s, ok := out.(stater); ok {
		return s.state()
	}
	return ""
}

// statusWords is "<field> <status>", with the code in brackets when there
// is one other than SUCCESS; "" without a status.
func statusWords(field, status, code string) string {
	if status = safeField(status); status == "" {
		return ""
	}
	out := field + " " + status
	if code = safeField(code); code != "" && code != CodeSuccess {
		out += " (" + code + ")"
	}
	return out
}

// safeField keeps a result status or code that looks like one, and drops
// anything else (an unsigned body can say anything).
func safeField(s string) string {
	if s == "" || safeCode(s) == "?" {
		return ""
	}
	return s
}

// isNil reports whether a request interface holds a nil pointer.
func isNil(req request) bool {
	if req == nil {
		return true
	}
	v := reflect.ValueOf(req)
	return v.Kind() == reflect.Pointer && v.IsNil()
}
