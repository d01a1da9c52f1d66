package antom

import (
	"bytes"
	"unicode/utf8"
)

// nulEscape is JSON's escape for NUL; replacement is U+FFFD's.
var nulEscape, replacement = []byte(`\u0000`), []byte(`\ufffd`)

// TextJSON returns a JSON body (a notification, an answer) as it is to be
// decoded here: each \u0000 escape in its strings becomes \ufffd, and each
// byte that is not UTF-8 becomes \ufffd too, so no string decoded from it
// holds NUL or anything that is not UTF-8 — which a text column refuses
// (PostgreSQL, with an error) — and the result is text itself. Nothing
// else changes; a body with neither comes back as it is (the same slice).
// Signatures are checked over the body as sent, never over this, and the
// body as sent is what is kept (sealed): nothing is lost.
func TextJSON(body []byte) []byte {
	if !bytes.Contains(body, nulEscape) && utf8.Valid(body) {
		return body
	}
	out := make([]byte, 0, len(body))
	for i := 0; i < len(body); i++ {
		if body[i] != '\\' || i+1 >= len(body) {
			out = append(out, body[i])
			continue
		}
		if bytes.HasPrefix(body[i:], nulEscape) {
			out = append(out, replacement...)
			i += len(nulEscape) - 1
			continue
		}
		out = append(out, body[i], body[i+1]) // an escape of its own ("\\u0000" is a backslash, then text)
		i++
	}
	return bytes.ToValidUTF8(out, replacement)
}
