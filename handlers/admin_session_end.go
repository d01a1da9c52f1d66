package handlers

import (
	"errors"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// staffSessionEnd is what ends a staff page's long-poll with its session,
// on this instance or (through the hub's relay) another: news that its
// sign-in signed out (adminSignout: answered signed out at once, once the
// session store agrees: signInEnded), news
// of its account (removed: signed out; a new one-time password or a
// password changed: answered at once, for the page's next poll to be
// checked with the browser's session as it is now — a password changed
// in this browser keeps it signed in), and the session's deadline. The
// returned function stops listening.
func (a *App) staffSessionEnd(c *gin.Context) (sessionEnd, func()) {
	ctx := c.Request.Context()
	st, _ := staffOf(c)
	hub := a.Checkout.Hub()
	changed, stopChanged := hub.Watch(checkout.StaffSubject(st.ID))
	end := sessionEnd{changed: changed, expires: a.Sessions.Deadline(ctx), ended: func() endVerdict {
		now, err := a.Checkout.StaffByID(ctx, st.ID)
		switch {
		case errors.Is(err, db.ErrNotFound):
			return signedOut // removed: every session of the account has ended
		case err != nil, now.SessionEpoch != st.SessionEpoch:
			return lookAgain
		}
		return goOn
	}}
	signIn := a.Sessions.GetString(ctx, sessionStaffSignIn)
	if signIn == "" { // signed in before sign-ins had an id: the account's news and the window only
		return end, stopChanged
	}
	out, stopOut := hub.Watch(checkout.StaffSignInSubject(signIn))
	end.signedOut = out
	end.signOutCheck = func() endVerdict { return a.signInEnded(ctx, sessionStaffSignIn, signIn) }
	return end, func() { stopChanged(); stopOut() }
}

// publishOnceSaved publishes subject on the hub once this response's
// session is saved (scs saves it as the response's header is written),
// so that a page woken by it and asking again finds the session as this
// request left it — signed out, or renewed with a new password — not as
// it was.
func (a *App) publishOnceSaved(c *gin.Context, subject string) {
	c.Writer.WriteHeaderNow()
	a.Checkout.Hub().Publish(subject)
}
