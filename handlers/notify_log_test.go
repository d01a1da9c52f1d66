package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/internal/syncbuf"
)

// A genuine notification, acknowledged, leaves one log line: the
// request's, with what someone reading the logs needs (request id,
// route, status, duration, notifyType, paymentRequestId, verdict) and no
// token from the body.
func TestNotifyLogsOneLinePerRequest(t *testing.T) {
	ta := newTestApp(t)
	logs := &syncbuf.Buffer{}
	ta.Log = slog.New(slog.NewJSONHandler(logs, nil))
	ctx := context.Background()
	_, o := ta.buyerOrder(t, "log@example.com", "coffee", "1")
	row := ta.order(t, o.Ref)
	paying := "PR-" + o.Ref + "-W"
	if _, err := ta.DB.InsertAttempt(ctx, db.Attempt{OrderID: row.ID, PaymentRequestID: paying, Method: db.MethodWallet,
		Currency: row.Currency, Amount: row.Amount, Status: db.AttemptProcessing,
		ExpiresAt: ta.now.Add(10 * time.Minute), NextCheckAt: ta.now.Add(time.Hour), CreatedAt: ta.now}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ paymentRequestID, verdict string }{
		{paying, checkout.VerdictApplied},
		{"PR-NEVER-MADE", checkout.VerdictStale},
	} {
		before := len(logs.String())
		body := fmt.Sprintf(`{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"paymentRequestId":%q,"paymentId":"PAY-1","paymentAmount":{"currency":%q,"value":"%d"},"paymentResultInfo":{"cardToken":"SECRET-CARD-TOKEN-7"}}`,
			tc.paymentRequestID, row.Currency, row.Amount)
		req := ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), []byte(body))
		req.Header.Set("X-Request-Id", "notify-log-"+tc.verdict)
		rec := ta.do(req)
		assertEqual(t, rec.Code, http.StatusOK, "status")
		assertEqual(t, rec.Body.String(), antom.AckBody, "acknowledged")

		written := logs.String()[before:]
		lines := strings.Split(strings.TrimSpace(written), "\n")
		if len(lines) != 1 {
			t.Fatalf("%s: %d log lines, want 1:\n%s", tc.verdict, len(lines), written)
		}
		if strings.Contains(written, "SECRET-CARD-TOKEN-7") {
			t.Fatal("the log line holds the card token")
		}
		var line map[string]any
		if err := json.Unmarshal([]byte(lines[0]), &line); err != nil {
			t.Fatal(err)
		}
		for key, want := range map[string]any{
			"msg": "request", "route": "/antom/notify", "status": float64(200),
			"http_request_id": "notify-log-" + tc.verdict, "notifyType": "PAYMENT_RESULT",
			"paymentRequestId": tc.paymentRequestID, "verdict": tc.verdict,
		} {
			if line[key] != want {
				t.Errorf("%s: %s = %v, want %v (line %s)", tc.verdict, key, line[key], want, lines[0])
			}
		}
		if _, ok := line["duration_ms"].(float64); !ok {
			t.Errorf("%s: no duration_ms in %s", tc.verdict, lines[0])
		}
	}
}
