package views

import (
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"strings"

	"github.com/a-h/templ"
)

// breakParts splits s after each byte of at ("_": an Antom result code,
// INVALID_ACCESS_TOKEN → "INVALID_", "ACCESS_", "TOKEN"), the pieces
// that breakText puts a <wbr> between; s itself for none. The pieces
// joined are s.
func breakParts(s, at string) []string {
	var parts []string
	for s != "" {
		i := strings.IndexAny(s, at)
		if i < 0 || i == len(s)-1 {
			return append(parts, s)
		}
		parts, s = append(parts, s[:i+1]), s[i+1:]
	}
	return parts
}

// codeBreaks are where an Antom result code may break: after its
// underscores.
const codeBreaks = "_"

// indentedBody is a notification's stored body (redacted) as the inbox
// shows it: JSON indented, two spaces a level, each member on a line of
// its own and a space after each name's colon, so that a narrow line (a
// 320 px phone) breaks it between members and after a name — a value
// such as INVALID_ACCESS_TOKEN whole on its own line — where compact
// JSON, one unbroken run, broke mid-word. A body that is not JSON (the
// redaction's "[not JSON: N bytes]") is shown as it is.
func indentedBody(body string) string {
	var b bytes.Buffer
	if err := json.Indent(&b, []byte(body), "", "  "); err != nil {
		return body
	}
	return b.String()
}

// breakText is s, escaped, with a <wbr> after each byte of at
// (breakParts) and nothing else between its pieces: the text reads back
// as s, and a narrow line (a 320 px phone) breaks it only there.
func breakText(s, at string) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		for i, p := range breakParts(s, at) {
			if i > 0 {
				if _, err := io.WriteString(w, "<wbr>"); err != nil {
					return err
				}
			}
			if _, err := io.WriteString(w, html.EscapeString(p)); err != nil {
				return err
			}
		}
		return nil
	})
}

// codeText is an Antom result code (INVALID_ACCESS_TOKEN) that may break
// after its underscores — never mid-word — where a line is too narrow for
// it whole; in an element of the class "code" (admin.css) a part longer
// than the line still breaks rather than push the page sideways.
func codeText(code string) templ.Component { return breakText(code, codeBreaks) }
