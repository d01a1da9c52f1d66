package handlers

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/lang"
	"antom-checkout/views"
)

// adminDashboard is today at a glance.
func (a *App) adminDashboard(c *gin.Context) {
	d, err := a.Checkout.AdminDashboard(c.Request.Context())
	if err != nil {
		a.serverError(c, err)
		return
	}
	a.render(c, http.StatusOK, views.AdminDashboardPage(dashboardView(a.adminPage(c, "Dashboard", "dashboard"), d)))
}

func dashboardView(p views.AdminPage, d checkout.Dashboard) views.AdminDashboard {
	m := views.AdminDashboard{
		AdminPage: p, Day: d.Day.Format("Monday 2 January 2006"), DayZone: lang.ZoneLabel(d.Day), SuccessRate: "—",
		Succeeded: d.Succeeded, Final: d.Final, PaymentsUnconfirmed: d.PaymentsUnconfirmed, Quarantined: d.Quarantined, Forged: d.Forged, Stuck: d.StuckAttempts,
		CancelsStuck: d.CancelsStuck, CardPagesOpen: d.CardPagesOpen, CapturesFailed: d.CapturesFailed, VoidsRefused: d.VoidsRefused, VoidsRefusedCaptureFailed: d.VoidsRefusedCaptureFailed, AuthorizationsExpiring: d.AuthorizationsExpiring, CancelsInDoubt: d.CancelsInDoubt,
		PaymentIDConflicts: d.PaymentIDConflicts, AutoCapturesFailed: d.AutoCapturesFailed, AsksStopped: d.AsksStopped,
		AuthorizationsCapturing: d.AuthorizationsCapturing, AuthorizationsReleasing: d.AuthorizationsReleasing,
		CapturesUnconfirmed: d.CapturesUnconfirmed, VoidsUnconfirmed: d.VoidsUnconfirmed, UnconfirmedAfter: d.UnconfirmedAfter,
		RefundsProcessing: d.RefundsProcessing, RefundsFailed: d.RefundsFailed, RefundsFailedLookFirst: d.RefundsFailedLookFirst, RefundsFoundProcessing: d.RefundsFoundProcessing, RefundsPaidTwice: d.RefundsPaidTwice, RefundsMaybeTwice: d.RefundsMaybeTwice, PaymentsMadeLateTwice: d.PaymentsMadeLateTwice, AutoRefunds: d.AutoRefunds, AutoRefundsOpen: d.AutoRefundsOpen, AutoRefundsPartOutside: d.AutoRefundsPartOutside,
	}
	for _, r := range d.RefundsLookFirstShown {
		m.RefundsLookFirstShown = append(m.RefundsLookFirstShown, views.AdminLookFirst{OrderRef: r.OrderRef, RefundRequestID: r.RefundRequestID})
	}
	if pct, ok := d.SuccessRate(); ok {
		m.SuccessRate = strconv.Itoa(pct) + "%"
	}
	m.Payments, m.Authorizations, m.Refunds = adminTotals(d.Payments), adminTotals(d.Authorizations), adminTotals(d.Refunds)
	bars := make([]views.ChartBar, 0, len(d.Hours))
	for _, h := range d.Hours {
		bars = append(bars, views.ChartBar{Start: h.Start, Count: h.Count})
	}
	m.Chart = views.NewChart(bars)
	return m
}

func adminTotals(sums []checkout.PaymentsSum) []views.AdminTotal {
	out := make([]views.AdminTotal, 0, len(sums))
	for _, t := range sums {
		out = append(out, views.AdminTotal{Currency: t.Total.Currency, Count: t.Count, Total: t.Total.String()})
	}
	return out
}
