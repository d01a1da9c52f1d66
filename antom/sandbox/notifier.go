package sandbox

import (
	"context"
	"sync"
	"time"
)

const (
	// maxDeliveries bounds the deliveries in flight at once.
	maxDeliveries = 4
	// errorBackoff is how long the dispatcher waits after a database error.
	errorBackoff = time.Second
)

// dispatch runs the notification dispatcher until ctx ends: it sends every
// due notification, at most maxDeliveries at a time, and sleeps until the
// next one is due, a new one is queued or a delivery ends. It waits for its
// deliveries before returning.
func (s *Sandbox) dispatch(ctx context.Context) {
	inflight := make(map[int64]bool)
	done := make(chan int64)
	var wg sync.WaitGroup
	defer wg.Wait()
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		wait := s.launchDue(ctx, inflight, done, &wg)
		timer.Stop()
		var due <-chan time.Time
		if wait >= 0 {
			timer.Reset(wait)
			due = timer.C
		}
		select {
		case <-ctx.Done():
			return
		case <-s.wake:
		case id := <-done:
			delete(inflight, id)
		case <-due:
		}
	}
}

// launchDue starts a delivery for each due notification not in flight, as
// slots allow. It returns how long until the next one is due, or -1 when
// only a wake-up or a finished delivery can change anything.
func (s *Sandbox) launchDue(ctx context.Context, inflight map[int64]bool, done chan<- int64, wg *sync.WaitGroup) time.Duration {
	upcoming, err := s.upcomingNotifications(ctx, maxDeliveries+len(inflight)+1)
	if err != nil {
		if ctx.Err() == nil {
			s.log.Error("sandbox: dispatcher", "err", err)
		}
		return errorBackoff
	}
	now := s.now()
	for _, n := range upcoming {
		if inflight[n.id] {
			continue
		}
		if n.nextAt.After(now) {
			return n.nextAt.Sub(now)
		}
		if len(inflight) >= maxDeliveries {
			return -1
		}
		inflight[n.id] = true
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.deliver(ctx, n)
			select {
			case done <- n.id:
			case <-ctx.Done():
			}
		}()
	}
	return -1
}
