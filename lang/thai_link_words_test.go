package lang

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// Thai calls the code a wallet is linked with one word, โค้ด — as the
// Scan to Link page's QR code (คิวอาร์โค้ด), its "Copy code" and "This
// code works once" do — never รหัส (the word of a password, a payment
// ID and a reason code) beside it; and linking one word, ผูก, as every
// button that links does (ลองผูกอีกครั้ง), never เชื่อมต่อ: a refusal
// that said "รหัส" of the code it then called "โค้ด", or told the buyer
// to "เชื่อมต่อ" again under a button saying ผูก, read as two things.
// Every Thai message whose English speaks of a code (not one it names
// in {{.Code}}) or of linking is held to it.
func TestThaiSaysTheLinkingCodeAndLinkingOneWayEach(t *testing.T) {
	en, th := catalog(t, English.Code), catalog(t, "th")
	code := regexp.MustCompile(`(?i)\bcodes?\b`)
	link := regexp.MustCompile(`(?i)\blink`)
	codes := 0
	for _, id := range slices.Sorted(maps.Keys(en)) {
		words, ok := th[id]
		if !ok {
			continue // TestCatalogsComplete says so
		}
		if code.MatchString(en[id]) && !strings.Contains(en[id], "Code") {
			codes++
			if strings.Contains(words, "รหัส") || !strings.Contains(words, "โค้ด") {
				t.Errorf("th %s calls the code other than โค้ด: %q", id, words)
			}
		}
		if link.MatchString(en[id]) && strings.Contains(words, "เชื่อมต่อ") {
			t.Errorf("th %s calls linking เชื่อมต่อ, not ผูก: %q", id, words)
		}
	}
	if codes < 20 {
		t.Fatalf("%d messages speak of a code; the link page alone has more", codes)
	}
}
