package handlers

import (
	"crypto/rand"
	"encoding/hex"
)

// maxRequestID bounds an incoming X-Request-Id we accept.
const maxRequestID = 64

// requestID returns the incoming X-Request-Id when it is sane (1–64
// letters, digits and . _ : -, e.g. a UUID from a proxy), else a new
// random one: it goes into logs and onto the order timeline.
func requestID(incoming string) string {
	if saneRequestID(incoming) {
		return incoming
	}
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func saneRequestID(s string) bool {
	if s == "" || len(s) > maxRequestID {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '.' || c == '_' || c == ':' || c == '-'
		if !ok {
			return false
		}
	}
	return true
}
