package antom

import (
	"bytes"
	"errors"
)

// Bool is a flag as Antom sends it. Antom's docs write booleans as strings
// ("true"); its Go SDK sends JSON booleans (API.md §2.3, §9.15). Bool
// reads both and writes a JSON boolean, as the SDK does.
type Bool bool

// UnmarshalJSON accepts true, false, "true", "false" (any case), "" and
// null. The error never quotes the value.
func (b *Bool) UnmarshalJSON(data []byte) error {
	v := bytes.ToLower(bytes.TrimSpace(data))
	switch string(v) {
	case "true", `"true"`:
		*b = true
	case "false", `"false"`, `""`, "null":
		*b = false
	default:
		return errors.New("antom: boolean field is neither true nor false")
	}
	return nil
}
