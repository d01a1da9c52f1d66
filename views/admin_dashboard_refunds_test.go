package views

import (
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// renderDashboard renders the dashboard and returns the text (spaces
// folded) of the element with data-testid id, "" when there is none.
func dashboardText(t *testing.T, m AdminDashboard, id string) string {
	t.Helper()
	var b strings.Builder
	if err := AdminDashboardPage(m).Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	d, err := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(d.Find(`[data-testid="`+id+`"]`).Text()), " ")
}

// The dashboard's failed-refund line says what those we closed ourselves
// wait for: a Refund lookup, or — found processing — Antom's answer too.
func TestDashboardLookFirstWordsSayWhatEachWaitsFor(t *testing.T) {
	for _, c := range []struct {
		failed, lookFirst, found int
		want                     string
	}{
		{1, 1, 0, "— closed as failed by us, which Antom may yet make: it waits for a Refund lookup saying Antom has none"},
		{3, 2, 0, "— 2 closed as failed by us, which Antom may yet make: each waits for a Refund lookup saying Antom has none"},
		{1, 1, 1, "— closed as failed by us, which Antom may yet make: Antom is processing it, which waits for Antom's answer or a later Refund lookup saying Antom has none"},
		{2, 2, 2, "— closed as failed by us, which Antom may yet make: Antom is processing them, and each waits for Antom's answer or a later Refund lookup saying Antom has none"},
		{4, 3, 1, "— 3 closed as failed by us, which Antom may yet make: Antom is processing 1 of them, which waits for Antom's answer or a later Refund lookup saying Antom has none; " +
			"the other 2 wait for a Refund lookup saying Antom has none"},
		{2, 2, 1, "— closed as failed by us, which Antom may yet make: Antom is processing 1 of them, which waits for Antom's answer or a later Refund lookup saying Antom has none; " +
			"the other waits for a Refund lookup saying Antom has none"},
	} {
		m := AdminDashboard{RefundsFailed: c.failed, RefundsFailedLookFirst: c.lookFirst, RefundsFoundProcessing: c.found}
		if got := dashboardText(t, m, "problem-refunds-look-first"); got != c.want {
			t.Errorf("%d failed, %d to look up first, %d found processing:\n got %s\nwant %s", c.failed, c.lookFirst, c.found, got, c.want)
		}
	}
}

// The dashboard names a few of the failures waiting for a lookup (each
// linking its order), says that is what they are — not the oldest
// failures of all — and counts the rest.
func TestDashboardNamesAFewLookFirstAndCountsTheRest(t *testing.T) {
	m := AdminDashboard{RefundsFailed: 6, RefundsFailedLookFirst: 5, RefundsLookFirstShown: []AdminLookFirst{
		{"ORD-A", "RF-ORD-A-1"}, {"ORD-B", "RF-ORD-B-2"}, {"ORD-C", "RF-ORD-C-3"}}}
	if got, want := dashboardText(t, m, "refunds-look-first-shown"), "(the ones to look up, oldest first: RF-ORD-A-1, RF-ORD-B-2, RF-ORD-C-3 and 2 more)"; got != want {
		t.Errorf("the examples:\n got %s\nwant %s", got, want)
	}
	m.RefundsFailedLookFirst = 3
	if got, want := dashboardText(t, m, "refunds-look-first-shown"), "(the ones to look up, oldest first: RF-ORD-A-1, RF-ORD-B-2, RF-ORD-C-3)"; got != want {
		t.Errorf("all named:\n got %s\nwant %s", got, want)
	}
	one := AdminDashboard{RefundsFailed: 4, RefundsFailedLookFirst: 1, RefundsLookFirstShown: []AdminLookFirst{{"ORD-A", "RF-ORD-A-1"}}}
	if got, want := dashboardText(t, one, "refunds-look-first-shown"), "(the one to look up: RF-ORD-A-1)"; got != want {
		t.Errorf("one named:\n got %s\nwant %s", got, want)
	}
	var b strings.Builder
	if err := AdminDashboardPage(m).Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `href="/admin/orders/ORD-B" data-testid="refund-look-first-link">RF-ORD-B-2</a>`) {
		t.Errorf("an example does not link its order:\n%s", b.String())
	}
}

// The dashboard's line of refunds made twice tells those made from the
// retries Antom is still processing, which are not made twice yet.
func TestDashboardTellsRefundsMadeTwiceFromMaybe(t *testing.T) {
	for _, c := range []struct {
		all, maybe int
		want       string
	}{
		{1, 0, "1 refund made twice (settled another way or tried again, then made by Antom after all: the buyer got the money twice)"},
		{1, 1, "1 refund that may be made twice (a retry Antom is still processing whose original it made after all, or a refund made good already that Antom is found processing: if Antom makes it, the buyer gets the money twice)"},
		{2, 2, "2 refunds that may be made twice (retries Antom is still processing whose originals it made after all, or refunds made good already that Antom is found processing: if Antom makes them, the buyer gets the money twice)"},
		{3, 1, "3 refunds made twice or that may be: 2 made twice (settled another way or tried again, then made by Antom after all: the buyer got the money twice), " +
			"1 may be (a retry Antom is still processing whose original it made after all, or a refund made good already that Antom is found processing: if Antom makes it, the buyer gets the money twice)"},
	} {
		m := AdminDashboard{RefundsPaidTwice: c.all, RefundsMaybeTwice: c.maybe}
		if got := dashboardText(t, m, "problem-refunds-paid-twice"); got != c.want {
			t.Errorf("%d, %d processing:\n got %s\nwant %s", c.all, c.maybe, got, c.want)
		}
	}
}

// The orders list badges a refund made twice and one that may be made
// twice (a retry still processing) apart.
func TestOrdersListBadgesMadeTwiceAndMaybeApart(t *testing.T) {
	var b strings.Builder
	m := AdminOrders{Rows: []AdminOrderRow{{Ref: "ORD-MADE", RefundMadeTwice: true}, {Ref: "ORD-MAYBE", RefundMaybeTwice: true}}}
	if err := AdminOrdersPage(m).Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	d, err := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	badges := map[string]string{}
	d.Find(`[data-testid="order-row"]`).Each(func(_ int, s *goquery.Selection) {
		badges[s.Find(`[data-testid="order-link"]`).Text()] = strings.TrimSpace(s.Find(`[data-testid="refund-paid-twice-badge"], [data-testid="refund-maybe-twice-badge"]`).Text())
	})
	if badges["ORD-MADE"] != "refund made twice" || badges["ORD-MAYBE"] != "refund may be made twice" {
		t.Errorf("the badges: %q", badges)
	}
}

// The automatic refunds' line reads as English for one as for several,
// and Refunds today says they are counted apart (the payment given back
// is not in Payments today either), so a day's figures add up.
func TestDashboardAutomaticRefundsReadForOneAndMany(t *testing.T) {
	for _, c := range []struct {
		n    int
		want string
	}{
		{0, "0 automatic refunds of orders paid twice"},
		{1, "1 automatic refund of an order paid twice"},
		{2, "2 automatic refunds of orders paid twice"},
	} {
		if got := dashboardText(t, AdminDashboard{AutoRefunds: c.n}, "problem-auto-refunds"); got != c.want {
			t.Errorf("%d: got %q, want %q", c.n, got, c.want)
		}
	}
	if got := dashboardText(t, AdminDashboard{}, "refunds-today-note"); !strings.Contains(got, "not counted in Payments today nor its refund here") {
		t.Errorf("Refunds today's note: %q", got)
	}
}

// The hourly chart counts UTC hours whatever the shop's zone
// (SHOP_TIMEZONE), and its heading says so where staff read it, not only
// in the drawing's title (trial: the rest of the admin read UTC+7).
func TestDashboardChartSaysItsHoursAreUTC(t *testing.T) {
	if got := dashboardText(t, AdminDashboard{}, "chart-title"); got != "Payments per hour, last 24 hours (UTC)" {
		t.Errorf("the chart's heading: %q", got)
	}
}
