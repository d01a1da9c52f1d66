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
