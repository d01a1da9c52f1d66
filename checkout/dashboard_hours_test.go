package checkout

import (
	"slices"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/lang"
)

func zoneOf(t *testing.T, name string) *time.Location {
	t.Helper()
	z, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// hoursRead is the bars' starts as the shop's clock reads them.
func hoursRead(bars []HourBar) []string {
	out := make([]string, len(bars))
	for i, b := range bars {
		out[i] = b.Start.Format("15:04") + " " + lang.ZoneLabel(b.Start)
	}
	return out
}

// The dashboard's chart counts the shop's hours (SHOP_TIMEZONE), as its
// today is the shop's day: in India an hour begins at :30 of a UTC hour,
// in Nepal at :15; on the day summer time begins the hour the clock skips
// has no bar, on the day it ends the hour it reads twice has two, each
// labelled by its offset; and a payment counts in the shop's hour it was
// taken in (before: UTC's hours whatever the zone).
func TestDashboardHoursAreTheShopsHours(t *testing.T) {
	now := time.Date(2026, 12, 7, 21, 8, 0, 0, time.UTC)
	for _, c := range []struct {
		zone        *time.Location
		first, last string
		lastStarts  time.Time
	}{
		{nil, "22:00 UTC", "21:00 UTC", time.Date(2026, 12, 7, 21, 0, 0, 0, time.UTC)},
		{zoneOf(t, "Asia/Bangkok"), "05:00 UTC+7", "04:00 UTC+7", time.Date(2026, 12, 7, 21, 0, 0, 0, time.UTC)},
		{zoneOf(t, "Asia/Kolkata"), "03:00 UTC+5:30", "02:00 UTC+5:30", time.Date(2026, 12, 7, 20, 30, 0, 0, time.UTC)},
		{zoneOf(t, "Asia/Kathmandu"), "03:00 UTC+5:45", "02:00 UTC+5:45", time.Date(2026, 12, 7, 20, 15, 0, 0, time.UTC)},
		{zoneOf(t, "America/St_Johns"), "18:00 UTC−3:30", "17:00 UTC−3:30", time.Date(2026, 12, 7, 20, 30, 0, 0, time.UTC)},
	} {
		bars := hourBars(now, c.zone)
		read := hoursRead(bars)
		if len(bars) != 24 || read[0] != c.first || read[23] != c.last || !bars[23].Start.Equal(c.lastStarts) {
			t.Errorf("%v: %d bars, %s … %s (the last at %v), want %s … %s (at %v)", c.zone, len(bars), read[0], read[23], bars[23].Start.UTC(), c.first, c.last, c.lastStarts)
		}
		for i := 1; i < len(bars); i++ {
			if d := bars[i].Start.Sub(bars[i-1].Start); d != time.Hour {
				t.Errorf("%v: bar %d begins %v after the one before", c.zone, i, d)
			}
		}
	}

	newYork := zoneOf(t, "America/New_York")
	// 8 March 2026: at 02:00 EST the clock goes to 03:00 EDT (a 23-hour day).
	spring := hoursRead(hourBars(time.Date(2026, 3, 8, 12, 10, 0, 0, time.UTC), newYork))
	if i := slices.Index(spring, "01:00 UTC−5"); i < 0 || spring[i+1] != "03:00 UTC−4" || slices.ContainsFunc(spring, func(h string) bool { return h[:5] == "02:00" }) {
		t.Errorf("the day summer time begins: %q", spring)
	}
	// 1 November 2026: at 02:00 EDT the clock goes back to 01:00 EST (25 hours).
	autumn := hoursRead(hourBars(time.Date(2026, 11, 1, 12, 10, 0, 0, time.UTC), newYork))
	if i := slices.Index(autumn, "01:00 UTC−4"); i < 0 || autumn[i+1] != "01:00 UTC−5" || autumn[i+2] != "02:00 UTC−5" || autumn[23] != "07:00 UTC−5" {
		t.Errorf("the day summer time ends: %q", autumn)
	}

	// Payments are counted in the shop's hour they were taken in.
	bars := hourBars(now, zoneOf(t, "Asia/Kolkata")) // the last hour from 20:30 UTC
	at := func(h, m int) time.Time { return time.Date(2026, 12, 7, h, m, 0, 0, time.UTC) }
	countIn(bars, []db.MinuteCount{
		{Minute: at(20, 29), Count: 2}, {Minute: at(20, 30), Count: 3}, {Minute: at(21, 8), Count: 1},
		{Minute: bars[0].Start, Count: 4}, {Minute: bars[0].Start.Add(-time.Minute), Count: 9},
	})
	counts := make([]int, len(bars))
	for i, b := range bars {
		counts[i] = b.Count
	}
	want := make([]int, 24)
	want[0], want[22], want[23] = 4, 2, 4
	if !slices.Equal(counts, want) {
		t.Errorf("payments per hour in Kolkata: %v, want %v", counts, want)
	}
}
