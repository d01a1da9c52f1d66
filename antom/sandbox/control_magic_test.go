package sandbox

import (
	"strconv"
	"strings"
	"testing"

	"antom-checkout/antom"
)

// The control page says what each magic amount does, as magicAmounts
// does it and the README's table says: …91 and …92 settle by themselves
// after magicSettleDelay (scaled: shown as it runs), only …93 stays
// PROCESSING for the tester, …94 is refused at once.
func TestControlPageSaysWhatMagicAmountsDo(t *testing.T) {
	l := startLinkSetup(t, t.TempDir(), 0.5, &testClock{})
	page := newBrowser(t).get(l.url + "/sandbox/control")
	page.has(t, "control page", `data-testid="magic-amounts"`)
	for _, m := range magicAmounts() {
		ends := strconv.FormatInt(m.Suffix, 10)
		var want string
		switch {
		case m.Status == antom.StatusFail:
			want = "those ending in " + ends + " are refused at once (<code>F</code> <code>" + m.Code + "</code>)"
		case m.Code == "":
			want = "those ending in " + ends + " stay <code>PROCESSING</code> until you settle them here"
		case m.Code == antom.CodeSuccess:
			want = "those ending in " + ends + " then succeed (the money is taken)"
		default:
			want = "in " + ends + " fail (<code>" + m.Code + "</code>) by themselves 1.5s later"
		}
		page.has(t, "magic amount "+ends, want)
	}
	if strings.Contains(page.body, "91, 92 or 93 (minor units) stay") {
		t.Fatal("the control page says …91 and …92 stay PROCESSING")
	}
}
