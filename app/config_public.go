package app

import (
	"net"
	"strings"
)

// notPublic says why Antom could not reach host, a PUBLIC_URL's, from
// the internet, or "" when it may: a loopback, private, link-local or
// unspecified address, localhost, a name without a dot, or a name under a
// suffix only a private network (or nobody) resolves.
func notPublic(host string) string {
	if ip := net.ParseIP(host); ip != nil {
		if ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsUnspecified() || ip.IsMulticast() {
			return "is not a public address"
		}
		return ""
	}
	name := strings.TrimSuffix(strings.ToLower(host), ".")
	if !strings.Contains(name, ".") {
		return "is not a public name (no domain)"
	}
	for _, private := range []string{".localhost", ".local", ".internal", ".home.arpa", ".test", ".invalid"} {
		if strings.HasSuffix(name, private) {
			return "is not a public name (" + private + " is not resolved on the internet)"
		}
	}
	return ""
}

// validClientID: Antom's client ids are letters, digits and underscores
// (SANDBOX_5X00000000000000, T_111222333, 2188120000000000), at most 64.
func validClientID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if (r < 'A' || r > 'Z') && (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '_' {
			return false
		}
	}
	return true
}
