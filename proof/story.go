package proof

import (
	"fmt"
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

// counters are the run's progress figures.
type counters struct {
	payments, wallet, card, refunds, captures, voids, links atomic.Int64
	jobsDone, appErrors, transportErrors                    atomic.Int64
}
