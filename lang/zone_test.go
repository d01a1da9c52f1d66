package lang

import (
	"testing"
	"time"
)

// zone is the IANA zone name's Location, or the test stops.
func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	z, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// A zone is labelled by its offset from UTC at the moment shown: "UTC"
// for UTC itself, whole hours without minutes, a minus sign (U+2212)
// west of Greenwich, and summer time's offset on its side of a change.
func TestZoneLabel(t *testing.T) {
	cases := []struct {
		zone string
		at   time.Time
		want string
	}{
		{"UTC", time.Date(2026, 12, 7, 19, 34, 0, 0, time.UTC), "UTC"},
		{"Asia/Bangkok", time.Date(2026, 12, 7, 19, 34, 0, 0, time.UTC), "UTC+7"},
		{"Asia/Kolkata", time.Date(2026, 12, 7, 19, 34, 0, 0, time.UTC), "UTC+5:30"},
		{"Asia/Kathmandu", time.Date(2026, 12, 7, 19, 34, 0, 0, time.UTC), "UTC+5:45"},
		{"America/Sao_Paulo", time.Date(2026, 12, 7, 19, 34, 0, 0, time.UTC), "UTC\u22123"},
		{"America/St_Johns", time.Date(2026, 12, 7, 19, 34, 0, 0, time.UTC), "UTC\u22123:30"},
		// New York leaves summer time at 06:00 UTC on 1 Nov 2026.
		{"America/New_York", time.Date(2026, 11, 1, 5, 59, 0, 0, time.UTC), "UTC\u22124"},
		{"America/New_York", time.Date(2026, 11, 1, 6, 0, 0, 0, time.UTC), "UTC\u22125"},
		// London is UTC in winter, labelled as UTC is.
		{"Europe/London", time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC), "UTC"},
		{"Europe/London", time.Date(2026, 7, 7, 12, 0, 0, 0, time.UTC), "UTC+1"},
	}
	for _, c := range cases {
		if got := ZoneLabel(c.at.In(zone(t, c.zone))); got != c.want {
			t.Errorf("%s at %s: %q, want %q", c.zone, c.at.Format(time.RFC3339), got, c.want)
		}
	}
}

// A Localizer In the shop's zone writes every date and time there, each
// language placing the zone's label where it places "UTC" — and the date
// is the zone's day, not UTC's: 19:34 UTC on 7 Dec is 02:34 on 8 Dec in
// Bangkok. For's Localizers, which every request shares, stay in UTC.
func TestDatesInShopZone(t *testing.T) {
	at := time.Date(2026, 12, 7, 19, 34, 0, 0, time.UTC)
	bangkok := zone(t, "Asia/Bangkok")
	cases := []struct{ lang, date, datetime, tm string }{
		{"en", "8 Dec 2026", "8 Dec 2026, 02:34 UTC+7", "02:34 UTC+7"},
		{"zh-Hans", "2026年12月8日", "2026年12月8日 UTC+7 02:34", "UTC+7 02:34"},
		{"zh-Hant", "2026年12月8日", "2026年12月8日 UTC+7 02:34", "UTC+7 02:34"},
		{"ko", "2026년 12월 8일", "2026년 12월 8일 오전 2:34 UTC+7", "오전 2:34 UTC+7"},
		{"id", "8 Des 2026", "8 Des 2026 02.34 UTC+7", "02.34 UTC+7"},
		{"ms", "8 Dis 2026", "8 Dis 2026, 2:34 PG UTC+7", "2:34 PG UTC+7"},
		{"th", "8 ธ.ค. 2569", "8 ธ.ค. 2569 02:34 UTC+7", "02:34 UTC+7"},
	}
	for _, c := range cases {
		l, _ := ByCode(c.lang)
		loc := For(l).In(bangkok)
		if got := read(loc.Date(at)); got != c.date {
			t.Errorf("%s: Date = %q, want %q", c.lang, got, c.date)
		}
		if got := read(loc.DateTime(at)); got != c.datetime {
			t.Errorf("%s: DateTime = %q, want %q", c.lang, got, c.datetime)
		}
		if got := read(loc.Time(at)); got != c.tm {
			t.Errorf("%s: Time = %q, want %q", c.lang, got, c.tm)
		}
		if got := read(For(l).Time(at)); got == c.tm {
			t.Errorf("%s: For's shared Localizer was moved to Bangkok: %q", c.lang, got)
		}
	}
	kolkata := For(English).In(zone(t, "Asia/Kolkata"))
	if got := read(kolkata.DateTime(at)); got != "8 Dec 2026, 01:04 UTC+5:30" {
		t.Errorf("Kolkata: %q", got)
	}
	// Summer time: the label follows the offset of each moment.
	ny := For(English).In(zone(t, "America/New_York"))
	if got := read(ny.DateTime(time.Date(2026, 11, 1, 5, 30, 0, 0, time.UTC))); got != "1 Nov 2026, 01:30 UTC\u22124" {
		t.Errorf("New York before the change: %q", got)
	}
	if got := read(ny.DateTime(time.Date(2026, 11, 1, 6, 30, 0, 0, time.UTC))); got != "1 Nov 2026, 01:30 UTC\u22125" {
		t.Errorf("New York after the change: %q", got)
	}
	if got := read(For(English).In(time.UTC).DateTime(at)); got != "7 Dec 2026, 19:34 UTC" {
		t.Errorf("UTC: %q", got)
	}
}

// Staff's times are in the shop's zone too, labelled alike; nil is UTC.
func TestStaffTimeInShopZone(t *testing.T) {
	at := time.Date(2026, 12, 7, 19, 34, 5, 0, time.UTC)
	bangkok := zone(t, "Asia/Bangkok")
	if got := read(StaffTime(at, bangkok)); got != "8 Dec 2026 02:34:05 UTC+7" {
		t.Errorf("StaffTime in Bangkok = %q", got)
	}
	if got := read(StaffTime(at, nil)); got != "7 Dec 2026 19:34:05 UTC" {
		t.Errorf("StaffTime in UTC = %q", got)
	}
	if got := read(StaffClock(at, bangkok)); got != "02:34 UTC+7" {
		t.Errorf("StaffClock in Bangkok = %q", got)
	}
	if got := read(StaffClock(at, nil)); got != "19:34 UTC" {
		t.Errorf("StaffClock in UTC = %q", got)
	}
}
