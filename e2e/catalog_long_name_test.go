package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A merchant's product whose name is one long word (a catalogue file
// allows 120 characters, any of them letters) breaks inside its boxes —
// the storefront's card, the checkout's summary and My orders' line — on
// a phone, rather than widen the page past the screen (a merchant's
// trial: a 112-letter name made the storefront 1,200 px wide).
func TestLongProductNameFitsAPhone(t *testing.T) {
	long := strings.Repeat("Ceramic", 16) // 112 letters, no space
	file := filepath.Join(t.TempDir(), "catalog.toml")
	if err := os.WriteFile(file, []byte("[[product]]\nslug = \"bowl\"\nprice = 2500\ncurrency = \"USD\"\nicon = \"mug\"\n[product.name]\nen = \""+long+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, map[string]string{"CATALOG": file})
	b := newBrowser(t, srv.URL)
	b.asPhone()
	signUp(b, "long.name@example.com")
	b.visit("/")
	b.fits("the storefront", ".product-name", ".product")
	buy(b, "bowl")
	b.fits("the checkout page", ".summary-name", ".card")
	b.visit("/orders")
	b.fits("My orders", ".order-row-name", "[data-testid=order-row]")
}
