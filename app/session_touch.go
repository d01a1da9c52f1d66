package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"

	"antom-checkout/db"
)

// touchEvery is how far a session's idle expiry must have moved before an
// unchanged session is written again. scs commits every request's session
// when IdleTimeout is set, only to push its expiry forward: one database
// write per page view. With this, a browsing buyer's session is written
// at most once a minute; its idle timeout (24 h) ends at most a minute
// early.
const touchEvery = time.Minute

// touchLimit bounds how many sessions touchThrottle remembers; past it,
// it forgets them all (each then costs one more write).
const touchLimit = 100_000

// touchThrottle wraps a session store: a Commit of exactly the data this
// process last committed for the token, whose expiry moved less than
// touchEvery since, is not written again — in a request made
// db.WithSessionRead, only when the request did not change the data it
// read (another instance may have written since: a change back to what
// this one wrote last is still a change). Any change to the data is
// written at once; a Delete forgets the token. Each instance remembers
// only its own commits, so several instances write at most once a minute
// each.
type touchThrottle struct {
	inner scs.Store
	mu    sync.Mutex
	last  map[string]committed
}

type committed struct {
	sum    [sha256.Size]byte
	expiry time.Time
}

func newTouchThrottle(inner scs.Store) *touchThrottle {
	return &touchThrottle{inner: inner, last: map[string]committed{}}
}

// skip reports whether committing b with expiry for token may be left
// out.
func (t *touchThrottle) skip(ctx context.Context, token string, b []byte, expiry time.Time) bool {
	if read, found, known := db.SessionReadOf(ctx, token); known && (!found || !bytes.Equal(read, b)) {
		return false // the request changed its session: what another instance wrote since is no excuse
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	c, ok := t.last[token]
	return ok && c.sum == sha256.Sum256(b) && expiry.Sub(c.expiry) < touchEvery && !expiry.Before(c.expiry)
}

func (t *touchThrottle) remember(token string, b []byte, expiry time.Time) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.last) >= touchLimit {
		clear(t.last)
	}
	t.last[token] = committed{sum: sha256.Sum256(b), expiry: expiry}
}

func (t *touchThrottle) forget(token string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.last, token)
}

func (t *touchThrottle) Find(token string) ([]byte, bool, error) { return t.inner.Find(token) }

func (t *touchThrottle) Commit(token string, b []byte, expiry time.Time) error {
	return t.CommitCtx(context.Background(), token, b, expiry)
}

func (t *touchThrottle) Delete(token string) error {
	return t.DeleteCtx(context.Background(), token)
}

func (t *touchThrottle) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	if c, ok := t.inner.(scs.CtxStore); ok {
		return c.FindCtx(ctx, token)
	}
	return t.inner.Find(token)
}

func (t *touchThrottle) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	if t.skip(ctx, token, b, expiry) {
		db.QuietSessionCookie(ctx, token) // the browser holds the cookie of the expiry last written
		return nil
	}
	t.forget(token) // a failed write must not be skipped next time
	var err error
	if c, ok := t.inner.(scs.CtxStore); ok {
		err = c.CommitCtx(ctx, token, b, expiry)
	} else {
		err = t.inner.Commit(token, b, expiry)
	}
	if err == nil {
		t.remember(token, b, expiry)
	}
	return err
}

func (t *touchThrottle) DeleteCtx(ctx context.Context, token string) error {
	t.forget(token)
	if c, ok := t.inner.(scs.CtxStore); ok {
		return c.DeleteCtx(ctx, token)
	}
	return t.inner.Delete(token)
}
