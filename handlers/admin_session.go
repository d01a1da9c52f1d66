package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/views"
)

const (
	sessionStaff = "staff_id" // independent of the buyer's key: one browser may be both
	// sessionStaffEpoch is the account's SessionEpoch the session signed
	// in with (or kept at its own password change): once the account's
	// differs — a new one-time password, a change made in another session
	// — the session has ended.
	sessionStaffEpoch = "staff_epoch"
	// sessionStaffSignIn is an id of this sign-in, kept across renewed
	// session ids: random at sign-in, or, for a session signed in before
	// these ids existed, derived from its token (givenSignIn); signing
	// out wakes the session's open pages through it
	// (checkout.StaffSignInSubject).
	sessionStaffSignIn = "staff_signin"
	// sessionStaffEnded says why a staff session was signed out, for the
	// sign-in page to say so once: staffRemoved (staff rows are never
	// deleted: a staff id no longer found is a removed account) or
	// staffReplaced (a password replaced elsewhere). A string: sessions
	// keep int64s, strings and string lists (sessioncodec).
	sessionStaffEnded = "staff_ended"
	staffRemoved      = "removed"
	staffReplaced     = "replaced"
	ctxStaff          = "staff"
)

// loadStaff puts the signed-in staff member, if any, into the request.
// No admin page may be cached. A session whose staff member was removed,
// or whose password was replaced since it signed in (sessionStaffEpoch),
// is signed out and marked (sessionStaffEnded):
// the account is read from the database on every request, so this holds
// on every instance at once.
func (a *App) loadStaff(c *gin.Context) {
	why := staffRemoved
	current := func(ctx context.Context, id int64) (checkout.Staff, error) {
		st, err := a.Checkout.StaffByID(ctx, id)
		if err == nil && st.SessionEpoch != a.Sessions.GetInt64(ctx, sessionStaffEpoch) {
			why = staffReplaced
			return checkout.Staff{}, db.ErrNotFound
		}
		return st, err
	}
	loadSignedIn(a, c, sessionStaff, ctxStaff, current, func(ctx context.Context) {
		a.Sessions.Remove(ctx, sessionStaffEpoch)
		a.Sessions.Remove(ctx, sessionStaffSignIn)
		a.dropKeptLookups(c) // Antom's answers shown to that sign-in
		a.Sessions.Put(ctx, sessionStaffEnded, why)
	})
}

// loadStaffUnderAdmin is loadStaff for a path under /admin no route
// matched, so that its 404 shows the staff layout as the staff's pages do.
func (a *App) loadStaffUnderAdmin(c *gin.Context) {
	if isAdminPath(c.Request.URL.Path) {
		a.loadStaff(c)
		return
	}
	c.Next()
}

// staffOf returns the signed-in staff member.
func staffOf(c *gin.Context) (checkout.Staff, bool) {
	v, ok := c.Get(ctxStaff)
	if !ok {
		return checkout.Staff{}, false
	}
	st, ok := v.(checkout.Staff)
	return st, ok
}

// requireStaff refuses everyone but signed-in staff (buyers included):
// 303 to the staff sign-in, which brings them back afterwards to
// staffReturn's page. The action is not run; for a form sent, the sign-in
// page says so.
func (a *App) requireStaff(forms map[string]string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if _, ok := staffOf(c); ok {
			c.Next()
			return
		}
		to := "/admin/signin"
		if back := safeAdminNext(staffReturn(c, forms)); back != "/admin" {
			to += "?next=" + url.QueryEscape(back)
		}
		if c.Request.Method != http.MethodGet {
			// A form sent from a page left open after signing out (in
			// another tab, or a session ended): say it was not done,
			// rather than let it vanish behind the sign-in page.
			a.noteTo(c, to, "You are signed out, so what you sent was not done. Sign in, then send it again.")
		} else {
			c.Redirect(http.StatusSeeOther, to)
		}
		c.Abort()
	}
}

// staffReturn is the page signed-out staff come back to after signing
// in: for a confirmation's page or a form sent from it, the page its
// action's form lives on (confirmationForm: the confirmation's address
// was signed with the ended sign-in's key); else this page for a GET; for
// a form sent (nothing is done), never its
// POST address but the page it was sent from — the Referer's path and
// query on this host (a page of the inbox with its filter), unless that
// is the POST's own address (a confirm page, the answer to a POST) — or
// else the page the route's form lives on (forms, routes.go's table: a
// refund's order). "" when there is none. Its ?notice= (the token of an
// action's notice, noticeTo) is left out: the page is brought back, not
// the answer it once showed.
func staffReturn(c *gin.Context, forms map[string]string) string {
	r := c.Request
	if form, ok := confirmationForm(c, forms); ok {
		return form
	}
	if r.Method == http.MethodGet {
		return withNotice(r.URL.RequestURI(), "")
	}
	if u, err := url.Parse(c.GetHeader("Referer")); err == nil && u.Host == r.Host && u.Path != r.URL.Path {
		if back := withNotice(u.RequestURI(), ""); safeAdminNext(back) == back {
			return back
		}
	}
	if form, ok := forms[c.FullPath()]; ok {
		return fillParams(c, form)
	}
	return ""
}

// requireOwnPassword sends staff who signed in with a one-time password
// to choose their own before anything else.
func (a *App) requireOwnPassword(c *gin.Context) {
	if st, _ := staffOf(c); st.MustChange {
		c.Redirect(http.StatusSeeOther, "/admin/password")
		c.Abort()
		return
	}
	c.Next()
}

// adminPage returns the admin layout's model, with any one-time notice
// left for this page (flashTo, problemTo).
func (a *App) adminPage(c *gin.Context, title, nav string) views.AdminPage {
	return withNotices(a.adminPageKeepFlash(c, title, nav), a.takeNotices(c))
}

// withNotices is p showing the notices s.
func withNotices(p views.AdminPage, s shownNotices) views.AdminPage {
	p.Flash, p.FlashPending, p.Note, p.Problem, p.ProblemLast, p.ProblemAlarm = s.Flash, s.Pending, s.Note, s.Problem, s.ProblemLast, s.ProblemAlarm
	if s.Flash != "" {
		p.FlashRefund, p.FlashRefundDone, p.FlashRefundFailed, p.FlashAside = s.Refund, s.RefundDone, s.RefundFailed, s.Aside
		if s.Kept != "" {
			p.FlashKept, p.FlashKeptFor = s.Kept, s.KeptFor
			p.FlashKeptSaid, p.FlashKeptBack = fmt.Sprintf(keptSaid, s.Kept), fmt.Sprintf(keptBack, s.Kept)
		}
	}
	return p
}

// adminPageKeepFlash is adminPage without the notices left for this
// page, which it leaves for the next time it is shown: for a page that
// says an action was refused, beside which another request's "Capture
// sent." would contradict it.
func (a *App) adminPageKeepFlash(c *gin.Context, title, nav string) views.AdminPage {
	p := views.AdminPage{Page: views.Page{
		Title: title, Nav: nav, Sandbox: a.Gateway.Sandbox, SandboxURL: a.Gateway.ControlURL,
	}}
	if st, ok := staffOf(c); ok {
		p.StaffEmail, p.OwnPasswordFirst = st.Email, st.MustChange
	}
	return p
}

// actor names the signed-in staff member on timelines.
func actor(c *gin.Context) string {
	st, _ := staffOf(c)
	return st.Email
}

// safeAdminNext keeps the after-sign-in destination inside the admin.
func safeAdminNext(next string) string {
	if next == "/admin" || (strings.HasPrefix(next, "/admin/") && checkout.SafeReturn(next) == next) {
		return next
	}
	return "/admin"
}
