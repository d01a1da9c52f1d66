package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"antom-checkout/antom"
)

// Result codes the transport itself answers with (API.md §7).
const (
	codeMethodNotSupported = "METHOD_NOT_SUPPORTED"
	codeMediaType          = "MEDIA_TYPE_NOT_ACCEPTABLE"
	codeUnknownClient      = "UNKNOWN_CLIENT"
	codeParamIllegal       = "PARAM_ILLEGAL"
	codeInvalidSignature   = "INVALID_SIGNATURE"
	codeNoInterface        = "NO_INTERFACE_DEF"
	codeUnknownException   = "UNKNOWN_EXCEPTION"
)

// contentTypeJSON is the media type of every answer and notification.
const contentTypeJSON = "application/json; charset=UTF-8"

// resultBody is an answer that carries only a result.
type resultBody struct {
	Result antom.Result `json:"result"`
}

// failure returns an F result body.
func failure(code, message string) resultBody {
	return resultBody{antom.Result{ResultCode: code, ResultStatus: antom.StatusFail, ResultMessage: message}}
}

// unknownException returns the U UNKNOWN_EXCEPTION result body.
func unknownException() resultBody {
	return resultBody{antom.Result{
		ResultCode:    codeUnknownException,
		ResultStatus:  antom.StatusUnknown,
		ResultMessage: "unknown exception",
	}}
}

// antomTime formats t the way Antom stamps its messages: ISO-8601 with the
// GMT+8 offset, e.g. 2026-11-22T09:35:22+08:00.
func antomTime(t time.Time) string {
	return t.In(time.FixedZone("GMT+8", 8*60*60)).Format("2006-01-02T15:04:05-07:00")
}

// setLower writes a header under a lower-case name, as Antom's gateway
// does; Header.Set would canonicalise it.
func setLower(h http.Header, name, value string) { h[name] = []string{value} }

// setJSONType sets a lower-case content-type and stops net/http from adding
// a sniffed "Content-Type" next to it.
func setJSONType(h http.Header) {
	setLower(h, "content-type", contentTypeJSON)
	h["Content-Type"] = nil
}

// writeUnsigned writes an HTTP 200 F answer without signature headers, as
// Antom's gateway does for requests it rejects.
func writeUnsigned(w http.ResponseWriter, code, message string) {
	body, _ := json.Marshal(failure(code, message)) // cannot fail: plain strings
	setJSONType(w.Header())
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// writeServerError writes the HTTP 500 of the ServerErrorNext fault.
func writeServerError(w http.ResponseWriter) {
	body, _ := json.Marshal(resultBody{antom.Result{
		ResultCode:    codeUnknownException,
		ResultStatus:  antom.StatusUnknown,
		ResultMessage: "internal server error (sandbox fault)",
	}})
	setJSONType(w.Header())
	w.WriteHeader(http.StatusInternalServerError)
	w.Write(body)
}

// writeSigned writes body as the signed answer to call: lower-case
// client-id, response-time and signature over the request path.
func (s *Sandbox) writeSigned(w http.ResponseWriter, call *Call, body []byte) {
	respTime := antomTime(s.now())
	sig, err := antom.Sign(s.key, antom.Message{
		Method:   http.MethodPost,
		Path:     call.Path,
		ClientID: call.Merchant.ClientID,
		Time:     respTime,
		Body:     body,
	})
	if err != nil {
		s.log.Error("sandbox: sign answer", "api", call.API, "err", err)
		writeServerError(w)
		return
	}
	h := w.Header()
	setLower(h, "client-id", call.Merchant.ClientID)
	setLower(h, "response-time", respTime)
	setLower(h, "signature", sig)
	setJSONType(h)
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// encodeAnswer marshals an APIFunc's answer and checks that it is a JSON
// object with a "result"; it returns the body and its result code. Like
// Antom's gateway it leaves <, > and & unescaped.
func encodeAnswer(answer any) ([]byte, string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(answer); err != nil {
		return nil, "", err
	}
	body := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
	var probe struct {
		Result *antom.Result `json:"result"`
	}
	if err := json.Unmarshal(body, &probe); err != nil {
		return nil, "", errors.New("answer is not a JSON object")
	}
	if probe.Result == nil || probe.Result.ResultStatus == "" {
		return nil, "", errors.New(`answer has no "result"`)
	}
	return body, probe.Result.ResultCode, nil
}
