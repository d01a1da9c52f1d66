// Package sessioncodec is how the app stores a session's values (scs's
// Codec): JSON by type, for the few kinds of value sessions keep. The
// handlers' tests use it too, so that a value of another kind fails
// their tests as it would fail the app.
package sessioncodec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/alexedwards/scs/v2"
)

// Codec stores a session's values as JSON, by type: the app keeps
// only int64s (buyer and staff ids), strings (one-time notices, a
// guest's key) and string lists (a guest's order refs, in sessions from
// before guest keys, until they are upgraded) in sessions. Decoding it is a
// fraction of gob's cost (gob describes its types anew in every session
// it encodes, and compiles a decoder for them on every read: a third of
// a guest's checkout page), and equal sessions encode to equal bytes (gob
// writes a map in random order), which lets the app's touch throttle leave out more
// writes. Sessions gob wrote before are still read.
type Codec struct{}

// Prefix starts every session Codec writes. A gob
// stream cannot start so: its second byte would be a type id, and
// gob's first message defines a type, whose negative id is written
// from 0xF8 up.
var Prefix = []byte("s1")

// sessionJSON is a session as Codec stores it.
type sessionJSON struct {
	Deadline time.Time           `json:"deadline"`
	Int64s   map[string]int64    `json:"int64,omitempty"`
	Strings  map[string]string   `json:"string,omitempty"`
	Lists    map[string][]string `json:"strings,omitempty"`
}

// Encode writes deadline and values; a value of another type than int64,
// string or []string is an error (a programming error, caught by the
// tests of whatever put it there).
func (Codec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	s := sessionJSON{Deadline: deadline}
	for k, v := range values {
		switch v := v.(type) {
		case int64:
			if s.Int64s == nil {
				s.Int64s = map[string]int64{}
			}
			s.Int64s[k] = v
		case string:
			if s.Strings == nil {
				s.Strings = map[string]string{}
			}
			s.Strings[k] = v
		case []string:
			if s.Lists == nil {
				s.Lists = map[string][]string{}
			}
			s.Lists[k] = v
		default:
			return nil, fmt.Errorf("session value %q is a %T; sessions keep int64, string and []string", k, v)
		}
	}
	b, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	return append(Prefix[:len(Prefix):len(Prefix)], b...), nil
}

// Decode reads what Encode wrote, or what scs's gob codec wrote before.
func (Codec) Decode(b []byte) (time.Time, map[string]any, error) {
	rest, ok := bytes.CutPrefix(b, Prefix)
	if !ok {
		return scs.GobCodec{}.Decode(b)
	}
	var s sessionJSON
	if err := json.Unmarshal(rest, &s); err != nil {
		return time.Time{}, nil, fmt.Errorf("session: %w", err)
	}
	values := make(map[string]any, len(s.Int64s)+len(s.Strings)+len(s.Lists))
	for k, v := range s.Int64s {
		values[k] = v
	}
	for k, v := range s.Strings {
		values[k] = v
	}
	for k, v := range s.Lists {
		values[k] = v
	}
	return s.Deadline, values, nil
}
