package views

import (
	"context"
	"strings"
	"testing"
	"time"

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

// The hourly chart counts the shop's hours (SHOP_TIMEZONE), and its
// heading, drawing and table say the zone's label as the "Today is" line
// does (before: UTC hours, said so, while today was the shop's day); an
// hour at another offset (the day summer time ends) says its own.
func TestDashboardChartSaysTheShopsZone(t *testing.T) {
	if got := dashboardText(t, AdminDashboard{}, "chart-title"); got != "Payments per hour, last 24 hours (UTC)" {
		t.Errorf("the chart's heading, no zone: %q", got)
	}
	kolkata, err := time.LoadLocation("Asia/Kolkata")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 12, 7, 20, 30, 0, 0, time.UTC).In(kolkata)
	m := AdminDashboard{Chart: NewChart([]ChartBar{{Start: start.Add(-time.Hour)}, {Start: start, Count: 1}})}
	if got := dashboardText(t, m, "chart-title"); got != "Payments per hour, last 24 hours (UTC+5:30)" {
		t.Errorf("the chart's heading in Kolkata: %q", got)
	}
	var b strings.Builder
	if err := AdminDashboardPage(m).Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<title>02:00–03:00 UTC+5:30: 1 payment</title>", "Payments that took money per hour, last 24 hours (UTC+5:30)",
		`<th scope="col">Hour (UTC+5:30)</th>`, "<tr><td>02:00</td><td>1</td></tr>"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the chart in Kolkata lacks %q", want)
		}
	}

	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	twice := time.Date(2026, 11, 1, 5, 0, 0, 0, time.UTC).In(newYork) // 01:00 EDT, then 01:00 EST
	c := NewChart([]ChartBar{{Start: twice}, {Start: twice.Add(time.Hour)}, {Start: twice.Add(2 * time.Hour)}})
	if c.In() != "UTC−5" || c.Bars[0].HourIn(c.In()) != "01:00 UTC−4" || c.Bars[1].HourIn(c.In()) != "01:00" {
		t.Errorf("the day summer time ends: %s, %q, %q", c.In(), c.Bars[0].HourIn(c.In()), c.Bars[1].HourIn(c.In()))
	}
	if got := c.Bars[0].Title(); got != "01:00 UTC−4–01:00 UTC−5: 0 payments" {
		t.Errorf("the hour the clock goes back in: %q", got)
	}
}
