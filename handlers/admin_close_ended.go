package handlers

import (
	"errors"
	"net/url"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/views"
)

// adminCloseEnded closes an order whose authorization ended uncaptured
// and whose asks of Antom (was it captured outside this app?) stopped,
// once staff looked the payment up in Antom Dashboard and found nothing
// captured: EXPIRED, nothing charged, as the reconciler would have
// closed it (checkout's CloseAsksStopped). Nothing is sent to Antom. It
// serves the order page's form POST, which sends staff to the
// confirmation (askToConfirm), that confirmation's GET (checked again
// against the order as it is then), and the confirmed POST.
func (a *App) adminCloseEnded(c *gin.Context) {
	ref := c.Param("ref")
	if !confirmed(c) {
		info, err := a.Checkout.ClosableAsksStopped(c.Request.Context(), ref)
		if err != nil {
			a.afterCloseEnded(c, ref, "", err)
			return
		}
		facts := []views.Fact{{Label: "Authorized", Value: info.Authorized.String() + " on " + views.AdminTime(a.Zone, info.AuthorizedAt)}}
		if !info.ExpiresAt.IsZero() {
			facts = append(facts, views.Fact{Label: "Expired", Value: views.AdminTime(a.Zone, info.ExpiresAt)})
		}
		facts = append(facts, views.Fact{Label: "We stopped asking Antom", Value: views.AdminTime(a.Zone, info.StoppedAt)})
		a.askToConfirm(c, url.Values{}, func() (views.AdminConfirm, error) {
			return views.AdminConfirm{
				AdminPage: a.adminPage(c, "Confirm: close as expired", "orders"),
				Question:  "Close order " + ref + " as expired, nothing charged?",
				Detail: "Only once you have looked the payment up in Antom Dashboard and it shows nothing captured: nothing is sent to Antom. " +
					"The order becomes expired (voided, if Antom refused a capture of it as cancelled), the buyer's page says so and that nothing was charged, " +
					"and the order's timeline keeps who and when. This cannot be undone.",
				Facts:  facts,
				Action: actionPath(c),
				Button: "Close as expired",
				Back:   "/admin/orders/" + ref,
			}, nil
		})
		return
	}
	closedAs, err := a.Checkout.CloseAsksStopped(c.Request.Context(), actor(c), ref)
	a.afterCloseEnded(c, ref, closedAs, err)
}

// afterCloseEnded answers the form: the order page with a notice — why
// it was refused (the order is no longer an ended authorization we
// stopped asking about) or how it was closed (closedAs, the order's
// status then).
func (a *App) afterCloseEnded(c *gin.Context, ref, closedAs string, err error) {
	switch {
	case errors.Is(err, checkout.ErrNotFound):
		a.notFound(c)
	case a.refusedTo(c, "/admin/orders/"+ref, err):
	case err != nil:
		a.serverError(c, err)
	case closedAs == db.OrderVoided:
		a.flashTo(c, "/admin/orders/"+ref, "Closed as voided (Antom had refused a capture of it as cancelled): nothing charged. The order's timeline says who and when.")
	default:
		a.flashTo(c, "/admin/orders/"+ref, "Closed as expired: nothing charged. The order's timeline says who and when.")
	}
}
