package checkout

import (
	"strings"
	"testing"
	"time"
)

// Every ref we make is possible, and so is any short plain one (it is
// looked up, not judged by its look); one that no order can have is not,
// and every possible ref's order pages can be kept as return addresses.
func TestPossibleRef(t *testing.T) {
	for range 100 {
		ref, err := newOrderRef(time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if !PossibleRef(ref) {
			t.Fatalf("our own ref %q is not possible", ref)
		}
	}
	for _, ref := range []string{"NOPE", "ORD-20261122-ABCDEFGHJK", "a_b-1", strings.Repeat("A", maxRefLen)} {
		if !PossibleRef(ref) {
			t.Errorf("%q is not possible", ref)
		}
		for _, page := range []string{"/orders/" + ref, "/checkout/" + ref, "/orders/" + ref + "/return"} {
			if !IsLocalPath(page) {
				t.Errorf("%q cannot be kept as a return address", page)
			}
		}
	}
	for _, ref := range []string{"", strings.Repeat("A", maxRefLen+1), strings.Repeat("A", 5000), "\x00", "\xe0\xa4", "a b", "a/b", "..", "%2f", "ORD\\1", "é"} {
		if PossibleRef(ref) {
			t.Errorf("%q is possible", ref)
		}
	}
}
