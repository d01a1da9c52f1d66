package app

import (
	"bytes"
	"context"
	"encoding/json"
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
