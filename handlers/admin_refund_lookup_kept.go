package handlers

import (
	"crypto/rand"
	"encoding/json"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// sessionStaffLookups holds the refund lookups' answers kept for the
// GETs of their answers' address (keptLookup), a JSON list, newest first.
const sessionStaffLookups = "staff_lookups"

// maxKeptLookups bounds the answers a session keeps, one per refund id:
// past it, the oldest is dropped (its address then shows the form).
const maxKeptLookups = 8

// keptLookup is a refund lookup's answer, kept in the staff session by
// the POST that asked Antom (adminLookupAsk) for the GETs of its
// answer's address (adminLookupForm): Reload, Back/Forward and a restored tab
// show it again and ask nothing. It holds only what the answer page
// shows — no token or key — and is shown only to the sign-in that asked
// (SignIn, sessionStaffSignIn); signing out drops it.
type keptLookup struct {
	SignIn          string    `json:"signin"`
	ID              string    `json:"id"` // as asked, trimmed
	AskedAt         time.Time `json:"asked_at"`
	Found           bool      `json:"found,omitempty"`
	Status          string    `json:"status,omitempty"`
	RefundID        string    `json:"refund_id,omitempty"`
	RefundRequestID string    `json:"refund_request_id,omitempty"`
	Amount          string    `json:"amount,omitempty"`
	At              time.Time `json:"at"`
	OrderRef        string    `json:"order_ref,omitempty"`
	Updated         bool      `json:"updated,omitempty"`
	Processing      string    `json:"processing,omitempty"`
	Recorded        bool      `json:"recorded,omitempty"`
	Offered         bool      `json:"offered,omitempty"`
	OfferedNow      bool      `json:"offered_now,omitempty"`
}

// keepLookup keeps r, Antom's answer about id, for this sign-in, in
// place of any answer kept for id. A session signed in before sign-in
// ids existed is given one first (as signing in does), so that its
// answer is kept for it too.
func (a *App) keepLookup(c *gin.Context, id string, r checkout.RefundLookup) {
	ctx := c.Request.Context()
	signIn := a.Sessions.GetString(ctx, sessionStaffSignIn)
	if signIn == "" {
		signIn = rand.Text()
		a.Sessions.Put(ctx, sessionStaffSignIn, signIn)
	}
	k := keptLookup{SignIn: signIn, ID: strings.TrimSpace(id), AskedAt: a.Now(),
		Found: r.Found, Status: r.Status, RefundID: r.RefundID, RefundRequestID: r.RefundRequestID, At: r.RefundedAt,
		OrderRef: r.OrderRef, Updated: r.Updated, Processing: r.Processing, Recorded: r.Recorded, Offered: r.Offered, OfferedNow: r.OfferedNow}
	if r.Amount.Currency != "" {
		k.Amount = r.Amount.String()
	}
	ks := []keptLookup{k}
	for _, old := range a.keptLookups(c) {
		if old.ID != k.ID && old.SignIn == k.SignIn && len(ks) < maxKeptLookups {
			ks = append(ks, old)
		}
	}
	b, _ := json.Marshal(ks) // strings, bools and times: it cannot fail
	a.Sessions.Put(c.Request.Context(), sessionStaffLookups, string(b))
}

// keptLookupOf returns the answer kept for id for this sign-in, if any.
func (a *App) keptLookupOf(c *gin.Context, id string) (keptLookup, bool) {
	signIn, id := a.Sessions.GetString(c.Request.Context(), sessionStaffSignIn), strings.TrimSpace(id)
	for _, k := range a.keptLookups(c) {
		if k.ID == id && k.SignIn == signIn && signIn != "" {
			return k, true
		}
	}
	return keptLookup{}, false
}

// keptLookups reads the session's kept answers; unreadable, none.
func (a *App) keptLookups(c *gin.Context) []keptLookup {
	var ks []keptLookup
	if json.Unmarshal([]byte(a.Sessions.GetString(c.Request.Context(), sessionStaffLookups)), &ks) != nil {
		return nil
	}
	return ks
}

// show puts k into the lookup page's model m.
func (k keptLookup) show(m *views.AdminLookup) {
	m.ID, m.Done, m.AskedAt = k.ID, true, k.AskedAt
	m.Found, m.Status, m.RefundID, m.RefundRequestID, m.Amount = k.Found, k.Status, k.RefundID, k.RefundRequestID, k.Amount
	m.At, m.OrderRef, m.Updated = k.At, k.OrderRef, k.Updated
	m.Processing, m.Recorded = k.Processing, k.Recorded
	m.Offered, m.OfferedNow = k.Offered, k.OfferedNow
}
