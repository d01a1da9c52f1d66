package views

import (
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// Antom's automatic capture applied of a payment Antom has said failed
// since reads so, in red — not plain green "applied" — and says what to
// do: money was taken on a payment that failed.
func TestInboxAutomaticCaptureOfAFailedPayment(t *testing.T) {
	m := AdminInbox{Single: true, Rows: []AdminNotification{{ID: 4, Kind: "CAPTURE_RESULT", Verdict: "applied", FailedSince: "PR-1"}}}
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
	if class != "status status-bad" || badge.Text() != "applied, but the payment failed since" {
		t.Errorf("badge %q %q", class, badge.Text())
	}
	says := strings.Join(strings.Fields(d.Find(`[data-testid="failed-since"]`).Text()), " ")
	if !strings.Contains(says, "Antom captured PR-1 here, and has said since that this payment failed: money was taken on a payment that failed.") {
		t.Errorf("the row says %q", says)
	}
}
