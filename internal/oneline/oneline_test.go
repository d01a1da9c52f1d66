package oneline

import (
	"strings"
	"testing"
)

// Every break Has finds, Spaced makes a space, CR LF one space; text
// with none is left as it is.
func TestSpacedLeavesNoBreakHasFinds(t *testing.T) {
	for _, r := range Breaks {
		in := "broken" + string(r) + "mug"
		if !Has(in) {
			t.Errorf("Has(%q) = false", in)
		}
		if got := Spaced(in); got != "broken mug" || Has(got) {
			t.Errorf("Spaced(%q) = %q, want %q", in, got, "broken mug")
		}
	}
	if got := Spaced("broken\r\nmug"); got != "broken mug" {
		t.Errorf("Spaced(CR LF) = %q, want one space", got)
	}
	plain := "a\tb\u00a0c — d"
	if Has(plain) || Spaced(plain) != plain {
		t.Errorf("%q: Has %v, Spaced %q", plain, Has(plain), Spaced(plain))
	}
	if !strings.Contains(Breaks, "\n") || !strings.Contains(Breaks, "\u2028") {
		t.Errorf("Breaks %q lacks LF or the line separator", Breaks)
	}
}
