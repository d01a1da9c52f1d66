package handlers

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/checkout"
	"antom-checkout/db"
)

// A notification whose kind no flow handles yet is stored, sealed, and not
// acknowledged, so Antom sends it again.
func TestNotifyUnhandledKindIsStoredNotAcknowledged(t *testing.T) {
	ta := newTestApp(t)
	body := []byte(`{"notifyType":"UPDATE_AMOUNT_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"paymentRequestId":"r1","paymentId":"p1","captureAmount":{"currency":"USD","value":"100"},"paymentResultInfo":{"cardToken":"SECRET-CARD-TOKEN-42"}}`)
	rec := ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), body))
	assertEqual(t, rec.Code, http.StatusNotImplemented, "status")
	if strings.Contains(rec.Body.String(), antom.AckBody) {
		t.Fatal("acknowledged a notification it did not apply")
	}
	rows, err := ta.DB.RecentNotifications(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, len(rows), 1, "inbox rows")
	assertEqual(t, rows[0].Verdict, checkout.VerdictUnhandled, "verdict")
	assertEqual(t, rows[0].Kind, "UPDATE_AMOUNT_RESULT", "kind")
	if strings.Contains(string(rows[0].BodySealed), "SECRET-CARD-TOKEN-42") || strings.Contains(rows[0].BodyRedacted, "SECRET-CARD-TOKEN-42") {
		t.Fatal("the inbox holds a plain card token")
	}
}

// Forged, replayed elsewhere, stale or unsigned notifications are refused
// with a non-2xx answer, never the acknowledgement, and recorded as forged.
func TestNotifyRefusesForgeries(t *testing.T) {
	vector := readVector(t, "notifyAuthorization.json")
	valid := []byte(vector)
	flipped := []byte(strings.Replace(vector, "AUTHCODE_CREATED", "AUTHCODE_CREATEE", 1))

	tests := []struct {
		name string
		req  func(ta *testApp) *http.Request
	}{
		{"flipped body byte", func(ta *testApp) *http.Request {
			req := ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), valid)
			req.Body = ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), flipped).Body
			return req
		}},
		{"signed for another path", func(ta *testApp) *http.Request {
			return ta.notification(t, testClientID, "/other/notify", ta.now.Format(time.RFC3339), valid)
		}},
		{"another client id", func(ta *testApp) *http.Request {
			return ta.notification(t, "SANDBOX_OTHER", "/antom/notify", ta.now.Format(time.RFC3339), valid)
		}},
		{"two days old", func(ta *testApp) *http.Request {
			return ta.notification(t, testClientID, "/antom/notify", ta.now.Add(-48*time.Hour).Format(time.RFC3339), valid)
		}},
		{"no signature", func(ta *testApp) *http.Request {
			req := ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), valid)
			delete(req.Header, "signature")
			return req
		}},
		{"signed by someone else", func(ta *testApp) *http.Request {
			ta.antomKey = mustPrivateKey(t, "merchant_private_pkcs8.b64")
			return ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), valid)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ta := newTestApp(t)
			rec := ta.do(tt.req(ta))
			assertEqual(t, rec.Code, http.StatusUnauthorized, "status")
			if strings.Contains(rec.Body.String(), antom.AckBody) {
				t.Fatal("acknowledged a forged notification")
			}
			rows, err := ta.DB.RecentNotifications(context.Background(), 10)
			if err != nil {
				t.Fatal(err)
			}
			assertEqual(t, len(rows), 1, "inbox rows")
			assertEqual(t, rows[0].Verdict, checkout.VerdictForged, "verdict")
			if rows[0].BodySealed != nil {
				t.Fatal("a forged body was kept for replay")
			}
		})
	}
}

// A notification larger than any request's body may be (maxBody, the
// pages' bound too) is refused with 413 in plain text, by its
// Content-Length or sent chunked, and nothing is stored.
func TestNotifyRefusesOversizedBody(t *testing.T) {
	ta := newTestApp(t)
	pad := maxBody + 1 - len(`{"notifyType":"PAYMENT_RESULT","pad":""}`)
	big := []byte(`{"notifyType":"PAYMENT_RESULT","pad":"` + strings.Repeat("x", pad) + `"}`)
	assertEqual(t, len(big), maxBody+1, "the body's size")
	for _, chunked := range []bool{false, true} {
		req := ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), big)
		if chunked {
			req.ContentLength = -1
			req.Body = io.NopCloser(bytes.NewReader(big))
		}
		rec := ta.do(req)
		assertEqual(t, rec.Code, http.StatusRequestEntityTooLarge, "status")
		assertEqual(t, rec.Body.String(), "notification too large or unreadable", "body")
		assertEqual(t, rec.Header().Get("Content-Type"), "text/plain; charset=utf-8", "content type")
	}
	rows, _ := ta.DB.RecentNotifications(context.Background(), 10)
	assertEqual(t, len(rows), 0, "inbox rows")
	// One byte less is within the bound: read, not refused as too large.
	fits := append(big[:maxBody-2:maxBody-2], `"}`...)
	within := ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), fits))
	if within.Code == http.StatusRequestEntityTooLarge {
		t.Fatalf("a notification of %d bytes was refused as too large", maxBody)
	}
}

// readVector returns the body of one of Antom's signed test vectors.
func readVector(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../antom/testdata/vectors/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var v struct{ Body string }
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v.Body
}

// A notification whose body is not JSON (form-encoded, plain text) keeps
// none of its text: refused (forged) or signed (kept unhandled, naming no
// kind: TestNotifySignedWithoutAKindIsStoredNotAcknowledged), the inbox
// row, the inbox page and the log show its size, never a token in it.
func TestNotifyNonJSONBodiesNeverShowTheirText(t *testing.T) {
	ta := newAdminApp(t)
	var logs bytes.Buffer
	ta.Log = slog.New(slog.NewJSONHandler(&logs, nil))
	bodies := []string{"accessToken=AT_LEAK_FOUR&authCode=AC_LEAK_FIVE", "refreshToken AT_LEAK_SIX and authCode AC_LEAK_SEVEN"}
	for _, body := range bodies {
		req := ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), []byte(body))
		delete(req.Header, "signature")
		assertEqual(t, ta.do(req).Code, http.StatusUnauthorized, "forged "+body)
		signed := ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), []byte(body)))
		if signed.Code == http.StatusOK {
			t.Fatal("acknowledged a body that is not JSON")
		}
	}
	rows, err := ta.DB.RecentNotifications(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, len(rows), 4, "inbox rows")
	b := ta.client(t)
	b.staffSignIn()
	pages := map[string]string{}
	for _, verdict := range []string{checkout.VerdictForged, checkout.VerdictUnhandled} {
		pages[verdict] = b.get("/admin/notifications?verdict=" + verdict).body
		assertContains(t, pages[verdict], fmt.Sprintf("[not JSON: %d bytes]", len(bodies[0])), fmt.Sprintf("[not JSON: %d bytes]", len(bodies[1])))
	}
	var stored strings.Builder
	verdicts := map[string]int{}
	for _, r := range rows {
		verdicts[r.Verdict]++
		fmt.Fprintf(&stored, "%s %s %s %s\n", r.BodyRedacted, r.Detail, r.RequestTime, r.BodySealed)
	}
	assertEqual(t, verdicts[checkout.VerdictForged], 2, "forged rows")
	assertEqual(t, verdicts[checkout.VerdictUnhandled], 2, "signed rows, kept unhandled")
	for _, secret := range []string{"AT_LEAK", "AC_LEAK"} {
		for where, text := range map[string]string{"inbox row": stored.String(), "forged page": pages[checkout.VerdictForged],
			"unhandled page": pages[checkout.VerdictUnhandled], "log": logs.String()} {
			if strings.Contains(text, secret) {
				t.Errorf("the %s shows %s: %s", where, secret, text)
			}
		}
	}
}

// A JSON body carrying form-encoded text in a string value
// ("x":"accessToken=…&…") shows none of its credentials: not in the
// inbox rows (refused or not), nor on the inbox page, nor in the log;
// a row stored by an older redaction that let them through is masked
// on the page too.
func TestNotifyFormTextInJSONNeverShowsItsSecrets(t *testing.T) {
	ta := newAdminApp(t)
	var logs bytes.Buffer
	ta.Log = slog.New(slog.NewJSONHandler(&logs, nil))
	body := `{"notifyType":"SOMETHING_NEW","x":"accessToken=AT_LEAK_EIGHT&authCode=AC_LEAK_NINE&userId=u1",` +
		`"back":"https://shop.example/?refresh_token=AT_LEAK_TEN"}`
	req := ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), []byte(body))
	delete(req.Header, "signature")
	assertEqual(t, ta.do(req).Code, http.StatusUnauthorized, "forged")
	ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), []byte(body)))
	if _, err := ta.DB.InsertNotification(context.Background(), db.Notification{ReceivedAt: ta.now, Kind: "OLD",
		BodyRedacted: `{"x":"cardToken=CT_LEAK_OLD&b=1"}`, Verdict: checkout.VerdictUnhandled}); err != nil {
		t.Fatal(err)
	}
	rows, err := ta.DB.RecentNotifications(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, len(rows), 3, "inbox rows")
	var stored strings.Builder
	for _, r := range rows[1:] {
		fmt.Fprintf(&stored, "%s %s\n", r.BodyRedacted, r.Detail)
		assertContains(t, r.BodyRedacted, `"x":"accessToken=[redacted]&authCode=[redacted]&userId=u1"`)
	}
	b := ta.client(t)
	b.staffSignIn()
	page := b.get("/admin/notifications").body
	assertContains(t, page, "accessToken=[redacted]&amp;authCode=[redacted]&amp;userId=u1", "cardToken=[redacted]&amp;b=1")
	for _, secret := range []string{"AT_LEAK", "AC_LEAK", "CT_LEAK"} {
		for where, text := range map[string]string{"inbox rows": stored.String(), "inbox page": page, "log": logs.String()} {
			if strings.Contains(text, secret) {
				t.Errorf("the %s shows %s: %s", where, secret, text)
			}
		}
	}
}

// An automatic capture's CAPTURE_RESULT that arrives while a card
// payment in AUTOMATIC mode still waits for pay's answer (which brings
// the paymentId it names) is stored as deferred and not acknowledged, so
// Antom sends it again; it is not counted as refused.
func TestNotifyCaptureBeforePayAnswerIsDeferred(t *testing.T) {
	ta := newTestApp(t)
	ctx := context.Background()
	_, o := ta.buyerOrder(t, "deferred@example.com", "coffee", "1")
	row := ta.order(t, o.Ref)
	if _, err := ta.DB.InsertAttempt(ctx, db.Attempt{OrderID: row.ID, PaymentRequestID: "PR-" + o.Ref + "-CARD", Method: db.MethodCard,
		Currency: row.Currency, Amount: row.Amount, Status: db.AttemptProcessing, CaptureMode: antom.CaptureAutomatic,
		ExpiresAt: ta.now.Add(10 * time.Minute), NextCheckAt: ta.now.Add(time.Hour), CreatedAt: ta.now}); err != nil {
		t.Fatal(err)
	}
	body := []byte(`{"notifyType":"CAPTURE_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"captureRequestId":"AUTO_PAY-1","paymentId":"PAY-1","captureId":"CAP-1","captureAmount":{"currency":"` +
		row.Currency + `","value":"` + fmt.Sprint(row.Amount) + `"}}`)
	rec := ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), body))
	assertEqual(t, rec.Code, http.StatusServiceUnavailable, "status")
	if strings.Contains(rec.Body.String(), antom.AckBody) {
		t.Fatal("acknowledged a notification it could not apply yet")
	}
	rows, err := ta.DB.RecentNotifications(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, len(rows), 1, "inbox rows")
	assertEqual(t, rows[0].Verdict, checkout.VerdictDeferred, "verdict")
	if !strings.Contains(rows[0].Detail, "PR-"+o.Ref+"-CARD (card, AUTOMATIC capture)") {
		t.Fatalf("the inbox says %q", rows[0].Detail)
	}
}
