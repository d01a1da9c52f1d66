package handlers

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/checkout"
	"antom-checkout/db"
)

// A deferred CAPTURE_RESULT that staff replay once its payment has the
// paymentId is applied, and the inbox says so: the deferred filter no
// longer lists it, and its row says it was dealt with, by which row.
// A row still waiting stays under the filter.
func TestAdminInboxDeferredRowDealtWith(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	b, err := ta.Checkout.SignUp(ctx, "dealtwith@example.com", "correct horse battery", "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	deferred := func(paymentID string) (int64, int64) {
		t.Helper()
		o, err := ta.Checkout.CreateOrder(ctx, checkout.Viewer{BuyerID: b.ID}, "coffee", "1")
		if err != nil {
			t.Fatal(err)
		}
		row := ta.order(t, o.Ref)
		a, err := ta.DB.InsertAttempt(ctx, db.Attempt{OrderID: row.ID, PaymentRequestID: "PR-" + o.Ref + "-CARD", Method: db.MethodCard,
			Currency: row.Currency, Amount: row.Amount, Status: db.AttemptProcessing, CaptureMode: antom.CaptureAutomatic,
			ExpiresAt: ta.now.Add(10 * time.Minute), NextCheckAt: ta.now.Add(time.Hour), CreatedAt: ta.now})
		if err != nil {
			t.Fatal(err)
		}
		body := []byte(`{"notifyType":"CAPTURE_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"captureRequestId":"AUTO_` +
			paymentID + `","paymentId":"` + paymentID + `","captureId":"CAP-` + paymentID + `","captureAmount":{"currency":"` +
			row.Currency + `","value":"` + fmt.Sprint(row.Amount) + `"}}`)
		v, err := ta.Checkout.ReceiveNotification(ctx, checkout.Inbound{Body: body})
		assertEqual(t, v, checkout.VerdictDeferred, "verdict before pay's answer")
		if err != checkout.ErrDeferred {
			t.Fatalf("deferred: %v", err)
		}
		rows, err := ta.DB.RecentNotifications(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		return rows[0].ID, a
	}
	dealt, attempt := deferred("PAY-DEALT")
	waiting, _ := deferred("PAY-WAITING")
	if err := ta.DB.SetAttemptPaymentID(ctx, attempt, "PAY-DEALT", ta.now); err != nil {
		t.Fatal(err)
	}

	br := ta.client(t)
	br.staffSignIn()
	p := br.post(fmt.Sprintf("/admin/notifications/%d/replay", dealt), nil)
	assertEqual(t, p.status, http.StatusSeeOther, "replay")
	rows, err := ta.DB.RecentNotifications(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	replay := rows[0]
	assertEqual(t, replay.Verdict, checkout.VerdictApplied, "the replay once the paymentId is known")

	list := br.get("/admin/notifications?verdict=deferred")
	assertEqual(t, list.status, http.StatusOK, "the deferred filter")
	assertContains(t, list.body, fmt.Sprintf(`data-id="%d"`, waiting))
	if strings.Contains(list.body, fmt.Sprintf(`data-id="%d"`, dealt)) {
		t.Fatal("the deferred filter lists a deferred row that was applied since")
	}
	if strings.Contains(list.body, `data-testid="settled-by"`) {
		t.Fatal("a row still waiting says it was dealt with")
	}
	one := br.get(fmt.Sprintf("/admin/notifications/%d", dealt))
	assertContains(t, one.body, `data-testid="settled-by"`, "No longer deferred: dealt with by",
		fmt.Sprintf(`href="/admin/notifications/%d" data-testid="settled-by-link">#%d</a>`, replay.ID, replay.ID),
		"deferred, dealt with since", fmt.Sprintf(`data-testid="replayed-as-link">#%d</a> (applied)`, replay.ID))
	all := br.get("/admin/notifications")
	assertContains(t, all.body, fmt.Sprintf(`data-id="%d"`, dealt), fmt.Sprintf(`data-id="%d"`, waiting))
}
