package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"antom-checkout/views"
)

// orderPollWindow and orderRecheck work as for link attempts
// (link_status.go): answer "no change" after the window, and re-read the
// database every second in case another app instance settled the payment.
const (
	orderPollWindow = 25 * time.Second
	orderRecheck    = time.Second
)

type orderStatus struct {
	Status     string `json:"status"` // views.State*
	Headline   string `json:"headline"`
	Detail     string `json:"detail"`
	PaymentID  string `json:"paymentId,omitempty"`
	PaidAt     string `json:"paidAt,omitempty"` // RFC 3339
	PaidAtText string `json:"paidAtText,omitempty"`
	Relink     bool   `json:"relink,omitempty"`
}

// orderStatusPoll answers as soon as the order's result state differs
// from ?seen=, or after orderPollWindow with the state unchanged.
func (a *App) orderStatusPoll(c *gin.Context) {
	o, p, ok := a.viewerOrder(c)
	if !ok {
		return
	}
	seen := c.Query("seen")
	wake, stop := a.Checkout.Hub().Subscribe("order:" + o.Ref)
	defer stop()
	deadline := time.NewTimer(orderPollWindow)
	defer deadline.Stop()
	recheck := time.NewTicker(orderRecheck)
	defer recheck.Stop()
	r := describePayment(o, p)
	for r.State == seen {
		select {
		case <-c.Request.Context().Done():
			return
		case <-deadline.C:
			seen = "" // answer with what we have
			continue
		case <-wake:
		case <-recheck.C:
		}
		if o, p, ok = a.viewerOrder(c); !ok {
			return
		}
		r = describePayment(o, p)
	}
	s := orderStatus{Status: r.State, Headline: r.Headline, Detail: r.Detail, Relink: r.Relink}
	if r.State == views.StatePaid {
		s.PaymentID = p.PaymentID
		if t := paidAt(o, p); !t.IsZero() {
			s.PaidAt, s.PaidAtText = t.UTC().Format(time.RFC3339), views.FormatTime(t)
		}
	}
	noStore(c)
	c.JSON(http.StatusOK, s)
}
