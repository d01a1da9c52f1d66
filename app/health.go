package app

import (
	"context"
	"sync"
	"time"
)

// cachedCheck remembers a check's outcome for ttl, so that frequent health
// probes do not turn into a stream of connections to Antom.
func cachedCheck(ttl time.Duration, check func(context.Context) error) func(context.Context) error {
	var (
		mu   sync.Mutex
		at   time.Time
		last error
	)
	return func(ctx context.Context) error {
		mu.Lock()
		defer mu.Unlock()
		if !at.IsZero() && time.Since(at) < ttl {
			return last
		}
		last = check(ctx)
		at = time.Now()
		return last
	}
}
