package app

import (
	"context"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"antom-checkout/checkout"
	"antom-checkout/db/dbtest"
)

// A TOKEN_ENCRYPTION_KEY that cannot open the tokens already stored stops
// the start with one line naming it; the key they were sealed with starts.
// The error names where the tokens are: the SQLite file, or PostgreSQL.
func TestStartRefusesATokenKeyThatCannotOpenStoredTokens(t *testing.T) {
	dir := t.TempDir()
	t.Run("sqlite", func(t *testing.T) {
		refusesTokenKey(t, map[string]string{"DATA_DIR": dir}, "in "+filepath.Join(dir, "checkout.db")+" (")
	})
	t.Run("postgres", func(t *testing.T) {
		refusesTokenKey(t, map[string]string{"DATA_DIR": dir, "DATABASE_URL": dbtest.PostgresURL(t)}, "in the PostgreSQL database (DATABASE_URL) (")
	})
}

func refusesTokenKey(t *testing.T, store map[string]string, where string) {
	start := func(tokenKey string) (*App, error) {
		env := realEnv(t)
		env["ADMIN_PASSWORD"], env["TOKEN_ENCRYPTION_KEY"] = "correct horse battery staple", tokenKey
		for k, v := range store {
			env[k] = v
		}
		cfg, err := load(env)
		if err != nil {
			t.Fatal(err)
		}
		return New(context.Background(), cfg, slog.New(slog.DiscardHandler))
	}
	const first = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
	const other = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA="

	a, err := start(first)
	check(t, err)
	// Store something sealed: a notification of a kind not applied yet is
	// kept sealed for later.
	_, err = a.Checkout().ReceiveNotification(context.Background(), checkout.Inbound{RequestTime: "t",
		Body: []byte(`{"notifyType":"UPDATE_AMOUNT_RESULT","paymentRequestId":"r1","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success."}}`)})
	if !errors.Is(err, checkout.ErrUnhandled) {
		t.Fatalf("store a sealed notification: %v", err)
	}
	check(t, a.Close())

	_, err = start(other)
	if err == nil {
		t.Fatal("started with a key that cannot open the stored tokens")
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "config: TOKEN_ENCRYPTION_KEY: cannot open the tokens already stored "+where) || strings.Contains(msg, "\n") {
		t.Fatalf("error %q", msg)
	}

	a, err = start(first)
	check(t, err)
	check(t, a.Close())
}

// Instances given different TOKEN_ENCRYPTION_KEYs on one new database:
// the first start keeps the key check, a start with another key is
// refused before any token is stored (one line naming the setting, never
// the key), and the first key still starts.
func TestStartRefusesAnotherTokenKeyOnANewDatabase(t *testing.T) {
	dir := t.TempDir()
	t.Run("sqlite", func(t *testing.T) {
		refusesOtherTokenKey(t, map[string]string{"DATA_DIR": dir}, filepath.Join(dir, "checkout.db"))
	})
	t.Run("postgres", func(t *testing.T) {
		refusesOtherTokenKey(t, map[string]string{"DATA_DIR": dir, "DATABASE_URL": dbtest.PostgresURL(t)}, "the PostgreSQL database (DATABASE_URL)")
	})
}

func refusesOtherTokenKey(t *testing.T, store map[string]string, where string) {
	start := func(tokenKey string) (*App, error) {
		env := realEnv(t)
		env["ADMIN_PASSWORD"], env["TOKEN_ENCRYPTION_KEY"] = "correct horse battery staple", tokenKey
		for k, v := range store {
			env[k] = v
		}
		cfg, err := load(env)
		if err != nil {
			t.Fatal(err)
		}
		return New(context.Background(), cfg, slog.New(slog.DiscardHandler))
	}
	const first = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="
	const other = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA="

	a, err := start(first)
	check(t, err)
	check(t, a.Close())

	_, err = start(other)
	if err == nil {
		t.Fatal("started with another key than the database's first start")
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "config: TOKEN_ENCRYPTION_KEY: is not the key "+where+" was first started with") ||
		strings.Contains(msg, "\n") || strings.Contains(msg, other) || strings.Contains(msg, first) {
		t.Fatalf("error %q", msg)
	}

	a, err = start(first)
	check(t, err)
	check(t, a.Close())
}
