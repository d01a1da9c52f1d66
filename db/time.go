package db

import "time"

// Times are stored as RFC 3339 text in UTC with nanoseconds, which sorts
// correctly as text and reads well in the sqlite3 shell.
const timeLayout = "2006-01-02T15:04:05.000000000Z07:00"

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeLayout)
}

// parseTime reads what formatTime wrote: "" (no time, as many columns
// are; answered without asking time.Parse, whose error for it costs a
// page's scan its allocations) is the zero time.
func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}
	}
	return t
}
