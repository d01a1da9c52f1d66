package handlers

import (
	"net/http"
	"strings"
	"testing"
)

// The orders list's note does not claim its statuses are the buyer's
// page's words — staff's "voided", "authorization expired" and "open —
// awaiting payment" read "Released", "Hold expired" and "Not paid yet"
// there — but that they follow that page's state, in staff's words.
func TestAdminOrdersNoteSaysStaffWords(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	b.staffSignIn()
	p := b.get("/admin/orders")
	assertEqual(t, p.status, http.StatusOK, "orders list")
	note := textOf(t, html(t, p.body), "orders-note")
	assertContains(t, note, "Each status follows what the buyer's own page shows, in staff's words", "“Released” is “voided” here")
	if strings.Contains(note, "is what the buyer's own page says") {
		t.Errorf("the note says staff's words are the buyer's: %q", note)
	}
}
