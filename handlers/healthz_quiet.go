package handlers

import (
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"
)

// ctxQuiet marks a request whose line logRequests leaves out (the
// metrics still count it): a /healthz answer that says what the one
// before it said, "ok".
const ctxQuiet = "quietLog"

// healthAnswers remembers /healthz's last answer ("ok", "degraded",
// "unavailable"), so that a load balancer probing every second does not
// write 86,400 request lines a day per instance saying nothing new.
type healthAnswers struct {
	mu   sync.Mutex
	last string // "" before the first answer
}

// quiet records status (the answer's word) and code and says whether
// the request's line can be left out: a plain 200 "ok" after an "ok".
// The first answer after a start, every answer that is not a plain ok,
// and the first ok after one are logged.
func (h *healthAnswers) quiet(status string, code int) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	was := h.last
	h.last = status
	return code == http.StatusOK && status == "ok" && was == "ok"
}

// quietIfUnchanged leaves the request's line out when /healthz answers
// a plain ok again.
func (a *App) quietIfUnchanged(c *gin.Context, status string, code int) {
	if a.answers.quiet(status, code) {
		c.Set(ctxQuiet, true)
	}
}
