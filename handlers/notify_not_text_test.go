package handlers

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/checkout"
	"antom-checkout/db"
)

// A genuine notification (signed by Antom) with NUL ("\u0000", JSON's
// escape) or a byte that is not UTF-8 (raw 0xff) in any of its string
// fields is never lost to PostgreSQL refusing such text: it is answered
// without a 500, stored in the inbox once, its body whole (sealed) and
// shown as text; what it says is applied as far as its values name
// anything (a result message with NUL still pays the order).
func TestNotifyNotTextIsStoredWhole(t *testing.T) {
	// Each case puts bad text in one string field of a payment's result.
	fields := []string{"notifyType", "resultCode", "resultStatus", "resultMessage", "paymentRequestId", "paymentId",
		"currency", "value", "paymentCreateTime", "paymentTime", "paymentMethodType"}
	for _, bad := range []struct{ name, text string }{{"NUL", `\u0000`}, {"0xff", "\xff"}} {
		for _, field := range fields {
			t.Run(bad.name+"/"+field, func(t *testing.T) {
				ta := newTestApp(t)
				ctx := context.Background()
				b, o := ta.buyerOrder(t, "payer@example.com", "coffee", "2")
				ta.openAttempt(t, o.Ref, ta.insertWallet(t, b.ID, "0917****pay"))
				row := ta.order(t, o.Ref)
				values := map[string]string{"notifyType": "PAYMENT_RESULT", "resultCode": "SUCCESS", "resultStatus": "S",
					"resultMessage": "success.", "paymentRequestId": "PR-" + o.Ref + "-TEST", "paymentId": "PAY-" + o.Ref,
					"currency": row.Currency, "value": itoa(row.Amount), "paymentCreateTime": ta.now.Format(time.RFC3339),
					"paymentTime": ta.now.Format(time.RFC3339), "paymentMethodType": "GCASH"}
				values[field] += bad.text
				body := []byte(`{"notifyType":"` + values["notifyType"] + `","result":{"resultCode":"` + values["resultCode"] +
					`","resultStatus":"` + values["resultStatus"] + `","resultMessage":"` + values["resultMessage"] +
					`"},"paymentRequestId":"` + values["paymentRequestId"] + `","paymentId":"` + values["paymentId"] +
					`","paymentAmount":{"currency":"` + values["currency"] + `","value":"` + values["value"] +
					`"},"paymentCreateTime":"` + values["paymentCreateTime"] + `","paymentTime":"` + values["paymentTime"] +
					`","paymentMethodType":"` + values["paymentMethodType"] + `"}`)
				rec := ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), body))
				if rec.Code == http.StatusInternalServerError {
					t.Fatalf("answered 500: %s", rec.Body.String())
				}
				rows, err := ta.DB.RecentNotifications(ctx, 10)
				if err != nil {
					t.Fatal(err)
				}
				if len(rows) != 1 {
					t.Fatalf("%d inbox rows, want 1 (answered %d)", len(rows), rec.Code)
				}
				n := rows[0]
				sealer, err := checkout.NewSealer([]byte("0123456789abcdef0123456789abcdef"))
				if err != nil {
					t.Fatal(err)
				}
				if opened, err := sealer.Open(n.BodySealed, "notification-body"); err != nil || string(opened) != string(body) {
					t.Errorf("the sealed body opens to %q (%v), want the body as sent", opened, err)
				}
				if !db.IsText(n.BodyRedacted) || !db.IsText(n.Kind) || !db.IsText(n.Detail) {
					t.Errorf("the row's text is not text: %q %q %q", n.Kind, n.BodyRedacted, n.Detail)
				}
				// Shown as text: JSON's NUL escape as sent, a byte that is not
				// UTF-8 as U+FFFD's escape.
				if shown := map[string]string{"NUL": `\u0000`, "0xff": `\ufffd`}[bad.name]; !strings.Contains(n.BodyRedacted, shown) {
					t.Errorf("the inbox shows %q, without %s", n.BodyRedacted, shown)
				}
				if field == "resultMessage" {
					assertEqual(t, rec.Code, http.StatusOK, "status")
					assertContains(t, rec.Body.String(), antom.AckBody)
					assertEqual(t, ta.order(t, o.Ref).Status, db.OrderPaid, "order status")
				}
				t.Logf("answered %d, verdict %q, kind %q, detail %q", rec.Code, n.Verdict, n.Kind, n.Detail)
			})
		}
	}
}

// Every other kind of notification, with NUL or a byte that is not UTF-8
// at the end of every string it carries, is answered without a 500 and
// stored once, as text.
func TestNotifyNotTextOfEveryKindIsStored(t *testing.T) {
	bodies := map[string]string{
		"AUTHCODE_CREATED": `{"authorizationNotifyType":"AUTHCODE_CREATED@","authClientId":"@","authState":"state@","authCode":"code@","userLoginId":"852-97****10@","result":{"resultCode":"SUCCESS@","resultStatus":"S@","resultMessage":"success.@"}}`,
		"TOKEN_CANCELED":   `{"authorizationNotifyType":"TOKEN_CANCELED@","accessToken":"token@","result":{"resultCode":"SUCCESS@","resultStatus":"S@","resultMessage":"success.@"}}`,
		"REFUND_RESULT":    `{"notifyType":"REFUND_RESULT@","result":{"resultCode":"SUCCESS@","resultStatus":"S@","resultMessage":"success@"},"refundStatus":"SUCCESS@","refundRequestId":"RF-1@","refundId":"R1@","refundAmount":{"currency":"USD@","value":"100@"}}`,
		"CAPTURE_RESULT":   `{"notifyType":"CAPTURE_RESULT@","result":{"resultCode":"SUCCESS@","resultStatus":"S@","resultMessage":"success@"},"captureRequestId":"AUTO_PAY-1@","paymentId":"PAY-1@","captureId":"CAP-1@","captureAmount":{"currency":"USD@","value":"100@"}}`,
		"PAYMENT_PENDING":  `{"notifyType":"PAYMENT_PENDING@","result":{"resultCode":"PAYMENT_IN_PROCESS@","resultStatus":"U@","resultMessage":"pending@"},"paymentRequestId":"PR-1@","paymentId":"PAY-1@"}`,
	}
	for kind, tmpl := range bodies {
		for _, bad := range []struct{ name, text string }{{"NUL", `\u0000`}, {"0xff", "\xff"}} {
			for _, where := range []string{"every string", "its kind kept"} {
				t.Run(kind+"/"+bad.name+"/"+where, func(t *testing.T) {
					ta := newTestApp(t)
					body := strings.ReplaceAll(tmpl, "@", bad.text)
					if where == "its kind kept" {
						body = strings.Replace(body, kind+bad.text, kind, 1)
					}
					rec := ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), []byte(body)))
					if rec.Code == http.StatusInternalServerError {
						t.Fatalf("answered 500: %s", rec.Body.String())
					}
					rows, err := ta.DB.RecentNotifications(context.Background(), 10)
					if err != nil {
						t.Fatal(err)
					}
					if len(rows) != 1 {
						t.Fatalf("%d inbox rows, want 1 (answered %d)", len(rows), rec.Code)
					}
					n := rows[0]
					if !db.IsText(n.BodyRedacted) || !db.IsText(n.Kind) || !db.IsText(n.Detail) || len(n.BodySealed) == 0 {
						t.Errorf("the row is not text, or not sealed: %q %q %q", n.Kind, n.BodyRedacted, n.Detail)
					}
					t.Logf("answered %d, verdict %q, kind %q, detail %q", rec.Code, n.Verdict, n.Kind, n.Detail)
				})
			}
		}
	}
}

// A refused notification (not signed by Antom) with NUL or bytes that
// are not UTF-8 in its body or request-time is still recorded for staff,
// as text, and answered 401.
func TestNotifyRefusedNotTextIsRecorded(t *testing.T) {
	for _, c := range []struct{ name, body, requestTime string }{
		{"NUL escaped in body", `{"notifyType":"PAYMENT_RESULT","paymentRequestId":"x\u0000"}`, "2026-01-01T00:00:00Z"},
		{"0xff in body", "{\"notifyType\":\"PAYMENT_RESULT\",\"paymentRequestId\":\"x\xff\"}", "2026-01-01T00:00:00Z"},
		{"raw NUL in body", "{\"notifyType\":\"PAYMENT\x00\"}", "2026-01-01T00:00:00Z"},
		{"0xff in request-time", `{"notifyType":"PAYMENT_RESULT"}`, "2026-01-01\xff"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ta := newTestApp(t)
			req := ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), []byte(c.body))
			req.Header["signature"] = []string{"algorithm=RSA256,keyVersion=1,signature=forged"}
			req.Header["request-time"] = []string{c.requestTime}
			rec := ta.do(req)
			assertEqual(t, rec.Code, http.StatusUnauthorized, "status")
			rows, err := ta.DB.RecentNotifications(context.Background(), 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 1 {
				t.Fatalf("%d inbox rows, want 1", len(rows))
			}
			n := rows[0]
			if !db.IsText(n.BodyRedacted) || !db.IsText(n.RequestTime) || !db.IsText(n.Detail) {
				t.Errorf("the row's text is not text: %q %q %q", n.RequestTime, n.BodyRedacted, n.Detail)
			}
			if strings.HasSuffix(c.name, "in body") && !strings.Contains(c.name, "raw") && !strings.Contains(n.BodyRedacted, "PAYMENT") {
				t.Errorf("the row shows %q", n.BodyRedacted)
			}
		})
	}
}

// A genuine notification that is JSON only once its bytes that are not
// UTF-8 are replaced (a backslash before 0xff: "\\ufffd" after) is
// applied as read, but its inbox row shows only its size, as for any
// body that is not JSON as sent: a body is shown redacted only once it
// has been decoded as it was sent.
func TestNotifyJSONOnlyAsTextIsShownAsNotJSON(t *testing.T) {
	ta := newTestApp(t)
	body := []byte(`{"notifyType":"PAYMENT_RESULT","paymentRequestId":"PR-NEVER-MADE","result":{"resultStatus":"S","resultMessage":"\` + "\xff" + `"}}`)
	ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), body))
	rows, err := ta.DB.RecentNotifications(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, len(rows), 1, "inbox rows")
	assertEqual(t, rows[0].Verdict, checkout.VerdictStale, "verdict")
	assertEqual(t, rows[0].BodyRedacted, "[not JSON: "+itoa(int64(len(body)))+" bytes]", "shown")
}
