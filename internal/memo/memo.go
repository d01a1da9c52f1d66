// Package memo keeps answers that never change for their key — a message
// in a language, an amount as a language writes it, a header rendered
// for a language — so that each is worked out once, not on every page.
package memo

import (
	"sync"
	"sync/atomic"
)

// Map is a concurrent map of such answers (K → V), bounded: it keeps at
// most its limit of entries, the first ones stored; past them nothing
// more is kept and answers are worked out each time (Get), so a key set
// larger than expected costs time, never memory. Entries are never
// removed or replaced: of two answers stored for one key, the first is
// kept. Safe for concurrent use; reads take no lock (sync.Map). A kept
// V is shared by every caller: one that holds a slice or map must not be
// changed. Make one with New.
type Map[K comparable, V any] struct {
	m     sync.Map // K → V
	n     atomic.Int64
	limit int64
}

// New returns an empty Map that keeps at most limit entries (none if
// limit is 0 or less).
func New[K comparable, V any](limit int) *Map[K, V] {
	return &Map[K, V]{limit: int64(limit)}
}

// Load returns the answer kept for key, and whether there is one.
func (m *Map[K, V]) Load(key K) (V, bool) {
	v, ok := m.m.Load(key)
	if !ok {
		var zero V
		return zero, false
	}
	return v.(V), true
}

// Store keeps v for key unless an answer is kept for key already or the
// Map is full, and returns the answer now kept for key: v, or the one
// kept before; v itself when the Map is full.
func (m *Map[K, V]) Store(key K, v V) V {
	if m.n.Load() >= m.limit {
		return v
	}
	if m.n.Add(1) > m.limit { // another caller took the last place
		m.n.Add(-1)
		return v
	}
	got, loaded := m.m.LoadOrStore(key, v)
	if loaded {
		m.n.Add(-1)
	}
	return got.(V)
}

// Get returns the answer kept for key, or works it out (work, called
// without any lock held, perhaps by several callers at once for one key)
// and keeps it as Store does.
func (m *Map[K, V]) Get(key K, work func() V) V {
	if v, ok := m.Load(key); ok {
		return v
	}
	return m.Store(key, work())
}

// Len is how many entries the Map keeps (a Store under way may count
// already).
func (m *Map[K, V]) Len() int { return int(m.n.Load()) }
