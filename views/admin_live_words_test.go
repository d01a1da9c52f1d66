package views

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// TestAdminPendingSaysLiveWordsApart: staff's order page's notices of a
// void or capture sent and not confirmed say that the page shows the
// outcome in .live-words only — the sentence admin_order.js's signed-out
// state hides (app.css), since the page no longer updates then.
func TestAdminPendingSaysLiveWordsApart(t *testing.T) {
	for name, f := range map[string]CaptureForm{
		"void":    {Show: true, Voiding: true},
		"capture": {Show: true, Capturing: "$3.00"},
	} {
		var b bytes.Buffer
		if err := captureForms("ORD-1", f).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		html := b.String()
		live := `<span class="live-words">This page shows the outcome.</span>`
		if !strings.Contains(html, live) {
			t.Errorf("%s pending: no %s in\n%s", name, live, html)
		}
		if rest := strings.Replace(html, live, "", 1); strings.Contains(rest, "shows the outcome") {
			t.Errorf("%s pending says it shows the outcome outside .live-words:\n%s", name, html)
		}
	}
}
