package handlers

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/checkout"
)

// A notification Antom signed that names no kind we can read (no
// notifyType nor authorizationNotifyType, or not JSON at all) is kept as
// any kind this version does not apply is: stored in the inbox (sealed,
// redacted, kind UNKNOWN, unhandled) and answered 501, never
// acknowledged, so that Antom sends it again and staff can see and replay
// what came. It was answered 500 and stored nowhere: after Antom's last
// resend nothing was left of it but a log line.
func TestNotifySignedWithoutAKindIsStoredNotAcknowledged(t *testing.T) {
	for name, body := range map[string]string{
		"no type":  `{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"paymentRequestId":"PR-1","accessToken":"SECRET-TOKEN-7"}`,
		"not JSON": `accessToken=SECRET-TOKEN-7&paymentRequestId=PR-1`,
	} {
		t.Run(name, func(t *testing.T) {
			ta := newTestApp(t)
			rec := ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), []byte(body)))
			assertEqual(t, rec.Code, http.StatusNotImplemented, "status")
			if strings.Contains(rec.Body.String(), antom.AckBody) {
				t.Fatal("acknowledged a notification it did not apply")
			}
			rows, err := ta.DB.RecentNotifications(context.Background(), 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 1 {
				t.Fatalf("%d inbox rows, want 1", len(rows))
			}
			assertEqual(t, rows[0].Verdict, checkout.VerdictUnhandled, "verdict")
			assertEqual(t, rows[0].Kind, "UNKNOWN", "kind")
			if len(rows[0].BodySealed) == 0 || strings.Contains(string(rows[0].BodySealed), "SECRET-TOKEN-7") ||
				strings.Contains(rows[0].BodyRedacted, "SECRET-TOKEN-7") {
				t.Fatalf("body not kept sealed and redacted: %q", rows[0].BodyRedacted)
			}
		})
	}
}
