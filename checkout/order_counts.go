package checkout

import (
	"sync"
	"time"
)

// orderCounts counts the orders each key (a visitor, an address) started
// in its current window, in this process's memory: a key's window opens
// with its first order and lasts OrderLimits.Window, as the sign-in
// throttle's do. Kept in memory, not in the database, so that an order
// costs no write of its own (a commit more for every order, a
// transaction's round trips on PostgreSQL): each instance counts what it
// served, so behind n instances a visitor may make up to n times the
// limit, and a restart starts the counts again — still a bound on a
// script, not on a shopper.
type orderCounts struct {
	mu     sync.Mutex
	m      map[string]orderWindow
	pruned time.Time // when keys whose window had passed were last dropped
}

// orderWindow is a key's count and when its window opened.
type orderWindow struct {
	n     int
	start time.Time
}

// orderCountsPrune is how many keys the map holds before a count drops
// those whose window has passed — at most once a window, so that a busy
// shop's many live keys are not scanned on every order.
const orderCountsPrune = 4096

// take counts one order under every key at now, each within its max,
// or none of them: past any, it returns when the first full window ends
// (the latest of those full) and counts nothing.
func (c *orderCounts) take(now time.Time, window time.Duration, keys []string, maxes []int) (retryAt time.Time, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]orderWindow{}
	}
	if len(c.m) >= orderCountsPrune && !now.Before(c.pruned.Add(window)) {
		c.pruned = now
		for k, w := range c.m {
			if !now.Before(w.start.Add(window)) {
				delete(c.m, k)
			}
		}
	}
	for i, k := range keys {
		w := c.m[k]
		if end := w.start.Add(window); now.Before(end) && w.n >= maxes[i] && end.After(retryAt) {
			retryAt = end
		}
	}
	if !retryAt.IsZero() {
		return retryAt, false
	}
	for _, k := range keys {
		w := c.m[k]
		if !now.Before(w.start.Add(window)) {
			w = orderWindow{start: now}
		}
		w.n++
		c.m[k] = w
	}
	return time.Time{}, true
}
