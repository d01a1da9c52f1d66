package handlers

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/views"
)

// Staff see when each authorization must be captured by, and which ones
// expire soon: the orders list says "Capture before …" beside every
// authorized order waiting for them (amber within 24 hours, "expired" once that time has
// come, "not known yet" while Antom has not given it; none while a capture
// is under way), lists the authorized soonest expiry first, and its filter
// "authorization-expiring" lists those waiting for staff (no capture or
// void under way) that expire within 24 hours; the dashboard counts them
// and links that filter.
func TestAuthorizationsExpiringForStaff(t *testing.T) {
	ta := newAdminApp(t)
	staff := ta.client(t)
	staff.staffSignIn()
	ctx := context.Background()
	expiring := func(email string, in time.Duration) string {
		ref := ta.authorizedOrder(t, email)
		a, err := ta.DB.SuccessfulAttempt(ctx, ta.order(t, ref).ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := ta.DB.SetAttemptCard(ctx, a.ID, "VISA", "4242", ta.now.Add(in), ta.now); err != nil {
			t.Fatal(err)
		}
		return ref
	}
	later := expiring("later@example.com", 20*time.Hour)
	soon := expiring("soon@example.com", 2*time.Hour)
	week := expiring("week@example.com", 7*24*time.Hour)
	capturing := expiring("capturing@example.com", time.Hour)
	ta.staffCapture(t, capturing, "CAP-"+capturing, 1000, db.CaptureProcessing, "", "")
	lapsed := expiring("lapsed@example.com", -time.Minute)  // the reconciler has not closed it yet
	unknown := ta.authorizedOrder(t, "unknown@example.com") // Antom did not say

	list := staff.get("/admin/orders?status=authorized")
	assertEqual(t, strings.Join(rowRefs(list.body), " "), strings.Join([]string{lapsed, capturing, soon, later, week, unknown}, " "), "authorized, soonest expiry first")
	for ref, want := range map[string]string{
		soon:   `data-soon="true">Capture before <time datetime="` + ta.now.Add(2*time.Hour).UTC().Format(time.RFC3339) + `">` + views.AdminTime(nil, ta.now.Add(2*time.Hour)),
		later:  `data-soon="true">Capture before`,
		week:   `data-soon="false">Capture before <time datetime="` + ta.now.Add(7*24*time.Hour).UTC().Format(time.RFC3339),
		lapsed: `data-testid="auth-expiry">expired <time`,
	} {
		assertContains(t, between(t, list.body, ref+"</a>", "</tr>"), want)
	}
	if row := between(t, list.body, capturing+"</a>", "</tr>"); strings.Contains(row, `data-testid="auth-expiry"`) {
		t.Fatalf("a capture under way has no Capture before line, as on its page:\n%s", row) // its badge says it is capturing
	}
	assertContains(t, between(t, list.body, unknown+"</a>", "</tr>"), `data-testid="auth-expiry" data-known="false">Capture before: not known yet</span>`)

	filtered := staff.get("/admin/orders?" + url.Values{"status": {"Authorization_Expiring"}}.Encode())
	assertEqual(t, strings.Join(rowRefs(filtered.body), " "), soon+" "+later, "expiring within 24 h, soonest first")

	tile := between(t, staff.get("/admin").body, `data-testid="authorizations-expiring"`, "</p>")
	assertContains(t, tile, `<a class="counted" href="/admin/orders?status=authorization-expiring">`,
		`<span class="count count-warn" data-testid="authorizations-expiring-count">2</span> <span class="counted-words">expire within 24 hours</span>`)

	n, first, err := ta.Checkout.ExpiringAuthorizations(ctx)
	if err != nil || n != 2 || !first.Equal(ta.now.Add(2*time.Hour).UTC().Truncate(time.Nanosecond)) {
		t.Fatalf("ExpiringAuthorizations = %d, %v, %v; want 2, %v", n, first, err, ta.now.Add(2*time.Hour).UTC())
	}
}

// rowRefs are the order refs an orders list shows, in its order.
func rowRefs(body string) []string {
	var refs []string
	for _, row := range strings.Split(body, `data-testid="order-row"`)[1:] {
		_, rest, _ := strings.Cut(row, `data-testid="order-link">`)
		ref, _, _ := strings.Cut(rest, "<")
		refs = append(refs, ref)
	}
	return refs
}
