package antom

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

// TextJSON turns JSON's NUL escape and bytes that are not UTF-8 into
// U+FFFD's escape, and nothing else: an escaped backslash before "u0000"
// stays text, and a body without either is returned as it is.
func TestTextJSON(t *testing.T) {
	for _, c := range []struct{ in, want, decoded string }{
		{`{"a":"x"}`, `{"a":"x"}`, "x"},
		{`{"a":"x\u0000y"}`, `{"a":"x\ufffdy"}`, "x\ufffdy"},
		{"{\"a\":\"x\xffy\"}", `{"a":"x\ufffdy"}`, "x\ufffdy"},
		{`{"a":"x\\u0000"}`, `{"a":"x\\u0000"}`, `x\u0000`},
		{`{"a":"x\\\u0000"}`, `{"a":"x\\\ufffd"}`, "x\\\ufffd"},
		{`{"a":"\u00001\"\u0000"}`, `{"a":"\ufffd1\"\ufffd"}`, "\ufffd1\"\ufffd"},
		{`{"a":"é\u0041"}`, `{"a":"é\u0041"}`, "éA"},
	} {
		got := TextJSON([]byte(c.in))
		if string(got) != c.want || !utf8.Valid(got) {
			t.Errorf("TextJSON(%q) = %q, want %q", c.in, got, c.want)
		}
		var v struct{ A string }
		if err := json.Unmarshal(got, &v); err != nil || v.A != c.decoded {
			t.Errorf("TextJSON(%q) decodes to %q (%v), want %q", c.in, v.A, err, c.decoded)
		}
	}
	in := []byte(`{"a":"x"}`)
	if got := TextJSON(in); &got[0] != &in[0] {
		t.Error("a body without NUL or bad bytes was copied")
	}
}
