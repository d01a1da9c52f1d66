package views

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"
)

// A timeline entry's masked account reads whole (one no-wrap span), its
// other words wrap as they may, and the entry reads as it was stored.
func TestTimelineKeepsAMaskedAccountWhole(t *testing.T) {
	for _, c := range []struct{ detail, whole string }{
		{"pay with Kakao Pay 010-****-5678 (PR-ORD-1-A)", "010-****-5678 "},
		{"unlinked by the buyer: DANA 0812****7890", "0812****7890"},
		{"pay with Mastercard ••••4444 (PR-2)", "••••4444 "},
		{"refund of $1.00 sent (RF-1)", ""},
	} {
		var b strings.Builder
		if err := eventDetail(c.detail).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		spans := regexp.MustCompile(`<span class="nowrap">([^<]*)</span>`).FindAllStringSubmatch(b.String(), -1)
		var got []string
		for _, s := range spans {
			got = append(got, html.UnescapeString(s[1]))
		}
		want := []string{}
		if c.whole != "" {
			want = append(want, c.whole)
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%q: whole pieces %q, want %q (%s)", c.detail, got, want, b.String())
		}
		text := html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(b.String(), ""))
		if text != c.detail {
			t.Errorf("reads %q, want %q", text, c.detail)
		}
	}
}
