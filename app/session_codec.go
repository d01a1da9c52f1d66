package app

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/alexedwards/scs/v2"
)

// sessionCodec stores a session's values by type: the app keeps only
// int64s (buyer and staff ids), strings (one-time notices) and string
// lists (a guest's order refs) in sessions. It writes them in a compact
// binary form (sessionBinary), read and written without reflection: a
// guest's page view decodes its session and encodes it again (scs
// commits every request's session), and JSON cost a twentieth of a
// checkout page's CPU, gob a third. Equal sessions encode to equal bytes
// (keys in order; gob writes a map in random order), which lets
// touchThrottle leave out more writes. Sessions written before — as JSON
// (sessionJSONPrefix) or by scs's gob codec — are still read.
type sessionCodec struct{}

// sessionBinaryPrefix starts every session sessionCodec writes, and
// sessionJSONPrefix every one it wrote before as JSON. A gob stream
// cannot start with either: its second byte would be a type id, and
// gob's first message defines a type, whose negative id is written from
// 0xF8 up.
var (
	sessionBinaryPrefix = []byte("s2")
	sessionJSONPrefix   = []byte("s1")
)

// The kinds of value of a binary session.
const (
	sessionInt64  = 'i'
	sessionString = 's'
	sessionList   = 'l'
)

// Encode writes deadline and values: sessionBinaryPrefix, the deadline
// in Unix nanoseconds (varint), the number of values (uvarint), then each
// value in key order — its kind (sessionInt64, sessionString or
// sessionList), its key (uvarint length and bytes), and its value: an
// int64 as a varint, a string as its uvarint length and bytes, a list as
// its uvarint length and each string. A value of another type than
// int64, string or []string is an error (a programming error, caught by
// the tests of whatever put it there).
func (sessionCodec) Encode(deadline time.Time, values map[string]any) ([]byte, error) {
	var keys [8]string
	sorted := keys[:0]
	for k := range values {
		sorted = append(sorted, k)
	}
	slices.Sort(sorted)
	b := make([]byte, 0, 64)
	b = append(b, sessionBinaryPrefix...)
	b = binary.AppendVarint(b, deadline.UnixNano())
	b = binary.AppendUvarint(b, uint64(len(sorted)))
	for _, k := range sorted {
		switch v := values[k].(type) {
		case int64:
			b = appendSessionString(append(b, sessionInt64), k)
			b = binary.AppendVarint(b, v)
		case string:
			b = appendSessionString(append(b, sessionString), k)
			b = appendSessionString(b, v)
		case []string:
			b = appendSessionString(append(b, sessionList), k)
			b = binary.AppendUvarint(b, uint64(len(v)))
			for _, s := range v {
				b = appendSessionString(b, s)
			}
		default:
			return nil, fmt.Errorf("app: session value %q is a %T; sessions keep int64, string and []string", k, v)
		}
	}
	return b, nil
}

func appendSessionString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// errSessionDamaged is a stored session that cannot be read.
var errSessionDamaged = errors.New("app: session: damaged")

// Decode reads what Encode wrote, or what it wrote before as JSON, or
// what scs's gob codec wrote before that.
func (sessionCodec) Decode(b []byte) (time.Time, map[string]any, error) {
	if rest, ok := bytes.CutPrefix(b, sessionBinaryPrefix); ok {
		return decodeSessionBinary(rest)
	}
	rest, ok := bytes.CutPrefix(b, sessionJSONPrefix)
	if !ok {
		return scs.GobCodec{}.Decode(b)
	}
	var s sessionJSON
	if err := json.Unmarshal(rest, &s); err != nil {
		return time.Time{}, nil, fmt.Errorf("app: session: %w", err)
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

// sessionJSON is a session as sessionCodec stored it before, as JSON.
type sessionJSON struct {
	Deadline time.Time           `json:"deadline"`
	Int64s   map[string]int64    `json:"int64,omitempty"`
	Strings  map[string]string   `json:"string,omitempty"`
	Lists    map[string][]string `json:"strings,omitempty"`
}

// decodeSessionBinary reads what Encode wrote after its prefix;
// errSessionDamaged for anything short, long or of an unknown kind.
func decodeSessionBinary(b []byte) (time.Time, map[string]any, error) {
	r := sessionReader{b: b, ok: true}
	deadline := r.varint()
	n := r.count()
	values := make(map[string]any, n)
	for i := 0; i < n && r.ok; i++ {
		kind := r.byte()
		k := r.string()
		switch kind {
		case sessionInt64:
			values[k] = r.varint()
		case sessionString:
			values[k] = r.string()
		case sessionList:
			list := make([]string, r.count())
			for j := range list {
				list[j] = r.string()
			}
			values[k] = list
		default:
			r.ok = false
		}
	}
	if !r.ok || len(r.b) != 0 {
		return time.Time{}, nil, errSessionDamaged
	}
	return time.Unix(0, deadline), values, nil
}

// sessionReader reads a binary session; ok turns false, for good, at the
// first thing it cannot read, and every read after that answers zero.
type sessionReader struct {
	b  []byte
	ok bool
}

func (r *sessionReader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.ok, r.b = false, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a length: at most the bytes left (each counted item takes
// one at least), so a damaged count cannot make a huge allocation.
func (r *sessionReader) count() int {
	v, n := binary.Uvarint(r.b)
	if n <= 0 || v > uint64(len(r.b)-n) {
		r.ok, r.b = false, nil
		return 0
	}
	r.b = r.b[n:]
	return int(v)
}

func (r *sessionReader) byte() byte {
	if len(r.b) == 0 {
		r.ok = false
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *sessionReader) string() string {
	n := r.count()
	if len(r.b) < n {
		r.ok, r.b = false, nil
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}
