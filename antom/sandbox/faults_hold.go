package sandbox

import (
	"context"
	"sync"
)

// A Hold keeps the next call to one API waiting, before any work is done,
// until the test that set it releases it: a call answered after a moment
// the test chooses (the buyer's page seen waiting, say), where a Latency
// would be a guess that a slow machine breaks. Holds are for tests that
// run the sandbox in process; the control page and its JSON do not show
// them.
type Hold struct {
	arrived chan struct{}
	release chan struct{}
	once    sync.Once
}

// Arrived is closed once the held call has reached the sandbox.
func (h *Hold) Arrived() <-chan struct{} { return h.arrived }

// Release lets the held call go on (the work is then done and answered as
// usual); it may be called more than once, and before the call arrives
// (it is then not held at all).
func (h *Hold) Release() { h.once.Do(func() { close(h.release) }) }

// Hold holds the next call to api ("payments/pay") until the returned
// Hold is released: the work is then done even if the call's caller has
// left meanwhile, as Antom does a call it has received. Only the
// sandbox's shutting down ends a hold otherwise (Close; or Start's ctx
// ending once the caller has left), and the call then does nothing. A
// second Hold of the same API before the first call arrives replaces the
// first.
func (f *Faults) Hold(api string) *Hold {
	h := &Hold{arrived: make(chan struct{}), release: make(chan struct{})}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.holds == nil {
		f.holds = make(map[string]*Hold)
	}
	f.holds[api] = h
	return h
}

// takeHold returns the hold set for the next call to api, and removes it;
// nil if there is none.
func (f *Faults) takeHold(api string) *Hold {
	f.mu.Lock()
	defer f.mu.Unlock()
	h := f.holds[api]
	delete(f.holds, api)
	return h
}

// wait holds a call until h is released; false if ctx ended first (the
// sandbox is shutting down: nothing is done).
func (h *Hold) wait(ctx context.Context) bool {
	close(h.arrived)
	select {
	case <-h.release:
		return true
	case <-ctx.Done():
		return false
	}
}
