package handlers

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
)

// setRetryAfter sets the Retry-After header (whole seconds, at least 1)
// for a throttled answer and returns the wait in words for the page:
// "in 12 minutes (at 14:05 UTC)".
func (a *App) setRetryAfter(c *gin.Context, retryAt time.Time) string {
	wait := retryAt.Sub(a.Now())
	c.Header("Retry-After", strconv.Itoa(int(math.Ceil(max(wait.Seconds(), 1)))))
	minutes := int(math.Ceil(max(wait.Minutes(), 1)))
	unit := "minutes"
	if minutes == 1 {
		unit = "minute"
	}
	return fmt.Sprintf("in %d %s (at %s)", minutes, unit, retryAt.UTC().Format("15:04 UTC"))
}
