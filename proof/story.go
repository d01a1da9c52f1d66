package proof

import (
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// story keeps what the proof did and saw, per order ref (or authState,
// or "run" for the run as a whole), each line stamped with the time since
// the run began: the report's "what happened".
type story struct {
	start time.Time
	mu    sync.Mutex
	lines map[string][]string
	// failed are the keys whose story has a request the app failed, in
	// the order they failed.
	failed []string
}

func newStory() *story { return &story{start: time.Now(), lines: map[string][]string{}} }

// add appends a line to key's story.
func (s *story) add(key, format string, args ...any) {
	line := fmt.Sprintf("%8.3fs  ", time.Since(s.start).Seconds()) + fmt.Sprintf(format, args...)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.lines[key] = append(s.lines[key], line)
}

// of returns key's story.
func (s *story) of(key string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.lines[key]...)
}

// fail notes that the app failed a request of key's story.
func (s *story) fail(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failed = append(s.failed, key)
}

// failures returns the keys noted by fail, each once.
func (s *story) failures() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var keys []string
	for _, k := range s.failed {
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// counters are the run's progress figures.
type counters struct {
	payments, wallet, card, refunds, captures, voids, links atomic.Int64
	jobsDone, appErrors, transportErrors                    atomic.Int64
}
