package app

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"testing"

	"github.com/alexedwards/scs/sqlite3store"
	"github.com/alexedwards/scs/v2"
	"github.com/alexedwards/scs/v2/memstore"

	"antom-checkout/db"
)

// The sessions table holds hashes of session tokens only: the cookie a
// browser presents is nowhere in it, and sessions still work (found,
// renewed, destroyed).
func TestSessionStoreKeepsOnlyTokenHashes(t *testing.T) {
	d, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "checkout.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	store := sqlite3store.NewWithCleanupInterval(d.SQL(), 0)
	sm := newSessions(store, &url.URL{Scheme: "http", Host: "localhost"})

	token := sessionRoundTrip(t, sm)
	var raw, hashed int
	d.SQL().QueryRow(`SELECT COUNT(*) FROM sessions WHERE token = ?`, token).Scan(&raw)
	d.SQL().QueryRow(`SELECT COUNT(*) FROM sessions WHERE token = ?`, storedToken(token)).Scan(&hashed)
	if raw != 0 || hashed != 1 {
		t.Fatalf("sessions rows: %d with the raw token, %d with its hash; want 0 and 1", raw, hashed)
	}
}

// The wrapper works over any scs.Store, one without contexts included.
func TestHashedTokensOverAPlainStore(t *testing.T) {
	store := memstore.NewWithCleanupInterval(0)
	sm := newSessions(store, &url.URL{Scheme: "http", Host: "localhost"})
	token := sessionRoundTrip(t, sm)
	if _, found, _ := store.Find(token); found {
		t.Fatal("the store holds the raw token")
	}
	if _, found, _ := store.Find(storedToken(token)); !found {
		t.Fatal("the store lacks the token's hash")
	}
}

// sessionRoundTrip stores a value in a new session, reads it back with
// the cookie, and returns the token the browser holds.
func sessionRoundTrip(t *testing.T, sm *scs.SessionManager) string {
	t.Helper()
	h := sm.LoadAndSave(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			sm.Put(r.Context(), "buyer_id", int64(42))
			return
		}
		if got := sm.GetInt64(r.Context(), "buyer_id"); got != 42 {
			t.Errorf("session value = %d, want 42", got)
		}
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", nil))
	cookies := rec.Result().Cookies()
	if len(cookies) != 1 || cookies[0].Value == "" {
		t.Fatalf("no session cookie: %v", cookies)
	}
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.AddCookie(cookies[0])
	h.ServeHTTP(httptest.NewRecorder(), req)
	return cookies[0].Value
}

// A session is stored under its token's SHA-256 in lower-case hex, as it
// always was: sessions stored before a release are found after it.
func TestStoredTokenIsSHA256Hex(t *testing.T) {
	// FIPS 180-2's example: SHA-256("abc").
	const want = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
	if got := storedToken("abc"); got != want {
		t.Fatalf("storedToken(abc) = %s, want %s", got, want)
	}
}
