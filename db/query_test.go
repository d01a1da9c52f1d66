package db

import (
	"context"
	"fmt"
	"strconv"
	"testing"
	"time"
)

type lookupKey struct{}

// lookup drops the request's cancellation (no goroutines watching it per
// query), keeps its values, and keeps a deadline where there is one.
func TestLookupContext(t *testing.T) {
	base := context.WithValue(context.Background(), lookupKey{}, "request id")
	cancellable, cancel := context.WithCancel(base)
	defer cancel()
	got := lookup(cancellable)
	if got.Done() != nil {
		t.Error("a key lookup still watches the request's cancellation")
	}
	if got.Value(lookupKey{}) != "request id" {
		t.Error("a key lookup lost the request's values")
	}
	bounded, cancelBounded := context.WithTimeout(base, time.Second)
	defer cancelBounded()
	if _, ok := lookup(bounded).Deadline(); !ok || lookup(bounded).Done() == nil {
		t.Error("a key lookup lost its deadline")
	}
}

// rowChunks splits any count into runs of 64, 32, …, 1 rows, largest
// first, adding up to it; so the statements that write a transaction's
// timeline entries and inbox rows have one of seven texts whatever their
// count, and write every row once, in order.
func TestRowChunks(t *testing.T) {
	eq(t, len(rowChunks(0)), 0, "chunks of no rows")
	eventTexts, inboxTexts := map[string]bool{}, map[string]bool{}
	for n := 1; n <= 300; n++ {
		sum, last := 0, maxChunk
		for _, c := range rowChunks(n) {
			if c > last || c&(c-1) != 0 {
				t.Fatalf("%d rows: chunks %v", n, rowChunks(n))
			}
			sum, last = sum+c, c
		}
		eq(t, sum, n, "rows in the chunks")
		events := make([]Event, n)
		rows := make([]Notification, n)
		for i := range n {
			events[i].Detail = strconv.Itoa(i)
			rows[i].Detail = strconv.Itoa(i)
		}
		var details []any
		for _, st := range eventInserts(events) {
			eventTexts[st.query] = true
			for i := 3; i < len(st.args); i += 6 {
				details = append(details, st.args[i])
			}
		}
		eq(t, fmt.Sprint(details), fmt.Sprint(appendArgs(nil, detailsOf(events)...)), "events written, in order")
		details = nil
		for _, st := range notificationInserts(rows) {
			inboxTexts[st.query] = true
			for i := 6; i < len(st.args); i += 11 {
				details = append(details, st.args[i])
			}
		}
		eq(t, fmt.Sprint(details), fmt.Sprint(appendArgs(nil, detailsOf(events)...)), "inbox rows written, in order")
	}
	eq(t, len(eventTexts), 7, "texts of the statements writing timeline entries")
	eq(t, len(inboxTexts), 7, "texts of the statements writing inbox rows")
}

func detailsOf(events []Event) []string {
	out := make([]string, len(events))
	for i, e := range events {
		out[i] = e.Detail
	}
	return out
}

// paddedIn fills an IN list up to a power of two with its last value,
// and leaves the slice it was given alone.
func TestPaddedIn(t *testing.T) {
	eq(t, len(paddedIn([]string{})), 0, "no values")
	in := make([]string, 5, 10)
	copy(in, []string{"a", "b", "c", "d", "e"})
	full := in[:10]
	full[5] = "kept"
	eq(t, fmt.Sprint(paddedIn(in)), "[a b c d e e e e]", "5 values")
	eq(t, full[5], "kept", "the caller's array past its slice")
	eq(t, fmt.Sprint(paddedIn([]string{"a", "b"})), "[a b]", "2 values")
}
