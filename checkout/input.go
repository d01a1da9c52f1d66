package checkout

import (
	"sort"
	"strings"

	"antom-checkout/lang"
)

// InputError is bad input from a person: one plain message per field.
// Nothing was changed. A buyer's messages are message IDs of package
// lang's catalogs, said in the buyer's language by the page; staff read
// theirs as they are, in English.
type InputError struct {
	Fields map[string]string
	Args   map[string]lang.Args // a buyer message's arguments, by field, if it has any
}

func (e *InputError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+": "+e.Fields[k])
	}
	return "checkout: invalid input: " + strings.Join(parts, "; ")
}

// fieldError is an InputError about one field.
func fieldError(field, msg string) *InputError {
	return &InputError{Fields: map[string]string{field: msg}}
}
