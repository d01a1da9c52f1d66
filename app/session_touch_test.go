package app

import (
	"errors"
	"testing"
	"time"
)

// countingStore is a session store that counts the writes it takes and
// can be told to refuse them.
type countingStore struct {
	data    map[string][]byte
	commits int
	refuse  bool
}

func (s *countingStore) Find(token string) ([]byte, bool, error) {
	b, ok := s.data[token]
	return b, ok, nil
}

func (s *countingStore) Commit(token string, b []byte, expiry time.Time) error {
	s.commits++
	if s.refuse {
		return errors.New("disk full")
	}
	s.data[token] = b
	return nil
}

func (s *countingStore) Delete(token string) error {
	delete(s.data, token)
	return nil
}

// An unchanged session whose idle expiry moved less than a minute is not
// written again; new data, a minute's move, a delete or a failed write
// make the next commit write.
func TestTouchThrottleWritesChangesAtOnceAndTouchesOnceAMinute(t *testing.T) {
	inner := &countingStore{data: map[string][]byte{}}
	s := newTouchThrottle(inner)
	t0 := time.Now().Add(24 * time.Hour)
	commit := func(b string, expiry time.Time) {
		t.Helper()
		check(t, s.Commit("tok", []byte(b), expiry))
	}
	want := func(n int, what string) {
		t.Helper()
		if inner.commits != n {
			t.Fatalf("%s: %d writes, want %d", what, inner.commits, n)
		}
	}
	commit("guest orders: A", t0)
	want(1, "first commit")
	commit("guest orders: A", t0.Add(30*time.Second))
	want(1, "same data, expiry 30 s later")
	commit("guest orders: A, B", t0.Add(31*time.Second))
	want(2, "new data")
	if got, _, _ := inner.Find("tok"); string(got) != "guest orders: A, B" {
		t.Fatalf("stored %q", got)
	}
	commit("guest orders: A, B", t0.Add(31*time.Second+touchEvery))
	want(3, "same data, a minute later")

	check(t, s.Delete("tok"))
	commit("guest orders: A, B", t0.Add(32*time.Second+touchEvery))
	want(4, "after a delete (a sign-out elsewhere must not be undone by silence)")

	inner.refuse = true
	if err := s.Commit("tok", []byte("x"), t0.Add(2*touchEvery)); err == nil {
		t.Fatal("a refused write reported as done")
	}
	inner.refuse = false
	commit("x", t0.Add(2*touchEvery))
	want(6, "after a refused write of the same data")
}
