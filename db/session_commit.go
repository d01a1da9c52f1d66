package db

import (
	"context"
	"fmt"
	"time"
)

// A session is loaded at a request's start and written whole at its end,
// so two requests of one browser at once (two tabs) could each write back
// what it loaded and lose the other's change: a flash, a guest's order.
// WithSessionRead, CommitSessionIf and TouchSession let the session
// store write only over what its request read.

// sessionRead is what the first FindSession of a request found, and the
// token read that a renewal in the request replaces (renewed).
type sessionRead struct {
	done    bool
	token   string
	data    []byte
	found   bool
	renewed string
	quiet   bool
}

type sessionReadKey struct{}

// WithSessionRead returns ctx in which the first FindSession remembers
// the token it was asked for and what it found, for SessionReadOf.
func WithSessionRead(ctx context.Context) context.Context {
	return context.WithValue(ctx, sessionReadKey{}, &sessionRead{})
}

// remember keeps the first read of a request made WithSessionRead.
func rememberSessionRead(ctx context.Context, token string, data []byte, found bool) {
	if r, _ := ctx.Value(sessionReadKey{}).(*sessionRead); r != nil && !r.done {
		*r = sessionRead{done: true, token: token, data: data, found: found}
	}
}

// SessionReadOf returns what this request's first FindSession found of
// token (data, and whether there was a live session); known is false when
// the request was not made WithSessionRead or read another token (a
// session whose token was renewed is new).
func SessionReadOf(ctx context.Context, token string) (data []byte, found, known bool) {
	r, _ := ctx.Value(sessionReadKey{}).(*sessionRead)
	if r == nil || !r.done || r.token != token {
		return nil, false, false
	}
	return r.data, r.found, true
}

type sessionRenewalKey struct{}

// WithSessionRenewal returns ctx for renewing a request's session token
// (scs's RenewToken): the store's delete of the token the request read
// then waits for the session's commit under its new token
// (DeferSessionDelete, RenewedSessionOf), so that another request of the
// same browser loading the session meanwhile (another tab) finds the old
// one rather than none, as a stranger would.
func WithSessionRenewal(ctx context.Context) context.Context {
	return context.WithValue(ctx, sessionRenewalKey{}, true)
}

// DeferSessionDelete reports whether deleting token waits for the
// request's commit: in a renewal (WithSessionRenewal) of the token the
// request read. The commit then deletes it (RenewedSessionOf).
func DeferSessionDelete(ctx context.Context, token string) bool {
	r, _ := ctx.Value(sessionReadKey{}).(*sessionRead)
	if r == nil || !r.done || r.token != token || ctx.Value(sessionRenewalKey{}) == nil {
		return false
	}
	r.renewed = token
	return true
}

// RenewedSessionOf is the token whose delete waits for this request's
// commit under its new token (DeferSessionDelete); "" if none.
func RenewedSessionOf(ctx context.Context) string {
	if r, _ := ctx.Value(sessionReadKey{}).(*sessionRead); r != nil {
		return r.renewed
	}
	return ""
}

// QuietSessionCookie records that this request's commit of token, the
// token it read, wrote nothing the browser's cookie must follow: the
// session was unchanged and its expiry not moved (written less than a
// minute ago, or by another request since), or its token was renewed
// away or deleted meanwhile (a sign-in or sign-out in another tab). The
// response then sets no session cookie (SessionCookieQuiet): the browser
// already holds this one's, or a newer one.
func QuietSessionCookie(ctx context.Context, token string) {
	if r, _ := ctx.Value(sessionReadKey{}).(*sessionRead); r != nil && r.done && r.token == token {
		r.quiet = true
	}
}

// SessionCookieQuiet reports whether this request's response sets no
// session cookie (QuietSessionCookie).
func SessionCookieQuiet(ctx context.Context) bool {
	r, _ := ctx.Value(sessionReadKey{}).(*sessionRead)
	return r != nil && r.quiet
}

// CommitSessionIf writes data with expiry under token only if the stored
// session is still base (found: there was a live one; else there is none,
// or only an expired one), and reports whether it wrote. Expiry is kept as
// scs's store for the backend keeps it.
func (d *DB) CommitSessionIf(ctx context.Context, token string, base []byte, found bool, data []byte, expiry time.Time) (bool, error) {
	var query string
	switch {
	case found:
		query = `UPDATE sessions SET data = ?, expiry = ` + d.expiryParam() + ` WHERE token = ? AND data = ?`
	case d.Backend() == PostgreSQL:
		query = `INSERT INTO sessions (data, expiry, token) VALUES (?, ?, ?)
			ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry WHERE sessions.expiry <= current_timestamp`
	default:
		query = `INSERT INTO sessions (data, expiry, token) VALUES (?, julianday(?), ?)
			ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry WHERE sessions.expiry <= julianday('now')`
	}
	a := []any{data, d.expiryValue(expiry), token}
	if found {
		a = append(a, base)
	}
	res, err := d.Queries.q.ExecContext(lookup(ctx), query, a...)
	if err != nil {
		return false, fmt.Errorf("db: commit session: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("db: commit session: %w", err)
	}
	return n == 1, nil
}

// TouchSession moves a session's expiry forward, never back, and leaves
// its data as it is: what a request that changed nothing writes. It
// reports whether it moved it (false: no such session, or one whose
// expiry is already as late).
func (d *DB) TouchSession(ctx context.Context, token string, expiry time.Time) (bool, error) {
	e := d.expiryParam()
	res, err := d.Queries.q.ExecContext(lookup(ctx), `UPDATE sessions SET expiry = `+e+` WHERE token = ? AND expiry < `+e,
		d.expiryValue(expiry), token, d.expiryValue(expiry))
	if err != nil {
		return false, fmt.Errorf("db: touch session: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("db: touch session: %w", err)
	}
	return n == 1, nil
}

// FindSessionNow is FindSession afresh: never the request's first read
// (nor the checkout page's order with it), for a store that found its
// write overtaken.
func (d *DB) FindSessionNow(ctx context.Context, token string) ([]byte, bool, error) {
	return d.findSession(ctx, token)
}

func (d *DB) expiryParam() string {
	if d.Backend() == PostgreSQL {
		return "?"
	}
	return "julianday(?)"
}

// expiryValue is expiry as scs's store for the backend writes it.
func (d *DB) expiryValue(expiry time.Time) any {
	if d.Backend() == PostgreSQL {
		return expiry
	}
	return expiry.UTC().Format("2006-01-02T15:04:05.999")
}
