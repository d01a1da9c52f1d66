package checkout

import (
	"net/url"
	"strings"
)

// DefaultReturn is where a buyer goes when a return address is refused.
const DefaultReturn = "/wallets"

// maxReturnPath bounds a return address; ours are a few dozen bytes.
const maxReturnPath = 2048

// SafeReturn keeps a return address (sign-in's next, a link attempt's
// return_to, any other redirect target) only if it is a path on this
// site; anything else becomes DefaultReturn. Every redirect to an address
// that came from a request or from storage goes through it.
func SafeReturn(path string) string {
	if !IsLocalPath(path) {
		return DefaultReturn
	}
	return path
}

// IsLocalPath reports whether p can only lead to this site, after every
// normalisation browsers apply to a Location header or a link (WHATWG
// URL): they drop tabs and newlines anywhere and strip leading spaces
// and control characters, read "\" as "/", take "//host" (and "/\host")
// as another host, and map look-alike slashes in host names. So p must be
// printable ASCII without spaces or backslashes, start with one "/" and
// not two, parse without scheme or host, and stay so once its path is
// percent-decoded (a later hop may decode "%2f%2f" to "//").
func IsLocalPath(p string) bool {
	if len(p) == 0 || len(p) > maxReturnPath || !plainASCII(p) {
		return false
	}
	if !startsLocal(p) {
		return false
	}
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return false
	}
	path := p
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	for range 3 { // "%252f" decodes twice before it is a slash
		decoded, err := url.PathUnescape(path)
		if err != nil || !plainASCII(decoded) || !startsLocal(decoded) {
			return false
		}
		if decoded == path {
			return true
		}
		path = decoded
	}
	return false
}

// plainASCII reports whether s holds only printable ASCII other than the
// space and the backslash.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == '\\' {
			return false
		}
	}
	return true
}

// startsLocal reports whether s starts with exactly one slash.
func startsLocal(s string) bool {
	return strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//")
}
