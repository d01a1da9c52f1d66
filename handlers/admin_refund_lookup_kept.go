package handlers

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// sessionStaffLookupPrefix begins the session keys of the refund
// lookups' answers kept for the GETs of their answers' address
// (keptLookup): one key per refund id asked, so that two lookups at once
// in two tabs each add their own (mergeSessions keeps both).
const sessionStaffLookupPrefix = "staff_lookup/"

// sessionStaffLookups is where answers were kept as one list before;
// removed with them.
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
// ids existed is given one first (givenSignIn), so that its answer is
// kept for it too.
func (a *App) keepLookup(c *gin.Context, id string, r checkout.RefundLookup) {
	ctx := c.Request.Context()
	signIn := a.Sessions.GetString(ctx, sessionStaffSignIn)
	if signIn == "" {
		signIn = givenSignIn(a.Sessions.Token(ctx))
		a.Sessions.Put(ctx, sessionStaffSignIn, signIn)
	}
	k := keptLookup{SignIn: signIn, ID: strings.TrimSpace(id), AskedAt: a.Now(),
		Found: r.Found, Status: r.Status, RefundID: r.RefundID, RefundRequestID: r.RefundRequestID, At: r.RefundedAt,
		OrderRef: r.OrderRef, Updated: r.Updated, Processing: r.Processing, Recorded: r.Recorded, Offered: r.Offered, OfferedNow: r.OfferedNow}
	if r.Amount.Currency != "" {
		k.Amount = r.Amount.String()
	}
	b, _ := json.Marshal(k) // strings, bools and times: it cannot fail
	a.Sessions.Put(ctx, sessionStaffLookupPrefix+k.ID, string(b))
	a.Sessions.Remove(ctx, sessionStaffLookups)
	ks := a.keptLookups(c)
	slices.SortStableFunc(ks, func(x, y keptLookup) int { return y.AskedAt.Compare(x.AskedAt) })
	n := 0
	for _, old := range ks {
		if old.ID == k.ID {
			continue
		}
		if n++; old.SignIn != signIn || n >= maxKeptLookups {
			a.Sessions.Remove(ctx, sessionStaffLookupPrefix+old.ID)
		}
	}
}

// givenSignIn is the sign-in id keepLookup gives a session signed in
// before sign-in ids existed, whose token is token: one its token makes
// (a hash of it, apart from the store's: never the token nor its stored
// key), not a random one, so that two lookups at once in two tabs of the
// session — each loaded it without one — give the same id, and the
// merge of their commits (app's mergeSessions, key by key) keeps both
// answers for it; two random ones, the commit merged last kept its own
// id, and the other answer was kept for an id the session no longer had
// ("Antom was not asked" at its address). The session keeps the id
// across renewed tokens, as it keeps a random one. A session without a
// token (none is signed in) gets a random one.
func givenSignIn(token string) string {
	if token == "" {
		return rand.Text()
	}
	sum := sha256.Sum256([]byte("antom-checkout staff sign-in id\x00" + token))
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(sum[:16]) // 26 characters, as rand.Text's
}

// keptLookupOf returns the answer kept for id for this sign-in, if any.
func (a *App) keptLookupOf(c *gin.Context, id string) (keptLookup, bool) {
	ctx := c.Request.Context()
	signIn, id := a.Sessions.GetString(ctx, sessionStaffSignIn), strings.TrimSpace(id)
	var k keptLookup
	if json.Unmarshal([]byte(a.Sessions.GetString(ctx, sessionStaffLookupPrefix+id)), &k) != nil || k.ID != id || k.SignIn != signIn || signIn == "" {
		return keptLookup{}, false
	}
	return k, true
}

// keptLookups reads the session's kept answers; an unreadable one is
// left out.
func (a *App) keptLookups(c *gin.Context) []keptLookup {
	ctx := c.Request.Context()
	var ks []keptLookup
	for _, key := range a.Sessions.Keys(ctx) {
		var k keptLookup
		if strings.HasPrefix(key, sessionStaffLookupPrefix) && json.Unmarshal([]byte(a.Sessions.GetString(ctx, key)), &k) == nil {
			ks = append(ks, k)
		}
	}
	return ks
}

// keptLookupValues is the session's kept answers as stored, by key, for
// the buyer's sign-out to carry over to the session it starts afresh.
func (a *App) keptLookupValues(c *gin.Context) map[string]string {
	ctx := c.Request.Context()
	out := map[string]string{}
	for _, key := range a.Sessions.Keys(ctx) {
		if strings.HasPrefix(key, sessionStaffLookupPrefix) {
			out[key] = a.Sessions.GetString(ctx, key)
		}
	}
	return out
}

// dropKeptLookups removes every answer kept in the session (signing
// out, or in anew).
func (a *App) dropKeptLookups(c *gin.Context) {
	ctx := c.Request.Context()
	for _, key := range a.Sessions.Keys(ctx) {
		if strings.HasPrefix(key, sessionStaffLookupPrefix) {
			a.Sessions.Remove(ctx, key)
		}
	}
	a.Sessions.Remove(ctx, sessionStaffLookups)
}

// show puts k into the lookup page's model m.
func (k keptLookup) show(m *views.AdminLookup) {
	m.ID, m.Done, m.AskedAt = k.ID, true, k.AskedAt
	m.Found, m.Status, m.RefundID, m.RefundRequestID, m.Amount = k.Found, k.Status, k.RefundID, k.RefundRequestID, k.Amount
	m.At, m.OrderRef, m.Updated = k.At, k.OrderRef, k.Updated
	m.Processing, m.Recorded = k.Processing, k.Recorded
	m.Offered, m.OfferedNow = k.Offered, k.OfferedNow
}
