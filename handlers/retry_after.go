package handlers

import (
	"math"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"antom-checkout/lang"
)

// setRetryAfter sets the Retry-After header (whole seconds, at least 1)
// for a throttled answer and returns the wait in the page's words:
// "in 12 minutes (at 14:05 UTC)".
func (a *App) setRetryAfter(c *gin.Context, retryAt time.Time) string {
	wait := retryAt.Sub(a.Now())
	c.Header("Retry-After", strconv.Itoa(int(math.Ceil(max(wait.Seconds(), 1)))))
	return a.retryWords(c, retryAt)
}

// retryWords is the wait until retryAt in the page's words, as
// setRetryAfter gives it: the clock time is the whole minute at or after
// retryAt (a time shown without its seconds, 23:01 for 23:01:48, would
// be refused again), and the minutes are those until that time.
func (a *App) retryWords(c *gin.Context, retryAt time.Time) string {
	at := retryAt.Truncate(time.Minute)
	if at.Before(retryAt) {
		at = at.Add(time.Minute)
	}
	minutes := int(math.Ceil(max(at.Sub(a.Now()).Minutes(), 1)))
	l := lang.From(c.Request.Context())
	return l.N("auth.throttled_when", minutes, lang.Args{"At": l.Time(at)})
}
