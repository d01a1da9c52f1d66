package views

import (
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// A deferred or quarantined row that waits no longer reads as what took
// it over: applied, dealt with (green); stale, ended and not applied
// (amber); quarantined — a deferred row's re-application held for staff,
// or a quarantined row's replay quarantined again — still open there
// (red), never "dealt with".
func TestInboxRowSettledReadsAsWhatTookItOver(t *testing.T) {
	for _, c := range []struct {
		verdict, by, class, badge, says string
	}{
		{"deferred", "applied", "status status-ok", "deferred, dealt with since", "No longer deferred: dealt with by #9 (applied), so the deferred filter leaves it out."},
		{"deferred", "stale", "status status-warn", "deferred, ended stale: not applied", "No longer deferred, and not applied: it ended stale in #9, which changed nothing"},
		{"deferred", "quarantined", "status status-bad", "deferred, still open in its replay", "Replayed as #9: quarantined. The problem is still open there, so the quarantined filter lists #9 instead of this row."},
		{"quarantined", "quarantined", "status status-bad", "quarantined, still open in its replay", "Replayed as #9: quarantined again. The problem is still open there"},
	} {
		m := AdminInbox{Single: true, Rows: []AdminNotification{{ID: 4, Kind: "CAPTURE_RESULT", Verdict: c.verdict, SettledBy: 9, SettledVerdict: c.by}}}
		var b strings.Builder
		if err := AdminInboxPage(m).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		d, err := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
		if err != nil {
			t.Fatal(err)
		}
		badge := d.Find(`[data-testid="inbox-verdict-badge"]`)
		class, _ := badge.Attr("class")
		if class != c.class || badge.Text() != c.badge {
			t.Errorf("%s settled by %s: badge %q %q, want %q %q", c.verdict, c.by, class, badge.Text(), c.class, c.badge)
		}
		if says := strings.Join(strings.Fields(d.Find(`[data-testid="settled-by"]`).Text()), " "); !strings.Contains(says, c.says) {
			t.Errorf("%s settled by %s: says %q, want %q", c.verdict, c.by, says, c.says)
		}
	}
}
