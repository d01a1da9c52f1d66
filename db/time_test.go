package db

import (
	"testing"
	"time"
)

// parseTime reads back what formatTime wrote, the zero time included, and
// a column without a time costs no allocation (a checkout page scans ten).
func TestParseTime(t *testing.T) {
	at := time.Date(2026, 12, 1, 5, 30, 0, 123456789, time.UTC)
	for _, want := range []time.Time{at, {}} {
		if got := parseTime(formatTime(want)); !got.Equal(want) {
			t.Errorf("parseTime(formatTime(%v)) = %v", want, got)
		}
	}
	if got := parseTime("not a time"); !got.IsZero() {
		t.Errorf("a malformed time read as %v", got)
	}
	if n := testing.AllocsPerRun(100, func() { parseTime("") }); n != 0 {
		t.Errorf("parseTime(\"\") allocates %v times", n)
	}
}
