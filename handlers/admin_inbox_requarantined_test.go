package handlers

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"antom-checkout/checkout"
)

// A quarantined notification whose replay is quarantined again is not
// "no longer quarantined": its row says its replay took the problem
// over, still open there, and the quarantined filter lists the replay.
func TestAdminInboxQuarantinedAgainOnReplay(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	body := []byte(`{"notifyType":"CAPTURE_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}`)
	v, err := ta.Checkout.ReceiveNotification(ctx, checkout.Inbound{Body: body})
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, v, checkout.VerdictQuarantined, "a CAPTURE_RESULT naming no capture or payment")
	rows, err := ta.DB.RecentNotifications(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	first := rows[0].ID

	br := ta.client(t)
	br.staffSignIn()
	p := br.post(fmt.Sprintf("/admin/notifications/%d/replay", first), nil)
	assertEqual(t, p.status, http.StatusSeeOther, "replay")
	if rows, err = ta.DB.RecentNotifications(ctx, 1); err != nil {
		t.Fatal(err)
	}
	replay := rows[0]
	assertEqual(t, replay.Verdict, checkout.VerdictQuarantined, "the replay's verdict")

	one := br.get(fmt.Sprintf("/admin/notifications/%d", first))
	assertContains(t, one.body, `data-testid="settled-by"`,
		fmt.Sprintf(`Replayed as <a class="mono" href="/admin/notifications/%d" data-testid="settled-by-link">#%d</a>: quarantined again.`, replay.ID, replay.ID),
		"quarantined, still open in its replay")
	for _, untrue := range []string{"No longer quarantined", "dealt with"} {
		if strings.Contains(one.body, untrue) {
			t.Fatalf("the quarantined row quarantined again on replay says %q", untrue)
		}
	}
	list := br.get("/admin/notifications?verdict=quarantined")
	assertContains(t, list.body, fmt.Sprintf(`data-id="%d"`, replay.ID))
}
