package lang

import (
	"strings"
	"testing"
)

// A word that belongs to the argument before it is held to it by a
// no-break space: the link page's countdown (written by JS in the place
// of {left}), a time to wait, an amount "of" which; a word that only
// starts alike ("중간에"), a word after {{.LiveEnd}} and a language
// without such words keep their space.
func TestWordsHeldToTheirArgument(t *testing.T) {
	for _, c := range []struct{ code, id, want string }{
		{"ko", "link.expires_in", "{left}\u00a0후 만료됩니다."},
		{"zh-Hans", "link.expires_in", "{left}\u00a0后过期。"},
		{"zh-Hant", "link.expires_in", "{left}\u00a0後失效。"},
		{"en", "link.expires_in", "Expires in {left}."},
		{"th", "link.expires_in", "หมดอายุในอีก {left}"},
	} {
		l, _ := ByCode(c.code)
		if got := For(l).T(c.id, Args{"Left": "{left}"}); got != c.want {
			t.Errorf("%s %s = %q, want %q", c.code, c.id, got, c.want)
		}
	}
	ko, _ := ByCode("ko")
	if got := For(ko).T("auth.throttled", Args{"When": "5분(오후 3:05)"}); !strings.Contains(got, "3:05)\u00a0후에 다시") {
		t.Errorf("ko auth.throttled = %q, want the time held to its 후에", got)
	}
	for _, c := range []struct{ s, want string }{
		{"{{.Total}} 중 {{.Paid}}", "{{.Total}}\u00a0중 {{.Paid}}"},
		{"{{.Left}} 후.", "{{.Left}}\u00a0후."},
		{"{{.LiveEnd}} 중간에 나오셨다면", "{{.LiveEnd}} 중간에 나오셨다면"},
		{"{{.Wallet}} 중간에", "{{.Wallet}} 중간에"},
		{"{{.Live}}{{.X}} 후 {{.LiveEnd}} 후 ", "{{.Live}}{{.X}}\u00a0후 {{.LiveEnd}} 후 "},
	} {
		if got := heldArgs("ko", c.s); got != c.want {
			t.Errorf("heldArgs(ko, %q) = %q, want %q", c.s, got, c.want)
		}
	}
}
