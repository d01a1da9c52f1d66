package checkout

import "testing"

// A Watch wakes on its subject's news like a Subscribe, and is no other
// long-poll: Waiters (checkout_longpolls_waiting) counts only the
// subscriptions; Waiting counts both among the subject's waiters.
func TestHubWatchWakesWithoutCounting(t *testing.T) {
	h := NewHub()
	_, stopPoll := h.Subscribe("order:1")
	defer stopPoll()
	watch, stop := h.Watch("staff:1")
	assertEqual(t, h.Waiters(), 1, "waiters: the long-poll only")
	assertEqual(t, h.Waiting("staff:1"), 1, "waiting on the watched subject")
	h.Publish("staff:1")
	select {
	case <-watch:
	default:
		t.Fatal("the watch was not woken")
	}
	stop()
	stop() // twice is fine
	assertEqual(t, h.Waiters(), 1, "waiters after the watch stopped")
	assertEqual(t, h.Waiting("staff:1"), 0, "waiting after the watch stopped")
}
