package handlers

import (
	"context"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
)

// A capture or a void Antom has not confirmed for over 5 minutes is an
// open problem on the dashboard, one line each, linking the orders
// filter that lists exactly that order: not one sent a moment ago, not
// one waiting for staff.
func TestUnconfirmedCaptureAndVoidAreOpenProblems(t *testing.T) {
	ta := newAdminApp(t)
	staff := ta.client(t)
	staff.staffSignIn()
	ctx := context.Background()
	long := ta.now.Add(-6 * time.Minute)
	capture := func(ref string, at time.Time) {
		t.Helper()
		o := ta.order(t, ref)
		a, err := ta.DB.SuccessfulAttempt(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ta.DB.InsertCapture(ctx, db.Capture{OrderID: o.ID, AttemptID: a.ID, CaptureRequestID: "CAP-" + ref,
			Currency: o.Currency, Amount: 1000, Status: db.CaptureProcessing, CreatedBy: staffEmail, CreatedAt: at}); err != nil {
			t.Fatal(err)
		}
	}
	void := func(ref string, at time.Time) {
		t.Helper()
		a, err := ta.DB.SuccessfulAttempt(ctx, ta.order(t, ref).ID)
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := ta.DB.RequestCancel(ctx, a.ID, "", at); err != nil || !ok {
			t.Fatalf("void requested: %v %v", ok, err)
		}
	}
	capturingLong := ta.authorizedOrder(t, "capture-unconfirmed@example.com")
	capture(capturingLong, long)
	capture(ta.authorizedOrder(t, "capture-just-sent@example.com"), ta.now.Add(-time.Minute))
	releasingLong := ta.authorizedOrder(t, "void-unconfirmed@example.com")
	void(releasingLong, long)
	void(ta.authorizedOrder(t, "void-just-sent@example.com"), ta.now.Add(-time.Minute))
	ta.authorizedOrder(t, "waiting-for-staff@example.com")

	d := staff.get("/admin")
	for _, p := range []struct{ testid, status, line string }{
		{"problem-captures-unconfirmed", "capturing-stuck", `<span class="count count-bad">1</span> capture not confirmed by Antom for over 5 min `},
		{"problem-voids-unconfirmed", "releasing-stuck", `<span class="count count-bad">1</span> void not confirmed by Antom for over 5 min `},
	} {
		assertContains(t, d.body, `<a href="/admin/orders?status=`+p.status+`" data-testid="`+p.testid+`">`)
		assertContains(t, between(t, d.body, `data-testid="`+p.testid+`"`, "</a>"), p.line)
	}
	for status, ref := range map[string]string{"capturing-stuck": capturingLong, "releasing-stuck": releasingLong} {
		list := staff.get("/admin/orders?status=" + status)
		assertEqual(t, strings.Count(list.body, `data-testid="order-row"`), 1, "orders listed as "+status)
		assertContains(t, list.body, ref+"</a>")
	}

	// Once Antom confirms the void, neither the line nor the filter has it.
	a, err := ta.DB.SuccessfulAttempt(ctx, ta.order(t, releasingLong).ID)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := ta.DB.SetCancelStatus(ctx, a.ID, db.CancelSuccess, time.Time{}, ta.now); err != nil || !ok {
		t.Fatalf("void confirmed: %v %v", ok, err)
	}
	if ok, err := ta.DB.SetOrderStatus(ctx, a.OrderID, db.OrderAuthorized, db.OrderVoided, ta.now); err != nil || !ok {
		t.Fatalf("order voided: %v %v", ok, err)
	}
	assertContains(t, between(t, staff.get("/admin").body, `data-testid="problem-voids-unconfirmed"`, "</a>"), `<span class="count">0</span> voids not confirmed`)
	assertEqual(t, strings.Count(staff.get("/admin/orders?status=releasing-stuck").body, `data-testid="order-row"`), 0, "orders listed as releasing-stuck once voided")
}
