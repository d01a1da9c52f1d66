package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/checkout"
)

// An Antom call's line says whether its result was verified: an answer
// without a valid signature logs what its body claims beside
// unverified=true, as the metrics do not trust it with a label; a signed
// answer's line has no such mark.
func TestCallLineMarksUnverifiedResults(t *testing.T) {
	cases := []struct {
		name       string
		call       antom.Call
		unverified bool
	}{
		{"signed", antom.Call{API: "pay", RequestID: "PAY-1", ResultStatus: "U", ResultCode: "UNKNOWN_EXCEPTION"}, false},
		{"unsigned 500", antom.Call{API: "pay", RequestID: "PAY-2", ResultStatus: "U", ResultCode: "UNKNOWN_EXCEPTION",
			HTTPStatus: 500, Unverified: true, Kind: antom.KindUnknown,
			Err: &antom.Error{API: "pay", Kind: antom.KindUnknown, Unverified: true, HTTPStatus: 500}}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var logs bytes.Buffer
			a := &App{log: slog.New(slog.NewJSONHandler(&logs, nil))}
			tc.call.Latency = 12 * time.Millisecond
			a.logCall(checkout.WithHTTPRequestID(context.Background(), "req-1"), tc.call)
			var line map[string]any
			if err := json.Unmarshal(logs.Bytes(), &line); err != nil {
				t.Fatalf("%q: %v", logs.String(), err)
			}
			if line["result_status"] != "U" || line["http_request_id"] != "req-1" {
				t.Fatalf("line %v", line)
			}
			if got := line["unverified"] == true; got != tc.unverified {
				t.Fatalf("unverified mark %v, want %v: %v", line["unverified"], tc.unverified, line)
			}
		})
	}
}

// An Antom call that failed as such (no answer, HTTP 5xx, not sent) is a
// WARN line, so that an outage shows in the logs; a signed refusal and a
// signed U in process stay INFO.
func TestFailedCallLogsWarn(t *testing.T) {
	notSent := &antom.Error{API: "pay", Kind: antom.KindNotSent, Err: errors.New("dial tcp: connection refused")}
	timeout := &antom.Error{API: "pay", Kind: antom.KindUnknown, Err: context.DeadlineExceeded}
	cases := []struct {
		call  antom.Call
		level string
	}{
		{antom.Call{API: "pay", RequestID: "PAY-1", Kind: antom.KindNotSent, Err: notSent}, "WARN"},
		{antom.Call{API: "pay", RequestID: "PAY-2", Kind: antom.KindUnknown, Err: timeout}, "WARN"},
		{antom.Call{API: "pay", RequestID: "PAY-3", Kind: antom.KindUnknown, HTTPStatus: 503, Unverified: true,
			Err: &antom.Error{API: "pay", Kind: antom.KindUnknown, HTTPStatus: 503, Unverified: true}}, "WARN"},
		{antom.Call{API: "pay", RequestID: "PAY-4", ResultStatus: "F", ResultCode: "USER_BALANCE_NOT_ENOUGH", Kind: antom.KindFailed, HTTPStatus: 200,
			Err: &antom.Error{API: "pay", Kind: antom.KindFailed, HTTPStatus: 200}}, "INFO"},
		{antom.Call{API: "pay", RequestID: "PAY-5", ResultStatus: "U", ResultCode: "PAYMENT_IN_PROCESS", Kind: antom.KindUnknown, HTTPStatus: 200,
			Err: &antom.Error{API: "pay", Kind: antom.KindUnknown, HTTPStatus: 200}}, "INFO"},
		{antom.Call{API: "pay", RequestID: "PAY-6", ResultStatus: "S", ResultCode: "SUCCESS", HTTPStatus: 200}, "INFO"},
	}
	for _, tc := range cases {
		var logs bytes.Buffer
		a := &App{log: slog.New(slog.NewJSONHandler(&logs, nil))}
		a.logCall(context.Background(), tc.call)
		var line map[string]any
		if err := json.Unmarshal(logs.Bytes(), &line); err != nil {
			t.Fatalf("%q: %v", logs.String(), err)
		}
		if line["level"] != tc.level || line["msg"] != "antom call" || line["request_id"] != tc.call.RequestID {
			t.Errorf("%s: %v, want level %s", tc.call.RequestID, line, tc.level)
		}
	}
}
