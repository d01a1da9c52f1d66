package memo

import (
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
)

// Get works an answer out once, keeps it and returns it after without
// working it out again; Store keeps the first answer for a key.
func TestGetKeepsTheFirstAnswer(t *testing.T) {
	m := New[string, string](10)
	var works int
	work := func() string { works++; return "answer " + strconv.Itoa(works) }
	for range 3 {
		if got := m.Get("k", work); got != "answer 1" {
			t.Fatalf("Get = %q, want the first answer", got)
		}
	}
	if works != 1 {
		t.Errorf("worked out %d times, want once", works)
	}
	if got := m.Store("k", "other"); got != "answer 1" {
		t.Errorf("Store over a kept answer returned %q, want the kept one", got)
	}
	if got, ok := m.Load("k"); !ok || got != "answer 1" {
		t.Errorf("Load = %q, %v; want the first answer", got, ok)
	}
	if got, ok := m.Load("none"); ok || got != "" {
		t.Errorf("Load of a key never stored = %q, %v", got, ok)
	}
	if m.Len() != 1 {
		t.Errorf("Len = %d, want 1", m.Len())
	}
}

// Past its limit a Map keeps nothing more, however many goroutines store
// at once, and still answers: each answer is worked out every time.
func TestBoundedUnderConcurrentStores(t *testing.T) {
	const limit, keys = 100, 1000
	m := New[int, int](limit)
	var works atomic.Int64
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range keys {
				k := (i + g*keys/8) % keys
				if got := m.Get(k, func() int { works.Add(1); return k * 2 }); got != k*2 {
					t.Errorf("Get(%d) = %d, want %d", k, got, k*2)
				}
			}
		})
	}
	wg.Wait()
	kept := 0
	for k := range keys {
		if v, ok := m.Load(k); ok {
			kept++
			if v != k*2 {
				t.Errorf("kept %d for %d, want %d", v, k, k*2)
			}
		}
	}
	if kept != limit || m.Len() != limit {
		t.Errorf("kept %d answers (Len %d), want the limit, %d", kept, m.Len(), limit)
	}
	before := works.Load()
	for k := range keys {
		m.Get(k, func() int { works.Add(1); return k * 2 })
	}
	if got := works.Load() - before; got != keys-limit {
		t.Errorf("after, worked out %d answers, want the %d not kept", got, keys-limit)
	}
}

// A Map with no room keeps nothing.
func TestZeroLimitKeepsNothing(t *testing.T) {
	m := New[string, int](0)
	if got := m.Store("k", 1); got != 1 {
		t.Errorf("Store = %d, want its own answer", got)
	}
	if _, ok := m.Load("k"); ok || m.Len() != 0 {
		t.Errorf("a Map of limit 0 kept an answer")
	}
}

// A kept answer is read without allocating: memos sit on every page's
// path.
func TestLoadDoesNotAllocate(t *testing.T) {
	type key struct{ lang, id string }
	m := New[key, string](10)
	m.Store(key{"en", "shop.welcome"}, "Welcome")
	if n := testing.AllocsPerRun(100, func() {
		m.Get(key{"en", "shop.welcome"}, func() string { return "" })
	}); n != 0 {
		t.Errorf("%v allocations per Get of a kept answer", n)
	}
}
