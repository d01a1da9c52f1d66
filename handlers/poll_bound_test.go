package handlers

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"testing"
	"time"

	"antom-checkout/internal/keycount"
)

// One session's long-polls held at once are bounded (pollsPerSession):
// the next, from the same session, answers 429 at once (link.js then
// polls again 2 s later), while another session's poll is still held;
// once one of the session's polls ends, its next is held again.
func TestLongPollsPerSessionAreBounded(t *testing.T) {
	ta, f := newFakeAntomAppWith(t, nil)
	f.answer = map[string]string{"consult": fmt.Sprintf(consultQR, "https://qr.test/link-1")}
	changed := make(chan struct{}, 1)
	ta.polls.Changed = changed
	b := ta.client(t)
	b.signUp("polls@example.com")
	status := b.base + b.post("/wallets/link", linkForm).location + "/status?seen=PENDING"
	const addr = "addr:127.0.0.1"
	held := func(n int, what string) {
		t.Helper()
		deadline := time.After(answerBound)
		for ta.polls.Count(ta.now, addr) != n {
			select {
			case <-changed:
			case <-deadline:
				t.Fatalf("%s: %d polls held, want %d", what, ta.polls.Count(ta.now, addr), n)
			}
		}
	}
	// poll starts a long-poll of c's; cancel ends it (the page went away).
	poll := func(c *browserClient) (answered <-chan int, cancel func()) {
		ctx, cancel := context.WithCancel(context.Background())
		out := make(chan int, 1)
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, status, nil)
		go func() {
			resp, err := c.http.Do(req)
			if err != nil {
				out <- 0
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			out <- resp.StatusCode
		}()
		return out, cancel
	}

	var cancels []func()
	for range pollsPerSession {
		_, cancel := poll(b)
		cancels = append(cancels, cancel)
	}
	defer func() {
		for _, cancel := range cancels {
			cancel()
		}
	}()
	held(pollsPerSession, "the session's polls")

	over, _ := poll(b)
	select {
	case code := <-over:
		assertEqual(t, code, http.StatusTooManyRequests, "a poll past the session's bound")
	case <-time.After(answerBound):
		t.Fatal("a poll past the session's bound was held")
	}
	assertEqual(t, ta.polls.Count(ta.now, addr), pollsPerSession, "polls held after the refused one")

	// Another buyer's session (the same address) is not refused.
	other := ta.client(t)
	other.signUp("other-polls@example.com")
	otherStatus := other.base + other.post("/wallets/link", linkForm).location + "/status?seen=PENDING"
	req, _ := http.NewRequest(http.MethodGet, otherStatus, nil)
	ctx, cancelOther := context.WithCancel(context.Background())
	cancels = append(cancels, cancelOther)
	go func() {
		if resp, err := other.http.Do(req.WithContext(ctx)); err == nil {
			resp.Body.Close()
		}
	}()
	held(pollsPerSession+1, "another session's poll")

	// One of the session's polls ends: its next is held again.
	cancels[0]()
	held(pollsPerSession, "once one poll ended")
	_, cancel := poll(b)
	cancels = append(cancels, cancel)
	held(pollsPerSession+1, "the session's next poll")
}

// Polls from one address are bounded whatever their sessions
// (pollsPerAddress), and a refused take holds nothing.
func TestPollSlotsPerAddress(t *testing.T) {
	var p keycount.Counts
	var now time.Time // held counts have no window
	take := func(keys ...string) (func(), bool) {
		release, _, ok := p.Take(now, keys, []int{pollsPerAddress, pollsPerSession}[:len(keys)])
		return release, ok
	}
	var releases []func()
	for i := range pollsPerAddress {
		release, ok := take("addr:a", fmt.Sprintf("session:%d", i))
		if !ok {
			t.Fatalf("poll %d refused", i+1)
		}
		releases = append(releases, release)
	}
	if _, ok := take("addr:a", "session:new"); ok {
		t.Fatal("a poll past the address's bound was held")
	}
	assertEqual(t, p.Count(now, "session:new"), 0, "what a refused poll holds")
	if _, ok := take("addr:b"); !ok {
		t.Fatal("another address's poll was refused")
	}
	releases[0]()
	releases[0]() // once only
	assertEqual(t, p.Count(now, "addr:a"), pollsPerAddress-1, "polls held once one ended")
	if _, ok := take("addr:a", "session:new"); !ok {
		t.Fatal("a poll once a slot was free was refused")
	}
}
