// Package keycount counts by key in this process's memory: the bounds
// an app instance keeps on what one visitor or one address may start
// (orders per window) or hold at once (long-polls). Each instance counts
// only what it serves: behind n instances a key may reach n times its
// bound, and a restart starts the counts again.
package keycount

import (
	"sync"
	"time"
)

// Counts counts by key. With a Window, a key's count lasts from its
// first take for Window and then starts again (so many per window);
// without one (the zero Counts), a count lasts until it is given back
// (so many held at once). Safe for concurrent use.
type Counts struct {
	// Window is how long a key's count lasts from its first take; 0: until
	// given back. Set it before the first Take.
	Window time.Duration
	// Changed, when set (tests), is told after every take and release.
	Changed chan<- struct{}

	mu     sync.Mutex
	m      map[string]count
	pruned time.Time // when keys whose window had passed were last dropped
}

// count is a key's count and when its window opened (zero without a
// Window).
type count struct {
	n     int
	start time.Time
}

// pruneAt is how many keys a Counts with a Window holds before a take
// drops those whose window has passed — at most once a window, so that a
// busy shop's many live keys are not scanned on every take. Without a
// Window a key is dropped as its last count is given back.
const pruneAt = 4096

// Take counts one under every key at now, each up to its max (maxes[i]
// for keys[i]), or none of them. Refused, it counts nothing and, with a
// Window, says when the first full window ends (the latest of those
// full; zero without a Window). release gives back what it counted, once
// however often it is called; with a Window, only while the count's
// window lasts (a window that has passed took its count with it).
func (c *Counts) Take(now time.Time, keys []string, maxes []int) (release func(), retryAt time.Time, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	defer c.tell()
	if c.m == nil {
		c.m = map[string]count{}
	}
	c.prune(now)
	full := false
	for i, k := range keys {
		w := c.current(now, k)
		if w.n < maxes[i] {
			continue
		}
		full = true
		if c.Window > 0 {
			if end := w.start.Add(c.Window); end.After(retryAt) {
				retryAt = end
			}
		}
	}
	if full {
		return nil, retryAt, false
	}
	starts := make([]time.Time, len(keys))
	for i, k := range keys {
		w := c.current(now, k)
		if w.n == 0 && c.Window > 0 {
			w.start = now
		}
		w.n++
		c.m[k], starts[i] = w, w.start
	}
	return sync.OnceFunc(func() { c.release(keys, starts) }), time.Time{}, true
}

// Count is key's count at now.
func (c *Counts) Count(now time.Time, key string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.current(now, key).n
}

// current is key's count at now: none once its window has passed.
func (c *Counts) current(now time.Time, key string) count {
	w := c.m[key]
	if c.Window > 0 && !now.Before(w.start.Add(c.Window)) {
		return count{}
	}
	return w
}

// release gives back one under every key whose count is still the one
// taken in the window that opened at starts[i].
func (c *Counts) release(keys []string, starts []time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	defer c.tell()
	for i, k := range keys {
		w, ok := c.m[k]
		if !ok || !w.start.Equal(starts[i]) {
			continue
		}
		if w.n--; w.n <= 0 {
			delete(c.m, k)
		} else {
			c.m[k] = w
		}
	}
}

// prune drops the keys whose window has passed, once the map holds
// pruneAt keys and at most once a window.
func (c *Counts) prune(now time.Time) {
	if c.Window <= 0 || len(c.m) < pruneAt || now.Before(c.pruned.Add(c.Window)) {
		return
	}
	c.pruned = now
	for k, w := range c.m {
		if !now.Before(w.start.Add(c.Window)) {
			delete(c.m, k)
		}
	}
}

func (c *Counts) tell() {
	if c.Changed != nil {
		select {
		case c.Changed <- struct{}{}:
		default:
		}
	}
}
