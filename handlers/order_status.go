package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
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
	var (
		o checkout.Order
		p checkout.PaymentView
		r paymentResult
	)
	load := func() (string, bool) {
		var ok bool
		o, p, ok = a.viewerOrder(c)
		r = describePayment(o, p)
		return r.State, ok
	}
	if !a.waitForChange(c, checkout.OrderSubject(c.Param("ref")), c.Query("seen"), load) {
		return
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
