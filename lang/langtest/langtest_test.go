package langtest

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func doc(t *testing.T, s string) *goquery.Document {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// Foreign finds a stray English word in text and in what screen readers
// say, and lets names, codes and the switcher's own names through.
func TestForeign(t *testing.T) {
	page := `<html lang="ko"><body>
		<h1>결제 완료</h1><p>GCash 0917****123 (으)로 결제</p>
		<p class="mono">ORDER-ABC payment link</p>
		<button lang="en">English</button><button lang="ms">Bahasa Melayu</button>
		<p>Demo shop · Antom · 2026년 1월 2일 오전 6:04 UTC</p>
		<script>var x = "Pay with";</script>
	</body></html>`
	if f := Foreign(doc(t, page), "ko", "GCash", "Demo shop"); len(f) != 0 {
		t.Errorf("a Korean page: found %v", f)
	}
	for _, stray := range []string{`<p>Pay with GCash</p>`, `<img alt="QR code to scan" src="">`, `<button aria-label="Unlink">x</button>`, `<p>결제 Card</p>`} {
		p := strings.Replace(page, "</body>", stray+"</body>", 1)
		if f := Foreign(doc(t, p), "ko", "GCash", "Demo shop"); len(f) == 0 {
			t.Errorf("missed the English of %s", stray)
		}
	}
	// Malay shares some words with English; those are its own.
	if f := Foreign(doc(t, `<html lang="ms"><p>Status · Jumlah · Antom · Mei</p></html>`), "ms"); len(f) != 0 {
		t.Errorf("Malay's own words read as English: %v", f)
	}
	if f := Foreign(doc(t, `<html lang="ms"><p>Bayar with kad</p></html>`), "ms"); len(f) != 1 {
		t.Errorf("a Malay page with 'with': %v", f)
	}
}
