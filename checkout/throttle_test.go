package checkout

import "testing"

func TestNetworkOfGroupsIPv6By64(t *testing.T) {
	for _, c := range []struct{ addr, want string }{
		{"203.0.113.7", "203.0.113.7"},
		{"2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"},
		{"2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"},
		{"::ffff:203.0.113.7", "::ffff:203.0.113.7"},
		{"not an address", "not an address"},
	} {
		if got := networkOf(c.addr); got != c.want {
			t.Errorf("networkOf(%q) = %q, want %q", c.addr, got, c.want)
		}
	}
}

// What a refused notification leaves is bounded, valid UTF-8 without
// control characters (PostgreSQL's text refuses NUL), cut on a character.
func TestClipBoundsRefusedText(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"a\x00b\x7fc\td\n", 20, "a\uFFFDb\uFFFDc\td\n"},
		{"\xff\xfeok", 20, "\uFFFD\uFFFDok"},
		{"ééé", 3, "é…"},
		{"abcdef", 3, "abc…"},
	} {
		if got := clip(c.in, c.n); got != c.want {
			t.Errorf("clip(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}
