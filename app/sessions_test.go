package app

import (
	"bytes"
	"context"
	"log/slog"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

// Sessions live in the database on either backend: what one instance
// stores, another finds, until it expires or is deleted.
func TestSessionStoreOnEachBackend(t *testing.T) {
	dbtest.ForEachBackend(t, func(t *testing.T, d *db.DB) {
		one, other := newSessionStore(d), newSessionStore(d)
		defer one.StopCleanup()
		defer other.StopCleanup()
		check(t, one.Commit("live-token", []byte{0, 1, 2, 255}, time.Now().Add(time.Hour)))
		check(t, one.Commit("expired-token", []byte("old"), time.Now().Add(-time.Second)))

		data, found, err := other.Find("live-token")
		check(t, err)
		if !found || !bytes.Equal(data, []byte{0, 1, 2, 255}) {
			t.Fatalf("live session: found=%v data=%v", found, data)
		}
		if _, found, err := other.Find("expired-token"); err != nil || found {
			t.Fatalf("expired session: found=%v err=%v", found, err)
		}
		check(t, other.Delete("live-token"))
		if _, found, err := one.Find("live-token"); err != nil || found {
			t.Fatalf("deleted session: found=%v err=%v", found, err)
		}
	})
}

// DATABASE_URL puts the whole app on PostgreSQL: it migrates the empty
// database and creates the first staff account there.
func TestAppOnPostgres(t *testing.T) {
	env := realEnv(t)
	env["DATA_DIR"], env["DATABASE_URL"] = t.TempDir(), dbtest.PostgresURL(t)
	env["ADMIN_PASSWORD"] = "an admin password from the environment"
	cfg, err := load(env)
	check(t, err)
	a, err := New(context.Background(), cfg, slog.New(slog.DiscardHandler))
	check(t, err)
	defer a.Close()
	if a.db.Backend() != db.PostgreSQL {
		t.Fatalf("backend %s", a.db.Backend())
	}
	st, err := a.Checkout().StaffSignIn(context.Background(), "admin@shop.example.com", env["ADMIN_PASSWORD"], "192.0.2.1")
	if err != nil || st.Email != "admin@shop.example.com" {
		t.Fatalf("sign in on PostgreSQL: %+v %v", st, err)
	}
}
