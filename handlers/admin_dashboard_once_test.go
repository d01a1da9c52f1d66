package handlers

import (
	"strings"
	"testing"
)

// Each dashboard tile says a thing once, with nothing to count as with
// some: "0 authorizations" and what they are, never "0", "None waiting
// for capture." and "waiting for capture" again; no "0 expire within 24
// hours" of no authorizations; no "—" and "0 successful of 0" for a rate
// there is not. With some, the figures and their counts are as before.
func TestDashboardTilesSayItOnce(t *testing.T) {
	ta := newAdminApp(t)
	staff := ta.client(t)
	staff.staffSignIn()
	// A tile's words, spaces left out (its elements' text runs together).
	tile := func(testid string) string {
		t.Helper()
		return unspaced(textOf(t, html(t, staff.get("/admin").body), testid))
	}
	for testid, want := range map[string]string{
		"today-payments":      "Payments today 0 payments Money taken: card authorizations count once captured, voided ones never.",
		"open-authorizations": "Open authorizations 0 authorizations Held on buyers' cards, waiting for capture or void.",
		"today-refunds":       "Refunds today 0 refunds",
		"success-rate":        "Success rate — No payment attempt started today has finished yet",
	} {
		got := tile(testid)
		if !strings.HasPrefix(got, unspaced(want)) {
			t.Errorf("the %s tile with nothing to count reads %q, want it to begin %q", testid, got, want)
		}
		for _, again := range []string{"None waiting", "No refunds today", "No payments yet today", "0 expire", "0 successful of 0"} {
			if strings.Contains(got, unspaced(again)) {
				t.Errorf("the %s tile says %q again: %q", testid, again, got)
			}
		}
	}

	ta.authorizedOrder(t, "held@example.com")
	got := tile("open-authorizations")
	want := "Open authorizations $37.00 1 authorization Held on buyers' cards, waiting for capture or void. 0 expire within 24 hours"
	if !strings.HasPrefix(got, unspaced(want)) {
		t.Errorf("the open-authorizations tile with one reads %q, want it to begin %q", got, want)
	}
}

// unspaced is s without its white space.
func unspaced(s string) string { return strings.Join(strings.Fields(s), "") }
