package handlers

import (
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// Long-polls one instance holds at once: pollsPerSession for one
// session (a buyer's or staff member's tabs, each with one poll open; a
// browser opens 6 connections to a host at most over HTTP/1.1), and
// pollsPerAddress from one client address (an IPv6 /64), whoever asks —
// an office behind one address. Each held poll is a goroutine or two
// and its buffers; these bound what one visitor can make an instance
// hold. Per instance, in memory: a poll is held by one instance only.
const (
	pollsPerSession = 10
	pollsPerAddress = 100
)

// pollBusy is the answer to a long-poll past its bound: 429 at once,
// with Retry-After. order.js, link.js, checkout.js and admin_order.js
// take any answer but 2xx and 401 as a failed poll and poll again 2 s
// later: no hot loop, and the page carries on once a slot is free.
type pollBusy struct {
	Busy bool `json:"busy"`
}

// pollSlots counts the long-polls held, by key.
type pollSlots struct {
	mu   sync.Mutex
	held map[string]int
	// changed, when set (tests), is told after every take and release.
	changed chan<- struct{}
}

// take holds a slot under every key, each up to its max, or none of
// them: it reports false when any is full.
func (p *pollSlots) take(keys []string, maxes []int) (release func(), ok bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	defer p.tell()
	for i, k := range keys {
		if p.held[k] >= maxes[i] {
			return nil, false
		}
	}
	if p.held == nil {
		p.held = map[string]int{}
	}
	for _, k := range keys {
		p.held[k]++
	}
	return sync.OnceFunc(func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		defer p.tell()
		for _, k := range keys {
			if p.held[k]--; p.held[k] <= 0 {
				delete(p.held, k)
			}
		}
	}), true
}

// count is how many polls key holds.
func (p *pollSlots) count(key string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.held[key]
}

func (p *pollSlots) tell() {
	if p.changed != nil {
		select {
		case p.changed <- struct{}{}:
		default:
		}
	}
}

// boundPolls holds a long-poll only while its session and its address
// are within pollsPerSession and pollsPerAddress; past either it
// answers pollBusy at once. A poll without a session (answered at once
// anyway: signed out, not found) counts to its address only.
func (a *App) boundPolls(c *gin.Context) {
	keys, maxes := []string{"addr:" + checkout.ClientNetwork(c.ClientIP())}, []int{pollsPerAddress}
	if token := a.Sessions.Token(c.Request.Context()); token != "" {
		keys, maxes = append(keys, "session:"+token), append(maxes, pollsPerSession)
	}
	release, ok := a.polls.take(keys, maxes)
	if !ok {
		c.Header("Retry-After", "2")
		c.AbortWithStatusJSON(http.StatusTooManyRequests, pollBusy{Busy: true})
		return
	}
	defer release()
	c.Next()
}
