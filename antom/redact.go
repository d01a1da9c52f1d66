package antom

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// sensitiveKey reports whether a JSON member of this name holds a
// credential: tokens, auth codes, payment method ids (which are access or
// card tokens).
func sensitiveKey(name string) bool {
	switch name {
	case "accessToken", "refreshToken", "paymentMethodId", "cardToken", "authCode":
		return true
	}
	return false
}

// Redact returns a copy of a JSON body with the string values of
// credential members (accessToken, refreshToken, paymentMethodId,
// cardToken, authCode) replaced by "[redacted]", at any depth and inside
// JSON carried as a string (extendInfo). Everything else is kept byte for
// byte. A body that is not valid JSON (form-encoded, plain text, cut
// short) keeps none of its text: it comes back as the placeholder
// "[not JSON: N bytes]", since there is no telling where a credential in
// it starts or ends. It is meant for showing raw bodies, not for parsing
// them.
func Redact(body []byte) []byte {
	if !json.Valid(body) {
		return []byte(fmt.Sprintf("[not JSON: %d bytes]", len(body)))
	}
	return redactJSON(body)
}

// redactJSON is Redact without the validity check: it masks what it can
// find, malformed input included (strings inside JSON strings).
func redactJSON(body []byte) []byte {
	out := make([]byte, 0, len(body))
	for i := 0; i < len(body); {
		if body[i] != '"' {
			out = append(out, body[i])
			i++
			continue
		}
		end := stringEnd(body, i)
		str := body[i:end]
		colon := skipSpace(body, end)
		if colon >= len(body) || body[colon] != ':' {
			out = append(out, redactNested(str)...)
			i = end
			continue
		}
		valueAt := skipSpace(body, colon+1)
		out = append(out, body[i:valueAt]...)
		i = valueAt
		if i < len(body) && body[i] == '"' && sensitiveKey(unquote(str)) {
			out = append(out, `"`+redacted+`"`...)
			i = stringEnd(body, i)
		}
	}
	return out
}

// stringEnd returns the index just past the JSON string starting at
// body[start] (a quote), or len(body) if it never closes.
func stringEnd(body []byte, start int) int {
	for i := start + 1; i < len(body); i++ {
		switch body[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(body)
}

// skipSpace returns the index of the first non-space byte at or after i.
func skipSpace(body []byte, i int) int {
	for i < len(body) && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r') {
		i++
	}
	return i
}

// unquote decodes a quoted JSON string, or returns "" if it is not one.
func unquote(quoted []byte) string {
	var s string
	if json.Unmarshal(quoted, &s) != nil {
		return ""
	}
	return s
}

// redactNested masks credentials in a string value that itself holds
// JSON; other strings come back unchanged.
func redactNested(quoted []byte) []byte {
	if !bytes.Contains(quoted, []byte(`\"`)) {
		return quoted
	}
	inner := unquote(quoted)
	masked := redactJSON([]byte(inner))
	if bytes.Equal(masked, []byte(inner)) {
		return quoted
	}
	requoted, err := json.Marshal(string(masked))
	if err != nil {
		return quoted
	}
	return requoted
}
