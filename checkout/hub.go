package checkout

import "sync"

// Hub wakes waiters when a subject ("link:7", "order:42") changes. It only
// says "look again": the database stays the truth, so a waiter re-reads
// state after every wake-up.
//
// Within one process Publish wakes the waiters directly. With several app
// instances on one PostgreSQL the change may be made on another instance
// than the one a page waits on: RunWakeups (wakeups.go) relays every
// Publish to the other instances through the database, and wakes this
// instance's waiters when a neighbour publishes.
type Hub struct {
	mu      sync.Mutex
	waiters map[string]map[chan struct{}]struct{}
	total   int                  // waiters of all subjects
	relay   func(subject string) // tells the other instances; nil: this process only
	origin  string               // with relay: this instance's name in the wake-ups it sends
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
// and a function to stop waiting. Each subscription counts as one waiter
// (Waiters: one open long-poll).
func (h *Hub) Subscribe(subject string) (<-chan struct{}, func()) {
	return h.subscribe(subject, 1)
}

// Watch is Subscribe for a waiter already counted: a long-poll's other
// reason to answer early (its staff session ending) is not another
// long-poll. Waiting counts it among subject's waiters all the same.
func (h *Hub) Watch(subject string) (<-chan struct{}, func()) {
	return h.subscribe(subject, 0)
}

// subscribe adds a waiter of subject that counts as count (1 or 0) in
// Waiters.
func (h *Hub) subscribe(subject string, count int) (<-chan struct{}, func()) {
	ch := make(chan struct{}, 1)
	h.mu.Lock()
	if h.waiters[subject] == nil {
		h.waiters[subject] = map[chan struct{}]struct{}{}
	}
	h.waiters[subject][ch] = struct{}{}
	h.total += count
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		if _, ok := h.waiters[subject][ch]; ok {
			h.total -= count
		}
		delete(h.waiters[subject], ch)
		if len(h.waiters[subject]) == 0 {
			delete(h.waiters, subject)
		}
		h.mu.Unlock()
	}
}

// Publish says that subject changed: its waiters here and on every other
// instance wake. Call it once the change has committed. It never blocks.
func (h *Hub) Publish(subject string) {
	h.mu.Lock()
	relay := h.relay
	h.mu.Unlock()
	h.wake(subject)
	if relay != nil {
		relay(subject)
	}
}

// wake wakes this process's waiters of subject without blocking.
func (h *Hub) wake(subject string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.waiters[subject] {
		signal(ch)
	}
}

// wakeAll wakes every waiter of this process: news may have been missed
// (the link to the other instances was down), so all look again.
func (h *Hub) wakeAll() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, chs := range h.waiters {
		for ch := range chs {
			signal(ch)
		}
	}
}

// setRelay sets (nil: removes) what Publish tells the other instances
// through, and origin, this instance's name in what it tells them.
func (h *Hub) setRelay(relay func(subject string), origin string) {
	h.mu.Lock()
	h.relay, h.origin = relay, origin
	h.mu.Unlock()
}

// relaying says whether Publish tells other instances, and this
// instance's name in what it tells them.
func (h *Hub) relaying() (origin string, ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.origin, h.relay != nil
}

func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
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
