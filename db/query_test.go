package db

import (
	"context"
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
