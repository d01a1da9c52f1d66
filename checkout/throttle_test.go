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
