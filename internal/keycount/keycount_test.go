package keycount

import (
	"fmt"
	"testing"
	"time"
)

var t0 = time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)

// Without a Window, counts are held until given back: a take past any
// key's max counts nothing under any key; a release gives back once
// however often it is called, and a key given back to none is dropped.
func TestHeldCounts(t *testing.T) {
	var c Counts
	var releases []func()
	for i := range 3 {
		release, _, ok := c.Take(t0, []string{"addr", fmt.Sprint("s", i)}, []int{3, 1})
		if !ok {
			t.Fatalf("take %d refused", i+1)
		}
		releases = append(releases, release)
	}
	if _, retryAt, ok := c.Take(t0, []string{"addr", "new"}, []int{3, 1}); ok || !retryAt.IsZero() {
		t.Fatalf("a take past the address's max: ok %v, retry at %v", ok, retryAt)
	}
	if n := c.Count(t0, "new"); n != 0 {
		t.Fatalf("a refused take counted %d", n)
	}
	if _, _, ok := c.Take(t0, []string{"s0"}, []int{1}); ok {
		t.Fatal("a take past a session's max")
	}
	if _, _, ok := c.Take(t0, []string{"other"}, []int{3}); !ok {
		t.Fatal("another key's take was refused")
	}
	releases[0]()
	releases[0]() // once only
	if n := c.Count(t0, "addr"); n != 2 {
		t.Fatalf("held once one was given back: %d, want 2", n)
	}
	if _, ok := c.m["s0"]; ok {
		t.Fatal("a key given back to none is still kept")
	}
	if _, _, ok := c.Take(t0.Add(time.Hour), []string{"addr", "s0"}, []int{3, 1}); !ok {
		t.Fatal("a take once one was free was refused")
	}
}

// With a Window, a key's count lasts from its first take for the
// window: past the max a take is refused until the (latest full) window
// ends, and counts nothing; then the key counts afresh.
func TestWindowedCounts(t *testing.T) {
	c := Counts{Window: 10 * time.Minute}
	c.Take(t0, []string{"addr"}, []int{5})
	for range 2 {
		if _, _, ok := c.Take(t0.Add(time.Minute), []string{"addr", "visitor"}, []int{5, 2}); !ok {
			t.Fatal("a take within both maxes was refused")
		}
	}
	_, retryAt, ok := c.Take(t0.Add(2*time.Minute), []string{"addr", "visitor"}, []int{5, 2})
	if ok || !retryAt.Equal(t0.Add(11*time.Minute)) {
		t.Fatalf("past the visitor's max: ok %v, retry at %v, want %v", ok, retryAt, t0.Add(11*time.Minute))
	}
	if n := c.Count(t0.Add(2*time.Minute), "addr"); n != 3 {
		t.Fatalf("the address after a refused take: %d, want 3", n)
	}
	// Both full: the later window's end.
	c.Take(t0.Add(3*time.Minute), []string{"addr"}, []int{5})
	c.Take(t0.Add(3*time.Minute), []string{"addr"}, []int{5})
	if _, retryAt, _ := c.Take(t0.Add(4*time.Minute), []string{"addr", "visitor"}, []int{5, 2}); !retryAt.Equal(t0.Add(11 * time.Minute)) {
		t.Fatalf("both full: retry at %v, want the later end %v", retryAt, t0.Add(11*time.Minute))
	}
	// The address's window (from t0) ends first; the visitor's is still full.
	if _, _, ok := c.Take(t0.Add(10*time.Minute), []string{"addr"}, []int{5}); !ok {
		t.Fatal("a take once the window passed was refused")
	}
	if n := c.Count(t0.Add(10*time.Minute), "addr"); n != 1 {
		t.Fatalf("a new window's count: %d, want 1", n)
	}
	if _, _, ok := c.Take(t0.Add(10*time.Minute), []string{"visitor"}, []int{2}); ok {
		t.Fatal("the visitor's window (from t0+1m) had not passed")
	}
}

// With a Window, a release gives back its count while its window lasts;
// once a new window has opened it takes nothing from it.
func TestWindowedRelease(t *testing.T) {
	c := Counts{Window: time.Minute}
	c.Take(t0, []string{"k"}, []int{5})
	release, _, _ := c.Take(t0, []string{"k"}, []int{5})
	release()
	if n := c.Count(t0, "k"); n != 1 {
		t.Fatalf("given back within its window: %d, want 1", n)
	}
	old, _, _ := c.Take(t0, []string{"k"}, []int{5})
	c.Take(t0.Add(time.Minute), []string{"k"}, []int{5}) // a new window
	old()
	if n := c.Count(t0.Add(time.Minute), "k"); n != 1 {
		t.Fatalf("the new window after an old count was given back: %d, want 1", n)
	}
}

// With a Window, keys whose window has passed are dropped once pruneAt
// keys are held — at most once a window, not on every take.
func TestWindowedPruneOnceAWindow(t *testing.T) {
	c := Counts{Window: time.Minute}
	for i := range pruneAt {
		c.Take(t0, []string{fmt.Sprint(i)}, []int{1})
	}
	c.Take(t0.Add(30*time.Second), []string{"x"}, []int{1}) // prunes: none has passed
	assertKeys(t, &c, pruneAt+1, "none passed")
	c.Take(t0.Add(time.Minute), []string{"y"}, []int{1}) // the first ones have passed: pruned 30 s ago
	assertKeys(t, &c, pruneAt+2, "within a window of the last prune")
	c.Take(t0.Add(90*time.Second), []string{"z"}, []int{1}) // a window since: the first ones and x go
	assertKeys(t, &c, 2, "a window after the last prune")
}

func assertKeys(t *testing.T, c *Counts, want int, what string) {
	t.Helper()
	if len(c.m) != want {
		t.Fatalf("keys kept, %s: %d, want %d", what, len(c.m), want)
	}
}

// Changed is told after every take and release.
func TestChangedIsTold(t *testing.T) {
	changed := make(chan struct{}, 1)
	c := Counts{Changed: changed}
	release, _, _ := c.Take(t0, []string{"k"}, []int{1})
	<-changed
	release()
	<-changed
}
