package handlers

import (
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/gin-gonic/gin"
)

// Routes returns the whole HTTP surface of the app. Read it top to bottom.
func (a *App) Routes() http.Handler {
	// Outermost: same-origin checks for every state-changing browser
	// request (server-to-server POSTs such as Antom's pass; a refused one
	// gets our 403 page), then sessions. A HEAD is answered as its GET,
	// without the body.
	return headAsGet(a.crossOrigin(a.withSessions(a.router())))
}

// router is the route table.
func (a *App) router() *gin.Engine {
	gin.SetMode(gin.ReleaseMode)
	r := gin.New()
	// ClientIP is the peer address; behind the configured load balancers
	// only, the address they put in X-Forwarded-For. Nobody else can
	// spoof it with a header.
	if err := r.SetTrustedProxies(a.TrustedProxies); err != nil {
		r.SetTrustedProxies(nil) // app.Load checked them: not reached
	}
	r.Use(a.inZone, a.logRequests, a.recoverPanics, a.securityHeaders(), a.warnUntrustedForwarding())

	// These three are served without the session (session.go's
	// sessionless: keep the two in step).
	r.GET("/healthz", a.healthz)
	files := a.staticFiles()
	r.GET("/static/*filepath", files)

	// Antom calls this for every kind of notification (DESIGN.md §4).
	r.POST("/antom/notify", a.antomNotify)

	// Buyer pages speak the buyer's language (the admin stays in English).
	// A body larger than any form of ours sends answers 413 before
	// anything reads it, on these and the admin's (boundedBody).
	// A page's or form's query or field that is not text (NUL, not UTF-8)
	// answers 400 before anything runs, on these and the admin's (textOnly).
	// A form that sends a field twice answers 422 and does nothing
	// (singleFields, on the admin's too). An order's address whose ref no order can have is
	// 404 to everyone, before any sign-in check (possibleRef).
	pages := r.Group("/", a.loadBuyer, a.chooseLanguage, a.boundedBody, a.textOnly, a.singleFields, a.possibleRef)
	pages.POST("/lang", a.setLanguage) // the language switcher

	// Storefront, checkout and result pages (guests too: their session
	// remembers their orders).
	pages.GET("/", a.storefront)
	pages.GET("/orders", a.myOrders) // My orders: the buyer's, or this browser's as a guest
	pages.POST("/orders", a.createOrder)
	pages.POST("/orders/test", a.createTestOrder) // the sandbox's test payment; 404 with real Antom
	pages.GET("/checkout/:ref", a.checkoutPage)
	pages.GET("/orders/:ref", a.orderResult)
	pages.GET("/orders/:ref/status", a.boundPolls, a.orderStatusPoll) // order.js's long-poll: signed out, 401 (a guest's own order: as ever)
	pages.POST("/orders/:ref/check", a.orderCheck)
	pages.POST("/orders/:ref/pay-another-way", a.orderPayAnotherWay)
	pages.POST("/checkout/:ref/card", a.checkoutCard)    // Antom's hosted card page; guests too
	pages.GET("/orders/:ref/card-page", a.orderCardPage) // on to Antom's card page once it is ready
	pages.GET("/orders/:ref/return", a.orderReturn)      // the paymentRedirectUrl

	// Buyer accounts.
	pages.GET("/signup", a.authForm(signupPage))
	pages.POST("/signup", a.signup)
	pages.GET("/signin", a.authForm(signinPage))
	pages.POST("/signin", a.signin)
	pages.POST("/signout", a.signout)

	// Scan to Link and saved wallets (signed-in buyers).
	pages.GET("/wallets/link/return", a.linkReturn) // the wallet's authRedirectUrl
	// Each POST-only route's form page by the route's full path, filled
	// by the table below: where a signed-out POST signs in and comes back.
	forms := map[string]string{}
	buyer := pages.Group("/", a.requireBuyer(forms))
	buyer.GET("/wallets", a.walletsList)
	buyer.POST("/wallets/link", a.linkStart)
	buyer.GET("/wallets/link/:id", a.linkPage)
	buyer.GET("/wallets/link/:id/qr.png", a.linkQR)
	buyer.GET("/wallets/link/:id/continue", a.linkContinue)                                   // once linked: back to where linking started, saying so
	pages.GET("/wallets/link/:id/status", a.requireBuyerPoll, a.boundPolls, a.linkStatusPoll) // link.js's long-poll: signed out, 401 (a script cannot sign in)
	buyer.POST("/wallets/link/:id/renew", a.linkRenew)
	buyer.POST("/wallets/:id/unlink", a.walletUnlink)
	buyer.POST("/cards/:id/remove", a.cardRemove)
	// Their confirmations: the first POST (above) sends the buyer (303)
	// here, safe to reload and Back to; only the confirmation's POST acts
	// (confirm_step.go). Only an address the session's own form made is
	// shown (confirm_signed.go).
	buyerSigned := a.confirmationSigned(forms, a.buyerConfirmationForeign)
	buyer.GET("/wallets/:id/unlink/confirm", buyerSigned, a.walletUnlink)
	buyer.GET("/cards/:id/remove/confirm", buyerSigned, a.cardRemove)

	// One-click pay with a saved wallet (signed-in buyers).
	buyer.POST("/checkout/:ref/pay", a.checkoutPay)

	// Merchant admin (staff only; buyers' sign-in does not count). Anyone
	// else is sent to the staff sign-in and nothing is done; staff signed
	// in with a one-time password must choose their own first.
	admin := r.Group("/admin", a.loadStaff, a.boundedBody, a.textOnly, a.singleFields)
	admin.GET("/signin", a.adminSigninForm)
	admin.POST("/signin", a.adminSignin)
	staff := admin.Group("", a.requireStaff(forms))
	staff.POST("/signout", a.adminSignout)
	staff.GET("/password", a.adminPasswordForm)
	staff.POST("/password", a.adminPassword)
	ready := staff.Group("", a.requireOwnPassword)
	// A confirmation's Confirm pressed on a page shown to an earlier
	// sign-in does nothing (confirm_signed.go).
	confirmedHere := a.confirmedBySignIn(forms)
	ready.GET("", a.adminDashboard)
	ready.GET("/orders", a.adminOrders)
	ready.GET("/orders/:ref", a.adminOrder)
	ready.GET("/orders/:ref/status", a.boundPolls, a.adminOrderStatusPoll) // the page's long-poll (admin_order.js)
	ready.POST("/orders/:ref/refunds", confirmedHere, a.adminRefund)
	ready.POST("/orders/:ref/refunds/:id/handled", confirmedHere, a.adminRefundHandled)
	ready.POST("/orders/:ref/refunds/:id/retry", confirmedHere, a.adminRefundRetry)
	ready.POST("/orders/:ref/capture", confirmedHere, a.adminCapture)
	ready.POST("/orders/:ref/void", confirmedHere, a.adminVoid)
	ready.POST("/orders/:ref/alarms/:alarm/resolve", confirmedHere, a.adminAlarmResolve)
	ready.POST("/orders/:ref/close-ended", confirmedHere, a.adminCloseEnded)
	ready.GET("/refunds/lookup", a.adminLookupForm) // asks nothing: the form, or the answer kept for ?id=
	ready.POST("/refunds/lookup", a.adminLookupAsk) // asks Antom, keeps the answer, 303 to it
	ready.GET("/wallets", a.adminWallets)
	ready.POST("/wallets/:id/unlink", confirmedHere, a.adminWalletUnlink)
	ready.POST("/cards/:id/remove", confirmedHere, a.adminCardRemove)
	ready.GET("/notifications", a.adminInbox)
	ready.GET("/notifications/:id", a.adminNotification)
	ready.POST("/notifications/:id/replay", a.adminReplay)
	ready.POST("/notifications/:id/review", a.adminReview) // Mark reviewed: a quarantined row no replay can resolve
	ready.GET("/staff", a.adminStaff)
	ready.POST("/staff", a.adminStaffAdd)
	ready.POST("/staff/:id/remove", confirmedHere, a.adminStaffRemove)
	ready.POST("/staff/:id/reissue", confirmedHere, a.adminStaffReissue)
	// Each staff action that asks to be confirmed: its first POST (above)
	// checks the form and sends staff (303) here, to the confirmation its
	// own handler shows, safe to reload, Back to and bookmark; only the
	// confirmation's POST acts (confirm_step.go). Only an address the
	// session's own form made is shown (confirm_signed.go).
	staffSigned := a.confirmationSigned(forms, a.staffConfirmationForeign)
	ready.GET("/orders/:ref/refunds/confirm", staffSigned, a.adminRefund)
	ready.GET("/orders/:ref/refunds/:id/handled/confirm", staffSigned, a.adminRefundHandled)
	ready.GET("/orders/:ref/refunds/:id/retry/confirm", staffSigned, a.adminRefundRetry)
	ready.GET("/orders/:ref/capture/confirm", staffSigned, a.adminCapture)
	ready.GET("/orders/:ref/void/confirm", staffSigned, a.adminVoid)
	ready.GET("/orders/:ref/alarms/:alarm/resolve/confirm", staffSigned, a.adminAlarmResolve)
	ready.GET("/orders/:ref/close-ended/confirm", staffSigned, a.adminCloseEnded)
	ready.GET("/wallets/:id/unlink/confirm", staffSigned, a.adminWalletUnlink)
	ready.GET("/cards/:id/remove/confirm", staffSigned, a.adminCardRemove)
	ready.GET("/staff/:id/remove/confirm", staffSigned, a.adminStaffRemove)
	ready.GET("/staff/:id/reissue/confirm", staffSigned, a.adminStaffReissue)

	// Pages that exist only as the answer to a POST (a confirmation, an
	// error, a form sent again) opened with GET — from the address bar, a
	// restored tab, Back after a refresh — send the browser (303) to the
	// page their form lives on, after the same checks as the POST (its
	// group's: staff, a signed-in buyer), so the page there answers as its
	// own GET would (a stranger's order: 404). ":name" is the path's own.
	for _, p := range []struct {
		group    *gin.RouterGroup
		path, to string
	}{
		{pages, "/lang", "/"},
		{pages, "/orders/test", "/"},
		{pages, "/orders/:ref/check", "/orders/:ref"},
		{pages, "/orders/:ref/pay-another-way", "/orders/:ref"},
		{pages, "/checkout/:ref/card", "/checkout/:ref"},
		{pages, "/signout", "/"},
		{buyer, "/wallets/link", "/wallets"},
		{buyer, "/wallets/link/:id/renew", "/wallets/link/:id"},
		{buyer, "/wallets/:id/unlink", "/wallets"},
		{buyer, "/cards/:id/remove", "/wallets"},
		{buyer, "/checkout/:ref/pay", "/checkout/:ref"},
		{staff, "/signout", "/admin"},
		{ready, "/orders/:ref/refunds", "/admin/orders/:ref"},
		{ready, "/orders/:ref/refunds/:id/handled", "/admin/orders/:ref"},
		{ready, "/orders/:ref/refunds/:id/retry", "/admin/orders/:ref"},
		{ready, "/orders/:ref/capture", "/admin/orders/:ref"},
		{ready, "/orders/:ref/void", "/admin/orders/:ref"},
		{ready, "/orders/:ref/alarms/:alarm/resolve", "/admin/orders/:ref"},
		{ready, "/orders/:ref/close-ended", "/admin/orders/:ref"},
		{ready, "/wallets/:id/unlink", "/admin/wallets"},
		{ready, "/cards/:id/remove", "/admin/wallets"},
		{ready, "/notifications/:id/replay", "/admin/notifications/:id"},
		{ready, "/notifications/:id/review", "/admin/notifications/:id"},
		{ready, "/staff/:id/remove", "/admin/staff"},
		{ready, "/staff/:id/reissue", "/admin/staff"},
	} {
		p.group.GET(p.path, seeOther(p.to))
		forms[path.Join(p.group.BasePath(), p.path)] = p.to
	}
	// POST routes whose form is the page at their own address (GET): a
	// signed-out POST comes back there too, not to the dashboard.
	for _, p := range []struct {
		group *gin.RouterGroup
		path  string
	}{
		{staff, "/password"},
		{ready, "/refunds/lookup"},
		{ready, "/staff"},
	} {
		page := path.Join(p.group.BasePath(), p.path)
		forms[page] = page
	}
	// (POST /antom/notify is Antom's, not a page: a GET there is 405.)

	// Unknown paths: 404 in the layout of their area (the staff's under
	// /admin, in English with its navigation for signed-in staff).
	r.NoRoute(a.loadBuyer, a.chooseLanguage, a.loadStaffUnderAdmin, a.notFound)
	// Known paths asked with a method they do not take (a form posted to
	// a page that only shows): 405 with Allow, in the same layouts.
	r.HandleMethodNotAllowed = true
	r.NoMethod(a.loadBuyer, a.chooseLanguage, a.loadStaffUnderAdmin, a.methodNotAllowed)
	return r
}

// seeOther answers 303 to the path to, its ":name" segments filled with
// the request's own path parameters (escaped); the query is dropped.
func seeOther(to string) gin.HandlerFunc {
	return func(c *gin.Context) {
		c.Redirect(http.StatusSeeOther, fillParams(c, to))
	}
}

// fillParams is the route pattern to ("/checkout/:ref") with its ":name"
// segments filled with the request's own path parameters, escaped
// ("/checkout/ORD-…").
func fillParams(c *gin.Context, to string) string {
	parts := strings.Split(to, "/")
	for i, s := range parts {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			parts[i] = url.PathEscape(c.Param(name))
		}
	}
	return strings.Join(parts, "/")
}
