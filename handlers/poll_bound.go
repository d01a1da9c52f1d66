package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// Long-polls one instance holds at once: pollsPerSession for one
// session (a buyer's or staff member's tabs, each with one poll open; a
// browser opens 6 connections to a host at most over HTTP/1.1), and
// pollsPerAddress from one client address (an IPv6 /64), whoever asks —
// an office behind one address. Each held poll is a goroutine or two
// and its buffers; these bound what one visitor can make an instance
// hold. The bound is per instance, in memory (App.polls): a poll is held
// by one instance only.
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

// boundPolls holds a long-poll only while its session and its address
// are within pollsPerSession and pollsPerAddress; past either it
// answers pollBusy at once. A poll without a session (answered at once
// anyway: signed out, not found) counts to its address only.
func (a *App) boundPolls(c *gin.Context) {
	keys, maxes := []string{"addr:" + checkout.ClientNetwork(c.ClientIP())}, []int{pollsPerAddress}
	if token := a.Sessions.Token(c.Request.Context()); token != "" {
		keys, maxes = append(keys, "session:"+token), append(maxes, pollsPerSession)
	}
	release, _, ok := a.polls.Take(a.Now(), keys, maxes)
	if !ok {
		c.Header("Retry-After", "2")
		c.AbortWithStatusJSON(http.StatusTooManyRequests, pollBusy{Busy: true})
		return
	}
	defer release()
	c.Next()
}
