package handlers

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// The dashboard's "refused (forged) in the last 24 hours" leads to those
// rows only: the inbox filters by when a notification was received
// (?within=1h, 24h, 7d, in any case), keeping the filter across pages;
// a time it does not know answers 400, lists nothing and links the
// times there are.
func TestAdminInboxWithinATime(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	insert := func(kind string, at time.Time) {
		t.Helper()
		if _, err := ta.DB.InsertNotification(ctx, db.Notification{ReceivedAt: at, Kind: kind,
			BodyRedacted: `{}`, Verdict: checkout.VerdictForged}); err != nil {
			t.Fatal(err)
		}
	}
	insert("FORGED_OLD", ta.now.Add(-48*time.Hour))
	insert("FORGED_WEEK_OLD", ta.now.Add(-8*24*time.Hour))
	insert("FORGED_NEW", ta.now.Add(-time.Hour))
	b := ta.client(t)
	b.staffSignIn()
	dash := b.get("/admin")
	assertContains(t, dash.body, `<span class="count count-bad">1</span> refused (forged) notification in the last 24 hours`)
	href := regexp.MustCompile(`<a href="([^"]+)" data-testid="problem-forged">`).FindStringSubmatch(dash.body)[1]
	p := b.get(strings.ReplaceAll(href, "&amp;", "&"))
	assertEqual(t, p.status, http.StatusOK, "the dashboard's link")
	assertContains(t, p.body, "FORGED_NEW", `<option value="forged" selected>`, `<option value="24h" selected>`)
	if strings.Contains(p.body, "FORGED_OLD") || strings.Contains(p.body, "FORGED_WEEK_OLD") {
		t.Fatal("the last 24 hours list older notifications")
	}
	week := b.get("/admin/notifications?within=7D")
	assertContains(t, week.body, "FORGED_NEW", "FORGED_OLD", `<option value="7d" selected>`)
	if strings.Contains(week.body, "FORGED_WEEK_OLD") {
		t.Fatal("the last 7 days list an older notification")
	}
	assertContains(t, b.get("/admin/notifications").body, "FORGED_WEEK_OLD")

	for _, raw := range []string{"2d", "-24h", "24", "yesterday"} {
		bad := b.get("/admin/notifications?verdict=forged&within=" + raw)
		assertEqual(t, bad.status, http.StatusBadRequest, "within="+raw)
		assertContains(t, bad.body, `data-testid="inbox-within-error"`, "There is no time “"+raw+"” to filter by",
			`href="/admin/notifications?within=24h"`, "Last 24 hours")
		if strings.Contains(bad.body, `data-testid="inbox-row"`) {
			t.Fatalf("within=%s lists notifications", raw)
		}
	}

	// Pages keep the time filter.
	for range checkout.InboxPageSize {
		insert("FORGED_MANY", ta.now)
	}
	first := b.get("/admin/notifications?within=24h")
	assertContains(t, first.body, `href="/admin/notifications?page=2&amp;within=24h" rel="next"`)
	second := b.get("/admin/notifications?page=2&within=24h")
	assertContains(t, second.body, "FORGED_NEW")
	if strings.Contains(second.body, "FORGED_OLD") {
		t.Fatal("the second page of the last 24 hours lists an older notification")
	}
}
