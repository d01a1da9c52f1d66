package handlers

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// linkPollWindow is how long one long-poll waits before answering "no
// change"; linkRecheck bounds how stale a change made by another app
// instance (which cannot wake us) may be seen.
const (
	linkPollWindow = 25 * time.Second
	linkRecheck    = time.Second
)

type linkStatus struct {
	Status      string `json:"status"`
	Headline    string `json:"headline"`
	Detail      string `json:"detail"`
	UserLoginID string `json:"userLoginId,omitempty"`
	ReturnTo    string `json:"returnTo"`
}

// linkStatusPoll answers as soon as the attempt's status differs from
// ?seen=, or after linkPollWindow with the status unchanged.
func (a *App) linkStatusPoll(c *gin.Context) {
	l, ok := a.buyerLink(c)
	if !ok {
		return
	}
	seen := c.Query("seen")
	wake, stop := a.Checkout.Hub().Subscribe(fmt.Sprintf("link:%d", l.ID))
	defer stop()
	deadline := time.NewTimer(linkPollWindow)
	defer deadline.Stop()
	recheck := time.NewTicker(linkRecheck)
	defer recheck.Stop()
	for l.Status == seen {
		select {
		case <-c.Request.Context().Done():
			return
		case <-deadline.C:
			seen = "" // answer with what we have
			continue
		case <-wake:
		case <-recheck.C:
		}
		if l, ok = a.buyerLink(c); !ok {
			return
		}
	}
	headline, detail := linkWords(l)
	noStore(c)
	c.JSON(http.StatusOK, linkStatus{Status: l.Status, Headline: headline, Detail: detail, UserLoginID: l.UserLoginID, ReturnTo: l.ReturnTo})
}
