package views

import (
	"testing"
	"time"
)

// Antom's times in its words are written as staff read every other time,
// in UTC; text that is not such a time is left alone.
func TestAdminTimesIn(t *testing.T) {
	for in, want := range map[string]string{
		"the authorization expired at 2026-12-05T18:53:06+08:00":     "the authorization expired at 5\u00a0Dec\u00a02026 10:53:06\u00a0UTC",
		"from 2026-12-01T00:00:00Z to 2026-12-02T01:02:03.5-05:00":   "from 1\u00a0Dec\u00a02026 00:00:00\u00a0UTC to 2\u00a0Dec\u00a02026 06:02:03\u00a0UTC",
		"not a time: 2026-13-45T99:00:00+08:00, nor PAY-20261205T18": "not a time: 2026-13-45T99:00:00+08:00, nor PAY-20261205T18",
		"": "",
	} {
		if got := AdminTimesIn(nil, in); got != want {
			t.Errorf("AdminTimesIn(%q) = %q, want %q", in, got, want)
		}
	}
}

// An order timeline's words are stored with UTC times; the page writes
// them in the shop's zone, as it writes each entry's own time; a time
// stored in another zone's label (before words were stored in UTC) is
// left as written; no zone leaves the words as stored.
func TestStaffTimesIn(t *testing.T) {
	bangkok, err := time.LoadLocation("Asia/Bangkok")
	if err != nil {
		t.Fatal(err)
	}
	stored := "the authorization expired on 2\u00a0Dec\u00a02026 20:00:00\u00a0UTC; capture before 3\u00a0Dec\u00a02026 04:00:00\u00a0UTC+7"
	want := "the authorization expired on 3\u00a0Dec\u00a02026 03:00:00\u00a0UTC+7; capture before 3\u00a0Dec\u00a02026 04:00:00\u00a0UTC+7"
	if got := StaffTimesIn(bangkok, stored); got != want {
		t.Errorf("in Bangkok:\n got %q\nwant %q", got, want)
	}
	if got := StaffTimesIn(nil, stored); got != stored {
		t.Errorf("no zone: %q", got)
	}
}
