package checkout

import (
	"net/url"
	"testing"
)

// Every form of address a browser could take off-site, or that a later
// hop could decode into one, is refused; paths on this site are kept.
func TestSafeReturnRefusesEveryOffSiteForm(t *testing.T) {
	hostile := []string{
		"",
		"evil.example",
		"//evil.example",
		"///evil.example",
		"/\\evil.example",
		"\\\\evil.example",
		"\\/evil.example",
		"/\t/evil.example",   // browsers drop tabs: //evil.example
		"/%09/evil.example",  // as it arrives in ?next= once decoded by the form parser it is the line above
		"\t//evil.example",   // leading controls are stripped
		" //evil.example",    // and leading spaces
		"/\r\n/evil.example", // and newlines anywhere
		"/\n/evil.example",
		"/\x00/evil.example",
		"/\x7f/evil.example",
		"/ /evil.example",
		"%2f%2fevil.example",
		"/%2f%2fevil.example",
		"/%2F/evil.example",
		"/%5cevil.example",        // decodes to /\evil.example
		"/%252f%252fevil.example", // decodes twice
		"/%zz",                    // not decodable
		"https:",
		"https://evil.example",
		"https:evil.example",
		"HTTPS://evil.example",
		"javascript:alert(1)",
		"JaVaScRiPt:alert(1)",
		"data:text/html,<script>alert(1)</script>",
		"／／evil.example", // U+FF0F fullwidth solidus
		"/／evil.example", // one ASCII, one fullwidth
		"/∕evil.example", // U+2215 division slash
		"/⁄evil.example", // U+2044 fraction slash
		"/＼evil.example", // U+FF3C fullwidth reverse solidus
		"/%EF%BC%8Fevil.example",
		"/\u200b/evil.example", // zero-width space
		"./evil",
		"?next=//evil.example",
	}
	for _, p := range hostile {
		if got := SafeReturn(p); got != DefaultReturn {
			t.Errorf("SafeReturn(%q) = %q, want %q", p, got, DefaultReturn)
		}
	}
}

func TestSafeReturnKeepsPathsOnThisSite(t *testing.T) {
	shop := &url.URL{Scheme: "https", Host: "shop.example"}
	for _, p := range []string{
		"/",
		"/wallets",
		"/checkout/K7QW2M9D",
		"/admin/orders?q=ann%40example.com&status=PAID&page=2",
		"/orders/K7QW2M9D#result",
		"/search?q=a%20b%2F%2Fc",
	} {
		if got := SafeReturn(p); got != p {
			t.Errorf("SafeReturn(%q) = %q, want it kept", p, got)
			continue
		}
		u, err := url.Parse(p)
		if err != nil || shop.ResolveReference(u).Host != shop.Host {
			t.Errorf("%q resolves off-site", p)
		}
	}
}
