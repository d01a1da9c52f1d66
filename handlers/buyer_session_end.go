package handlers

import (
	"context"
	"net/http"

	"github.com/alexedwards/scs/v2"
	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
)

// buyerSessionEnd is what ends a signed-in buyer's long-poll (the result
// page's, the Scan to Link page's) with its session, on this instance or
// (through the hub's relay) another: news that its sign-in signed out
// (signout) — answered signed out at once once the session store agrees
// (signInEnded) — and the session's deadline. A visitor who is not
// signed in (a guest) has no session end to hear: the zero sessionEnd. A
// session signed in before sign-ins had an id has its deadline only: its
// next poll finds it signed out. The returned function stops listening.
func (a *App) buyerSessionEnd(c *gin.Context) (sessionEnd, func()) {
	ctx := c.Request.Context()
	if _, ok := buyerOf(c); !ok {
		return sessionEnd{}, func() {}
	}
	end := sessionEnd{expires: a.Sessions.Deadline(ctx)}
	signIn := a.Sessions.GetString(ctx, sessionBuyerSignIn)
	if signIn == "" {
		return end, func() {}
	}
	news, stop := a.Checkout.Hub().Watch(checkout.BuyerSignInSubject(signIn))
	end.changed = news
	end.ended = func() endVerdict { return a.signInEnded(ctx, sessionBuyerSignIn, signIn) }
	return end, stop
}

// signInEnded checks news of signIn's sign-out (a buyer's or a staff
// member's: the session key it is stored under) against the session
// store: the hub also wakes every waiter when its relay to the other
// instances restarts (news may have been missed), which is no sign-out.
// While the request's session is stored with signIn, it is still signed
// in (goOn); once it is not (signed out: the session destroyed, or its
// sign-in gone), signedOut. A store that cannot be read: lookAgain.
func (a *App) signInEnded(ctx context.Context, key, signIn string) endVerdict {
	values, err := a.storedSession(ctx)
	switch {
	case err != nil:
		return lookAgain
	case values[key] == signIn:
		return goOn
	}
	return signedOut
}

// storedSession reads the request's session from the store as it is now,
// not as the request loaded it: its values, or none (nil) if the store no
// longer has it.
func (a *App) storedSession(ctx context.Context) (map[string]any, error) {
	token := a.Sessions.Token(ctx)
	var b []byte
	var found bool
	var err error
	if s, ok := a.Sessions.Store.(scs.CtxStore); ok {
		b, found, err = s.FindCtx(ctx, token)
	} else {
		b, found, err = a.Sessions.Store.Find(token)
	}
	if err != nil || !found {
		return nil, err
	}
	_, values, err := a.Sessions.Codec.Decode(b)
	return values, err
}

// requireBuyerPoll is requireBuyer for a signed-in buyer's long-poll
// (link.js's): not signed in (any more), it answers 401 signedOutAnswer,
// for the page to say so, rather than send a script to the sign-in page.
func (a *App) requireBuyerPoll(c *gin.Context) {
	if _, ok := buyerOf(c); !ok {
		c.AbortWithStatusJSON(http.StatusUnauthorized, signedOutAnswer{SignedOut: true})
		return
	}
	c.Next()
}
