package handlers

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"antom-checkout/views"
)

// Actions that ask to be confirmed — staff's (a refund, trying one
// again, marking one handled, a capture, a void, an unlink, a card's removal,
// removing a staff account or giving it a new one-time password) and the
// buyer's (unlinking a wallet, removing a kept card) — are
// Post/Redirect/Get: the first form's POST is checked — bad input shows
// the form again with its errors (422), a refusal goes to the page the
// form lives on with a notice, nothing changed — and, when it may go on,
// is sent (303) to the confirmation's own address: the action's with
// "/confirm" after it, the form's fields in its query, signed for the
// session (confirm_signed.go: an address made anywhere else is not
// shown). That GET runs the same checks against the data as it stands now and shows the
// confirmation, or says truthfully why there is nothing to confirm any
// more (the refund was made, the authorization voided, the wallet
// unlinked, the card removed); it changes nothing, so Reload, Back and a
// bookmark are safe and the browser never asks to send a form again.
// Only the confirmation's own form — a POST to the action with
// confirm=yes, under the same cross-origin protection, and for staff
// bearing the page's signature and seal (confirm_signed.go: one without
// them is refused) — does the action, with its idempotency (a refund's
// key) as before.

// confirmSuffix ends a confirmation's address: the action's path with it.
const confirmSuffix = "/confirm"

// confirmAt is the address of the confirmation of the action at path
// (with or without confirmSuffix already), fields in its query in a
// stable order (url.Values.Encode sorts them).
func confirmAt(path string, fields url.Values) string {
	at := strings.TrimSuffix(path, confirmSuffix) + confirmSuffix
	if q := fields.Encode(); q != "" {
		at += "?" + q
	}
	return at
}

// actionPath is the path of the action the request is a step of: its own
// path, without confirmSuffix on the confirmation's GET.
func actionPath(c *gin.Context) string {
	return strings.TrimSuffix(c.Request.URL.Path, confirmSuffix)
}

// formValue is the action form's field name as this step has it: the
// posted field on a POST, the query's on the confirmation's GET (which
// carries the first form's fields, confirmAt).
func formValue(c *gin.Context, name string) string {
	if c.Request.Method == http.MethodPost {
		return c.PostForm(name)
	}
	return c.Query(name)
}

// sentToConfirm answers the first step of an action whose checks
// passed, when it is the first form's POST: 303 to the confirmation's
// address (confirmAt, with fields, signed for the session:
// signedConfirmAt). It reports whether it did; if not
// (the confirmation's GET), the caller shows the confirmation.
func (a *App) sentToConfirm(c *gin.Context, fields url.Values) bool {
	if c.Request.Method != http.MethodPost {
		return false
	}
	c.Redirect(http.StatusSeeOther, a.signedConfirmAt(c, fields))
	return true
}

// askToConfirm is sentToConfirm for staff: on the confirmation's GET it
// renders page (made only then: the POST reads no more than its checks
// did; its error is answered as failed does), its form signed for the
// path it posts to (confirmPostSig over the page's Action) and sealed
// over what it posts (confirmSeal: its fields as shown, so that only
// what the page confirmed is done).
func (a *App) askToConfirm(c *gin.Context, fields url.Values, page func() (views.AdminConfirm, error)) {
	if a.sentToConfirm(c, fields) {
		return
	}
	m, err := page()
	if a.failed(c, err) {
		return
	}
	posts := url.Values{"confirm": {"yes"}} // the template's own field
	for _, f := range m.Fields {
		posts.Add(f.Name, f.Value)
	}
	m.Fields = append(m.Fields, views.Hidden{Name: confirmSigParam, Value: a.confirmPostSig(c, m.Action)},
		views.Hidden{Name: confirmSealParam, Value: a.confirmSeal(c, m.Action, posts)})
	a.render(c, http.StatusOK, views.AdminConfirmPage(m))
}
