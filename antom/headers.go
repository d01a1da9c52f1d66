package antom

import (
	"net/http"
	"strings"
)

// headerValue returns the first value of the named header, whatever the
// case of its name in h. Antom sends lower-case names (client-id,
// response-time, signature), and a map built by hand is not canonical.
func headerValue(h http.Header, name string) string {
	if v := h.Get(name); v != "" {
		return v
	}
	for k, vs := range h {
		if strings.EqualFold(k, name) && len(vs) > 0 && vs[0] != "" {
			return vs[0]
		}
	}
	return ""
}
