package views

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// A staff page that says it shows an outcome by itself (.live-words)
// hides those words without JavaScript, as a buyer's page does: its
// layout loads noscript.css inside <noscript>.
func TestAdminPagesHideLiveWordsWithoutScript(t *testing.T) {
	var buf bytes.Buffer
	if err := AdminLayout(AdminPage{Page: Page{Title: "Orders"}}).Render(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `<noscript><link rel="stylesheet" href="/static/css/noscript.css"></noscript>`) {
		t.Fatalf("the staff layout does not hide .live-words without JavaScript:\n%s", buf.String())
	}
}
