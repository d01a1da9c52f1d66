package app

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"time"

	"github.com/alexedwards/scs/postgresstore"
	"github.com/alexedwards/scs/sqlite3store"
	"github.com/alexedwards/scs/v2"

	"antom-checkout/db"
)

// sessionStore keeps sessions in the app's database, in the sessions
// table our migrations create in the layout each store expects.
type sessionStore interface {
	scs.Store
	StopCleanup()
}

// newSessionStore picks scs's store for the database's backend. Both
// delete expired sessions every 5 minutes until StopCleanup. Sessions are
// found with db.FindSession — on SQLite from the read pool (never waiting
// for the writer) — which reads a checkout page's order in the same
// statement (db.WithCheckoutRead); a request's session is written over
// what it read, merged with what another tab wrote since
// (commitSession), and a new one by scs's store.
func newSessionStore(d *db.DB) sessionStore {
	if d.Backend() == db.PostgreSQL {
		return postgresStore{PostgresStore: postgresstore.New(d.SQL()), db: d}
	}
	return splitStore{SQLite3Store: sqlite3store.New(d.SQL()), db: d}
}

// postgresStore finds sessions with db.FindSession and writes them with
// the embedded store.
type postgresStore struct {
	*postgresstore.PostgresStore
	db *db.DB
}

func (s postgresStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

func (s postgresStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	return s.db.FindSession(ctx, token)
}

func (s postgresStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	return commitSession(ctx, s.db, token, b, expiry, func() error { return s.Commit(token, b, expiry) }, s.Delete)
}

func (s postgresStore) DeleteCtx(ctx context.Context, token string) error {
	if db.DeferSessionDelete(ctx, token) {
		return nil // deleted once the renewed session is committed
	}
	return s.Delete(token)
}

// splitStore finds sessions with db.FindSession (the read pool) and
// writes them with the embedded store.
type splitStore struct {
	*sqlite3store.SQLite3Store
	db *db.DB
}

func (s splitStore) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}

func (s splitStore) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	return s.db.FindSession(ctx, token)
}

func (s splitStore) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	return commitSession(ctx, s.db, token, b, expiry, func() error { return s.Commit(token, b, expiry) }, s.Delete)
}

func (s splitStore) DeleteCtx(ctx context.Context, token string) error {
	if db.DeferSessionDelete(ctx, token) {
		return nil // deleted once the renewed session is committed
	}
	return s.Delete(token)
}

// newSessions configures buyer and staff sessions, stored in the database
// so that any app instance can serve any request (DESIGN.md §7). Whatever
// the store, it keeps only hashes of the session tokens.
func newSessions(store scs.Store, public *url.URL) *scs.SessionManager {
	s := scs.New()
	s.Store = hashTokens(newTouchThrottle(store)) // the store sees only hashes of session tokens, and an unchanged session at most once a minute
	s.Codec = sessionCodec{}
	s.Lifetime = 7 * 24 * time.Hour
	s.IdleTimeout = 24 * time.Hour
	s.Cookie.Name = "checkout_session"
	s.Cookie.HttpOnly = true
	// Lax, not Strict: the buyer's return from Antom's hosted page is a
	// cross-site navigation that must carry the session.
	s.Cookie.SameSite = http.SameSiteLaxMode
	s.Cookie.Secure = public.Scheme == "https" || isLoopback(public.Hostname())
	return s
}

// sessionError answers a request whose session could not be loaded or
// written (the store failed, or other requests of the same browser kept
// changing it: maxSessionMerges) with a 500, as scs does, logged as an
// ERROR line with the request's id (X-Request-Id, set on the response
// already when the handler's answer was being written), never on the
// standard logger.
func sessionError(log *slog.Logger) func(http.ResponseWriter, *http.Request, error) {
	return func(w http.ResponseWriter, r *http.Request, err error) {
		log.Error("session", "method", r.Method, "path", r.URL.Path, "request_id", w.Header().Get("X-Request-Id"), "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
	}
}

// isLoopback says whether browsers treat host as a secure context even
// over plain http (they do for localhost and loopback addresses).
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
