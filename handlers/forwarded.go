package handlers

import (
	"log/slog"
	"net/netip"
	"strings"

	"github.com/gin-gonic/gin"
)

// warnUntrustedForwarding logs one WARN line, the first time a request
// carries X-Forwarded-For from a peer TRUSTED_PROXIES does not name: a
// load balancer in front of the app that is not configured makes every
// buyer behind it one address — to the sign-in throttles, the order
// limits (120 per 10 minutes for the whole shop) and the long-poll
// bounds. A client that sends the header itself on a direct connection
// gets the same line, once; its header is never believed either way.
// It asks whether the peer is trusted, not whether ClientIP is the peer:
// a request through a trusted load balancer from an address that is the
// load balancer's own (its health probe, another of our proxies) has
// both the same and is not what this is about.
func (a *App) warnUntrustedForwarding() gin.HandlerFunc {
	trusted := trustedPrefixes(a.TrustedProxies)
	return func(c *gin.Context) {
		if c.Request.Header.Get("X-Forwarded-For") != "" && !trustedPeer(trusted, c.RemoteIP()) {
			a.forwardWarned.Do(func() {
				a.Log.Warn("a request carries X-Forwarded-For from an address TRUSTED_PROXIES does not name: if a load balancer is in front of the app, set TRUSTED_PROXIES to it, or every buyer behind it shares its address for the sign-in throttles and the order and long-poll limits",
					slog.String("peer", c.RemoteIP()))
			})
		}
		c.Next()
	}
}

// trustedPrefixes reads TRUSTED_PROXIES' addresses and ranges (app.Load
// checked them, as gin's SetTrustedProxies reads them); one address is
// a range of its own.
func trustedPrefixes(proxies []string) []netip.Prefix {
	var out []netip.Prefix
	for _, p := range proxies {
		p = strings.TrimSpace(p)
		if pre, err := netip.ParsePrefix(p); err == nil {
			out = append(out, pre.Masked())
		} else if addr, err := netip.ParseAddr(p); err == nil {
			out = append(out, netip.PrefixFrom(addr.Unmap(), addr.Unmap().BitLen()))
		}
	}
	return out
}

// trustedPeer says whether the connection's peer is one of them.
func trustedPeer(trusted []netip.Prefix, peer string) bool {
	addr, err := netip.ParseAddr(peer)
	if err != nil {
		return false
	}
	addr = addr.Unmap()
	for _, p := range trusted {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}
