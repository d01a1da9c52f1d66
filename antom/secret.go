package antom

import (
	"fmt"
	"log/slog"
)

// Secret holds a credential Antom hands out or takes: access and refresh
// tokens, auth codes, card tokens. It marshals to JSON as the plain string
// (the wire needs it) but prints as "[redacted]" with every fmt verb and in
// slog, so a struct dumped into a log line does not leak it. Use
// string(s) where the value is really needed.
type Secret string

const redacted = "[redacted]"

// Format prints "[redacted]" whatever the verb.
func (s Secret) Format(f fmt.State, verb rune) {
	if s == "" {
		return
	}
	fmt.Fprint(f, redacted)
}

// LogValue keeps the value out of slog output.
func (s Secret) LogValue() slog.Value {
	if s == "" {
		return slog.StringValue("")
	}
	return slog.StringValue(redacted)
}
