package views

import (
	"context"
	"strings"
	"testing"
)

// The Refund lookup's answer of PROCESSING about a refund we closed
// ourselves says what it did to our record (as a SUCCESS answer says it
// was updated): that our record now says Antom is processing it — or,
// when an earlier finding had, that it already says so.
func TestAdminLookupSaysWhatProcessingDid(t *testing.T) {
	render := func(m AdminLookup) string {
		t.Helper()
		var b strings.Builder
		if err := AdminLookupPage(m).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	found := "Antom is processing it (found by a@example.com on 5 Dec 2026 14:45:15 UTC): it may yet be made"
	m := AdminLookup{Done: true, Found: true, Status: "PROCESSING", OrderRef: "ORD-1", Processing: found, Recorded: true}
	if got := render(m); !strings.Contains(got, "Our record of this refund was updated: we had closed it as failed ourselves, and it then said "+found+", when you asked.") {
		t.Fatalf("the answer that recorded it: %s", got)
	}
	m.Recorded = false
	if got := render(m); !strings.Contains(got, "When you asked, our record of this refund already said "+found) {
		t.Fatalf("the answer after an earlier finding: %s", got)
	}
	m.Processing = ""
	if got := render(m); strings.Contains(got, `data-testid="lookup-processing"`) {
		t.Fatalf("an answer that changed nothing says it did: %s", got)
	}
}
