package views

import (
	"regexp"
	"time"
)

// antomTimeIn finds the times Antom writes in its own words (RFC 3339 with
// its offset, "2026-12-05T18:53:06+08:00").
var antomTimeIn = regexp.MustCompile(`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})`)

// AdminTimesIn writes the times in s — Antom's words, as a resultMessage
// "the authorization expired at 2026-12-05T18:53:06+08:00" — as staff
// read every other time (AdminTime, in the shop's zone: nil is UTC); what
// does not parse as a time is left as it is.
func AdminTimesIn(zone *time.Location, s string) string {
	return antomTimeIn.ReplaceAllStringFunc(s, func(at string) string {
		t, err := time.Parse(time.RFC3339Nano, at)
		if err != nil {
			return at
		}
		return AdminTime(zone, t)
	})
}

// storedStaffTime finds the times in words stored for later, as
// checkout writes them in UTC (lang.StaffTime with its storedZone:
// "2 Dec 2026 20:00:00 UTC", no-break spaces within): a time written in
// another zone ("… UTC+7") is left as it is.
var storedStaffTime = regexp.MustCompile("\\d{1,2}\u00a0[A-Z][a-z]{2}\u00a0\\d{4} \\d{2}:\\d{2}:\\d{2}\u00a0UTC([+\u2212]\\d{1,2}(:\\d{2})?)?")

// StaffTimesIn writes the UTC times in s — an order timeline entry's
// words, stored in UTC — in the shop's zone (nil: UTC), as the entry's
// own time is: a timeline reads in one zone, whatever the zone was when
// its words were stored.
func StaffTimesIn(zone *time.Location, s string) string {
	if zone == nil || zone == time.UTC {
		return s
	}
	return storedStaffTime.ReplaceAllStringFunc(s, func(at string) string {
		t, err := time.ParseInLocation("2\u00a0Jan\u00a02006 15:04:05\u00a0UTC", at, time.UTC)
		if err != nil { // another zone's label: as written
			return at
		}
		return AdminTime(zone, t)
	})
}
