package app

import (
	"bytes"
	"net/url"
	"reflect"
	"testing"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/alexedwards/scs/v2/memstore"
)

// sessionValues are the kinds of value the app keeps in a session.
func sessionValues() map[string]any {
	return map[string]any{
		"buyer_id":     int64(42),
		"staff_id":     int64(-7),
		"flash":        "checkout.paid",
		"notice":       "ünïcode ✓ <&>",
		"guest_orders": []string{"ORD-1", "ORD-2"},
		"no_orders":    []string{},
	}
}

// TestSessionCodecRoundTrip: every kind of value the app keeps comes back
// as it went in, with its type (GetInt64 and the guest's []string need
// them), and the deadline with it.
func TestSessionCodecRoundTrip(t *testing.T) {
	deadline := time.Date(2026, 12, 8, 5, 0, 0, 123456789, time.UTC)
	b, err := sessionCodec{}.Encode(deadline, sessionValues())
	check(t, err)
	gotDeadline, got, err := sessionCodec{}.Decode(b)
	check(t, err)
	if !gotDeadline.Equal(deadline) {
		t.Errorf("deadline = %v, want %v", gotDeadline, deadline)
	}
	if !reflect.DeepEqual(got, sessionValues()) {
		t.Errorf("values = %#v, want %#v", got, sessionValues())
	}
	_, empty, err := sessionCodec{}.Decode(must(sessionCodec{}.Encode(deadline, map[string]any{})))
	check(t, err)
	if len(empty) != 0 {
		t.Errorf("an empty session decodes as %v", empty)
	}
}

// TestSessionCodecStable: the same session encodes to the same bytes
// every time, so touchThrottle recognises an unchanged session (gob
// writes a map's entries in random order).
func TestSessionCodecStable(t *testing.T) {
	deadline := time.Now()
	first := must(sessionCodec{}.Encode(deadline, sessionValues()))
	for range 20 {
		if b := must(sessionCodec{}.Encode(deadline, sessionValues())); !bytes.Equal(b, first) {
			t.Fatalf("the same session encoded as %q and %q", first, b)
		}
	}
}

// TestSessionCodecReadsGobSessions: sessions stored before, by scs's gob
// codec, are still read (buyers stay signed in across the upgrade), and
// none of them looks like one of ours.
func TestSessionCodecReadsGobSessions(t *testing.T) {
	deadline := time.Date(2026, 12, 8, 5, 0, 0, 0, time.UTC)
	for _, values := range []map[string]any{sessionValues(), {"buyer_id": int64(1)}, {}} {
		old := must(scs.GobCodec{}.Encode(deadline, values))
		if bytes.HasPrefix(old, sessionJSONPrefix) {
			t.Fatalf("a gob session starts with %q", sessionJSONPrefix)
		}
		gotDeadline, got, err := sessionCodec{}.Decode(old)
		check(t, err)
		_, want, err := scs.GobCodec{}.Decode(old) // as gob reads it (an empty list comes back nil)
		check(t, err)
		if !gotDeadline.Equal(deadline) || !reflect.DeepEqual(got, want) || len(got) != len(values) {
			t.Errorf("gob session: %v %#v, want %v %#v", gotDeadline, got, deadline, want)
		}
	}
}

// TestSessionCodecRefusesOtherTypes: a value of a type the codec does not
// keep is an error, not a value silently lost or changed.
func TestSessionCodecRefusesOtherTypes(t *testing.T) {
	for _, v := range []any{42, 1.5, true, []int64{1}, time.Now()} {
		if _, err := (sessionCodec{}).Encode(time.Now(), map[string]any{"x": v}); err == nil {
			t.Errorf("a %T was encoded", v)
		}
	}
	if _, _, err := (sessionCodec{}).Decode(append(bytes.Clone(sessionJSONPrefix), "{not json"...)); err == nil {
		t.Error("a damaged session was decoded")
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestSessionsUseSessionCodec: the app's sessions are stored with
// sessionCodec.
func TestSessionsUseSessionCodec(t *testing.T) {
	public, _ := url.Parse("http://localhost:8080")
	if c := newSessions(memstore.New(), public).Codec; c != (sessionCodec{}) {
		t.Fatalf("sessions use %T", c)
	}
}
