package antom

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
)

// sensitiveKey reports whether a JSON member of this name holds a
// credential: tokens, auth codes, payment method ids (which are access or
// card tokens), and the authState that ties a wallet's answer to a buyer.
func sensitiveKey(name []byte) bool {
	switch string(name) { // compared, not copied
	case "accessToken", "refreshToken", "paymentMethodId", "cardToken", "authCode", "authState":
		return true
	}
	return false
}

// Redact returns a copy of a JSON body with the string values of
// credential members (accessToken, refreshToken, paymentMethodId,
// cardToken, authCode, authState) replaced by "[redacted]", at any depth, inside
// JSON carried as a string (extendInfo), and inside any other string
// value that names one of them followed by "=", ":" or "%3D" (form or
// query text such as "accessToken=abc&authCode=def", a URL, a log line;
// also snake_case names, any letter case): there the value after the
// name is masked, up to "&", "#", a space, a quote, ",", ";" or a
// bracket. Everything else is kept byte for byte. A body that is not
// valid JSON (form-encoded, plain text, cut short) keeps none of its
// text: it comes back as the placeholder
// "[not JSON: N bytes]", since there is no telling where a credential in
// it starts or ends. It is meant for showing raw bodies, not for parsing
// them.
func Redact(body []byte) []byte {
	if !json.Valid(body) {
		return []byte(fmt.Sprintf("[not JSON: %d bytes]", len(body)))
	}
	return redactJSON(body)
}

// RedactValid is Redact of a body known to be valid JSON because it has
// just been decoded as it is (ParseNotification succeeded on these very
// bytes): it skips Redact's validity check, which costs as much as the
// masking. Anything else goes through Redact, which keeps none of a
// non-JSON body's text (TextJSON can turn a body that is not JSON into
// one that is: a backslash before a byte that is not UTF-8).
func RedactValid(body []byte) []byte { return redactJSON(body) }

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
		if i < len(body) && body[i] == '"' && sensitiveName(str) {
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

// sensitiveName is sensitiveKey of a quoted member name. A name without
// escapes is compared as it is, without decoding it (most names: no
// allocation per member); one with escapes is decoded first.
func sensitiveName(quoted []byte) bool {
	if n := len(quoted); n >= 2 && quoted[n-1] == '"' && bytes.IndexByte(quoted, '\\') < 0 {
		return sensitiveKey(quoted[1 : n-1])
	}
	return sensitiveKey([]byte(unquote(quoted)))
}

// unquote decodes a quoted JSON string, or returns "" if it is not one.
func unquote(quoted []byte) string {
	var s string
	if json.Unmarshal(quoted, &s) != nil {
		return ""
	}
	return s
}

// RedactStored masks credentials in a body stored already redacted
// (Redact's output, perhaps cut short, or its "[not JSON: N bytes]"
// placeholder) before it is shown again: what an older Redact let
// through is masked too; the rest comes back unchanged.
func RedactStored(stored string) string {
	return string(redactJSON([]byte(stored)))
}

// redactNested masks credentials in a string value: inside JSON it holds
// (extendInfo) and after a credential's name in text (inlineSecret);
// other strings come back unchanged.
func redactNested(quoted []byte) []byte {
	escaped := bytes.IndexByte(quoted, '\\') >= 0
	if !escaped && !nameHint(quoted) {
		return quoted // most values: no escape, no credential's name
	}
	inner := unquote(quoted)
	masked := []byte(inner)
	if bytes.Contains(quoted, []byte(`\"`)) {
		masked = redactJSON(masked)
	}
	if nameHint(masked) {
		masked = inlineSecret.ReplaceAll(masked, []byte("${1}"+redacted))
	}
	if bytes.Equal(masked, []byte(inner)) {
		return quoted
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false) // "&" stays "&" in form text
	if err := enc.Encode(string(masked)); err != nil {
		return quoted
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// inlineSecret finds a credential's name in text with its value: the
// name (camelCase or snake_case, any letter case), "=", ":" or "%3D"
// (spaces around), an optional quote, then the value up to a delimiter
// ("[" among them: a value masked already is left as it is).
var inlineSecret = regexp.MustCompile(`(?i)((?:access_?token|refresh_?token|payment_?method_?id|card_?token|auth_?code|auth_?state)\s*(?:=|:|%3D)\s*["']?)[^&#\s"',;{}\[\]]+`)

// nameHint reports whether b may hold a credential's name: it has
// "token", "code", "method" or "state" in any letter case (every name in
// inlineSecret does). It saves the expression's work on the many values
// that cannot match.
func nameHint(b []byte) bool {
	for i := range b {
		switch b[i] | 0x20 {
		case 't':
			if hasFold(b[i:], "token") {
				return true
			}
		case 'c':
			if hasFold(b[i:], "code") {
				return true
			}
		case 'm':
			if hasFold(b[i:], "method") {
				return true
			}
		case 's':
			if hasFold(b[i:], "state") {
				return true
			}
		}
	}
	return false
}

// hasFold reports whether b starts with the lower-case ASCII word w, in
// any letter case.
func hasFold(b []byte, w string) bool {
	return len(b) >= len(w) && bytes.EqualFold(b[:len(w)], []byte(w))
}
