package checkout

import "sync"

// Hub wakes waiters when a subject ("link:7", "order:42") changes. It only
// says "look again": the database stays the truth, so a waiter re-reads
// state after every wake-up, and waiters also re-check on a timer so that
// a change made by another app instance is seen too.
type Hub struct {
	mu      sync.Mutex
	waiters map[string]map[chan struct{}]struct{}
	total   int // waiters of all subjects
	stopped chan struct{}
	stop    sync.Once
}

// NewHub returns an empty hub.
func NewHub() *Hub {
	return &Hub{waiters: map[string]map[chan struct{}]struct{}{}, stopped: make(chan struct{})}
}

// Stop tells every waiter, present and future, to stop waiting: at
// shutdown, long-polls answer at once with what they have.
func (h *Hub) Stop() { h.stop.Do(func() { close(h.stopped) }) }

// Stopped is closed once Stop has been called.
func (h *Hub) Stopped() <-chan struct{} { return h.stopped }

// Subscribe returns a channel that receives a value when subject changes,
// and a function to stop waiting.
func (h *Hub) Subscribe(subject string) (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	h.mu.Lock()
	if h.waiters[subject] == nil {
		h.waiters[subject] = map[chan struct{}]struct{}{}
	}
	h.waiters[subject][ch] = struct{}{}
	h.total++
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		if _, ok := h.waiters[subject][ch]; ok {
			h.total--
		}
		delete(h.waiters[subject], ch)
		if len(h.waiters[subject]) == 0 {
			delete(h.waiters, subject)
		}
		h.mu.Unlock()
	}
}

// Publish wakes every waiter of subject without blocking.
func (h *Hub) Publish(subject string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.waiters[subject] {
		select {
		case ch <- struct{}{}:
		default:
		}
	}
}

// Waiters counts the waiters of every subject: open long-polls.
func (h *Hub) Waiters() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.total
}

// Waiting counts the waiters of subject.
func (h *Hub) Waiting(subject string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.waiters[subject])
}
