package handlers

import (
	"context"
	"fmt"
	"testing"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// A deferred row whose re-application failed says so; once it failed so
// often that it is set aside, it says that staff's replay is what deals
// with it now.
func TestAdminInboxDeferredRowSetAside(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	id, err := ta.DB.InsertNotification(ctx, db.Notification{ReceivedAt: ta.now, Kind: "CAPTURE_RESULT", BodySealed: []byte("x"),
		BodyRedacted: `{}`, Verdict: checkout.VerdictDeferred, Awaits: "PAY-ASIDE", AwaitsAttempt: 1})
	if err != nil {
		t.Fatal(err)
	}
	br := ta.client(t)
	br.staffSignIn()
	page := fmt.Sprintf("/admin/notifications/%d", id)
	if _, err := ta.DB.DeferredFailed(ctx, id, ta.now); err != nil {
		t.Fatal(err)
	}
	assertContains(t, br.get(page).body, `data-testid="reapply-failed"`, "Re-applying it failed 1 time; it is tried again later")
	for range 7 {
		if _, err := ta.DB.DeferredFailed(ctx, id, ta.now); err != nil {
			t.Fatal(err)
		}
	}
	assertContains(t, br.get(page).body, `data-testid="set-aside"`, "Re-applying it failed 8 times: set aside")
}
