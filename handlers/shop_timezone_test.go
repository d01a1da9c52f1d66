package handlers

import (
	"antom-checkout/checkout"
	"net/http"
	"strings"
	"testing"
	"time"
)

// bangkokAt is a test app's clock at 20:00 UTC on 2 December 2026, in a
// shop whose SHOP_TIMEZONE is Asia/Bangkok: 03:00 on 3 December there.
func bangkokAt(t *testing.T, ta *testApp) {
	t.Helper()
	bangkok, err := time.LoadLocation("Asia/Bangkok")
	if err != nil {
		t.Fatal(err)
	}
	ta.Zone = bangkok
	ta.now = time.Date(2026, 12, 2, 20, 0, 0, 0, time.UTC)
}

// A shop in Bangkok (SHOP_TIMEZONE=Asia/Bangkok) shows its buyers its own
// time, labelled by its offset: an order made at 20:00 UTC on 2 December
// is dated 3 December on My orders, and the card payment's wait says
// 03:16 UTC+7, not 20:16 UTC. The page's datetime attribute stays UTC.
func TestBuyerPagesShowTheShopsTime(t *testing.T) {
	ta := newTestApp(t)
	bangkokAt(t, ta)
	b := ta.client(t)
	b.signUp("bangkok@example.com")
	card := ta.keepCard(t, "bangkok@example.com")
	ref := b.buy("coffee", "1")
	ta.cardAttemptWith(t, ref, card, false, false)

	p := b.get("/orders/" + ref)
	assertEqual(t, p.status, http.StatusOK, "result page")
	assertEqual(t, textOf(t, html(t, p.body), "result-detail"),
		"This page updates by itself as soon as we know. If Antom does not answer sooner, we expect to know by 03:16 UTC+7 at the latest. Please don't pay again meanwhile.",
		"the wait, in Bangkok's time")

	p = b.get("/orders")
	assertEqual(t, p.status, http.StatusOK, "My orders")
	date := testid(html(t, p.body), "order-date").First()
	assertEqual(t, strings.Join(strings.Fields(date.Text()), " "), "3 Dec 2026", "the order's date, Bangkok's day")
	assertEqual(t, date.AttrOr("datetime", ""), "2026-12-02T20:00:00Z", "the machine-readable time, UTC")
}

// Staff of a shop in Bangkok read its time too: the order's timeline says
// 3 Dec 2026 03:00:00 UTC+7 for what happened at 20:00 UTC on 2 December.
func TestStaffPagesShowTheShopsTime(t *testing.T) {
	ta := newAdminApp(t)
	bangkokAt(t, ta)
	b := ta.client(t)
	b.staffSignIn()
	ref := ta.authorizedOrder(t, "bangkok@example.com")

	p := b.get("/admin/orders/" + ref)
	assertEqual(t, p.status, http.StatusOK, "order page")
	times := html(t, p.body).Find(`[data-testid="timeline-event"] time`)
	if times.Length() == 0 {
		t.Fatalf("no timeline times:\n%s", p.body)
	}
	for i := range times.Length() {
		at := times.Eq(i)
		assertEqual(t, asRead(at.Text()), "3 Dec 2026 03:00:00 UTC+7", "a timeline time")
		assertEqual(t, at.AttrOr("datetime", ""), "2026-12-02T20:00:00Z", "its machine-readable time")
	}
}

// The dashboard's today is the shop's day (20:00 UTC on the 2nd is the
// 3rd in Bangkok), and says so; UTC's without a zone.
func TestDashboardTodayIsTheShopsDay(t *testing.T) {
	for _, tc := range []struct {
		zone, want string
	}{{"Asia/Bangkok", "Today is Thursday 3 December 2026 (UTC+7)."}, {"UTC", "Today is Wednesday 2 December 2026 (UTC)."}} {
		zone, err := time.LoadLocation(tc.zone)
		if err != nil {
			t.Fatal(err)
		}
		ta := withStaffTuned(t, newTestApp(t), func(o *checkout.Options) { o.Zone = zone })
		ta.Zone, ta.now = zone, time.Date(2026, 12, 2, 20, 0, 0, 0, time.UTC)
		b := ta.client(t)
		b.staffSignIn()
		assertEqual(t, textOf(t, html(t, b.get("/admin").body), "today"), tc.want, "the dashboard's day in "+tc.zone)
	}
}
