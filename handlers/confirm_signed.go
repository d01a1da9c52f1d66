package handlers

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"
)

// A confirmation's address (confirmAt) carries the form's fields, so
// without more anyone could write one — a link in an email or a chat
// to /admin/orders/ORD-…/refunds/confirm?amount=…&reason=… — and staff
// who follow it, signed in (the session cookie is SameSite=Lax), would
// read a ready "Refund $500.00?" in the shop's own admin, one press from
// acting on words a stranger chose. So the first form's POST signs the
// address it sends to (signedConfirmAt) with a key kept in the session
// (never sent to the browser), and the confirmation's GET is shown only
// when its address bears this sign-in's signature (confirmationSigned);
// any other is sent to the page the form lives on, nothing filled in.
// Reload, Back and a bookmark within the sign-in keep working. The
// buyer's confirmations (an unlink, a card's removal) are signed alike.

// sessionStaffConfirmKey and sessionBuyerConfirmKey are the keys a
// sign-in signs its confirmation addresses with (staff's under /admin,
// the buyer's elsewhere: one browser may be both, and each signs out on
// its own): random, made at each sign-in (startStaffSession,
// startSession), kept across renewed session ids, dropped at that
// sign-in's sign-out — so an address made before it, or by another
// person's sign-in in the same browser, is not shown.
const (
	sessionStaffConfirmKey = "staff_confirm_key"
	sessionBuyerConfirmKey = "buyer_confirm_key"
)

// confirmKeyName is the session key that signs the confirmation at path.
func confirmKeyName(path string) string {
	if isAdminPath(path) {
		return sessionStaffConfirmKey
	}
	return sessionBuyerConfirmKey
}

// confirmSigParam is the query parameter holding an address's signature.
const confirmSigParam = "sig"

// signedConfirmAt is confirmAt for this request's action and fields,
// signed with the sign-in's key (confirmKeyName). A session signed in
// before keys were made at sign-in has none: one is made now (two such
// first forms at once may each make one, and the address of the one
// saved first then reads as expired — once, for such a session only).
func (a *App) signedConfirmAt(c *gin.Context, fields url.Values) string {
	ctx := c.Request.Context()
	name := confirmKeyName(c.Request.URL.Path)
	key := a.Sessions.GetString(ctx, name)
	if key == "" {
		key = rand.Text()
		a.Sessions.Put(ctx, name, key)
	}
	signed := url.Values{}
	for k, v := range fields {
		signed[k] = v
	}
	signed.Del(confirmSigParam)
	signed.Set(confirmSigParam, confirmSig(key, confirmAt(c.Request.URL.Path, signed)))
	return confirmAt(c.Request.URL.Path, signed)
}

// confirmSig is the signature of the confirmation address at (path and
// query without confirmSigParam, as confirmAt writes it) under key:
// HMAC-SHA-256, base64url without padding.
func confirmSig(key, at string) string {
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(at))
	return base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

// confirmationSigned lets a confirmation's GET through only when its
// address bears the session's signature (signedConfirmAt); any other —
// made elsewhere, from an earlier session, edited by hand — is sent
// (303) to the page its action's form lives on (forms, by the action's
// route) by refuse, which leaves the notice saying why; nothing is read
// or shown.
func (a *App) confirmationSigned(forms map[string]string, refuse func(c *gin.Context, to string)) gin.HandlerFunc {
	return func(c *gin.Context) {
		q := c.Request.URL.Query()
		sig := q.Get(confirmSigParam)
		q.Del(confirmSigParam)
		key := a.Sessions.GetString(c.Request.Context(), confirmKeyName(c.Request.URL.Path))
		if key != "" && hmac.Equal([]byte(sig), []byte(confirmSig(key, confirmAt(c.Request.URL.Path, q)))) {
			c.Next()
			return
		}
		to, ok := forms[strings.TrimSuffix(c.FullPath(), confirmSuffix)]
		if !ok {
			a.serverError(c, errNoFormFor(c.FullPath()))
			c.Abort()
			return
		}
		refuse(c, fillParams(c, to))
		c.Abort()
	}
}

// errNoFormFor is a route table fault: a confirmation's GET whose action
// has no form page in forms.
type errNoFormFor string

func (e errNoFormFor) Error() string { return "no form page for confirmation route " + string(e) }

// staffConfirmationForeign and buyerConfirmationForeign leave the notice
// of a confirmation address that was not the session's own
// (confirmationSigned) on the page at to, and send the browser there.
func (a *App) staffConfirmationForeign(c *gin.Context, to string) {
	a.problemTo(c, to, "That confirmation link has expired or was not made by this session's form, so nothing was filled in from it. To go on, start again from this page.")
}

func (a *App) buyerConfirmationForeign(c *gin.Context, to string) {
	a.noteTo(c, to, "notdone.confirm_link_foreign")
}

// confirmPostSig is what a staff confirmation's own form carries (as
// confirmSigParam) to show its Confirm was pressed on a page shown to
// this sign-in: the path the form posts to (action, its Action), signed
// with the sign-in's key (postSig). The one function both ends use:
// askToConfirm signs the form's own Action, and confirmedBySignIn checks
// the path the form was posted to — equal by construction, whatever page
// shows it. A Confirm without it is refused as one with another's is.
func (a *App) confirmPostSig(c *gin.Context, action string) string {
	return postSig(a.Sessions.GetString(c.Request.Context(), confirmKeyName(action)), action)
}

// postSig is confirmPostSig under key: confirmSig of "POST " and the
// path the form posts to (action).
func postSig(key, action string) string { return confirmSig(key, "POST "+action) }

// confirmSealParam is the form field holding a staff confirmation's
// seal (confirmSeal) of what its Confirm posts.
const confirmSealParam = "seal"

// confirmSeal is the seal a staff confirmation's form carries (as
// confirmSealParam) over everything its Confirm posts: the path it posts
// to (action) and its fields (the hidden fields it was shown with —
// a refund's amount, reason and key, a capture's amount, a note —
// and confirm=yes; never confirmSigParam or confirmSealParam), signed
// with the sign-in's key. A form edited in the browser after it was
// shown (devtools: another amount in the hidden field, a field added or
// taken away, the seal itself taken away) no longer matches it, so what
// is done is exactly what the page confirmed (confirmedBySignIn: a
// Confirm without a seal, or without the signature it goes with, is
// refused — nothing is done). The currency is the order's own, never
// posted, so it cannot differ.
func (a *App) confirmSeal(c *gin.Context, action string, fields url.Values) string {
	return sealOver(a.Sessions.GetString(c.Request.Context(), confirmKeyName(action)), action, fields)
}

// sealOver is confirmSeal under key: confirmSig of "POST ", the path the
// form posts to (action), "?" and its fields without confirmSigParam and
// confirmSealParam (url.Values.Encode: sorted by name).
func sealOver(key, action string, fields url.Values) string {
	sealed := url.Values{}
	for k, v := range fields {
		sealed[k] = v
	}
	sealed.Del(confirmSigParam)
	sealed.Del(confirmSealParam)
	return confirmSig(key, "POST "+action+"?"+sealed.Encode())
}

// confirmedBySignIn lets a staff confirmation's Confirm (confirm=yes)
// through only when its form carries this sign-in's signature for the
// path it was posted to (confirmPostSig) and the seal of exactly the
// fields posted (confirmSeal). Any other is refused: sent (303) to the
// page the action's form lives on (forms), saying so; nothing is done,
// sent to Antom or stored. Without the signature, or with another's —
// a page shown to an earlier sign-in (a confirmation left open while its
// staff member signed out and another signed in, in the same browser,
// would otherwise act as them on what the first one prepared), a form
// sent to another action's address, a Confirm made by hand or whose
// signature was deleted in devtools — it says the confirmation was not
// shown to this sign-in for this action; with this sign-in's signature
// but the seal missing or another (a form edited after it was shown), it
// says its form was changed. A post without confirm=yes is the action's
// first form, which only asks to confirm (confirm_step.go), and goes on.
func (a *App) confirmedBySignIn(forms map[string]string) gin.HandlerFunc {
	return func(c *gin.Context) {
		if c.PostForm("confirm") != "yes" {
			c.Next()
			return
		}
		sig := c.PostForm(confirmSigParam)
		key := a.Sessions.GetString(c.Request.Context(), confirmKeyName(c.Request.URL.Path))
		mine := key != "" && sig != "" && hmac.Equal([]byte(sig), []byte(a.confirmPostSig(c, c.Request.URL.Path)))
		sealed := mine && hmac.Equal([]byte(c.PostForm(confirmSealParam)), []byte(a.confirmSeal(c, c.Request.URL.Path, c.Request.PostForm)))
		if sealed {
			c.Next()
			return
		}
		to, ok := forms[c.FullPath()]
		if !ok {
			a.serverError(c, errNoFormFor(c.FullPath()))
			c.Abort()
			return
		}
		if mine {
			a.problemTo(c, fillParams(c, to), "What that confirmation sent is not what it showed (its form was changed after it was shown), so nothing was done. To go on, start again from this page.")
		} else {
			// Without this sign-in's signature for this path: a page shown
			// to an earlier sign-in, a form whose address was changed
			// (devtools) to another order's or account's, or one without
			// a signature at all — they look alike here, so both of the
			// first are said (the last is a form changed too).
			a.problemTo(c, fillParams(c, to), "That confirmation was not shown to this sign-in for this action (it was shown to an earlier sign-in, or its form was changed after it was shown), so nothing was done. To go on, start again from this page.")
		}
		c.Abort()
	}
}
