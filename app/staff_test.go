package app

import (
	"bytes"
	"context"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// newApp builds the app (real Antom settings: nothing is contacted) on
// dataDir and returns what it logged, and a close that may be called
// early (Close itself may run once only).
func newApp(t *testing.T, dataDir, adminPassword string) (*App, func() error, string, error) {
	t.Helper()
	return newAppAt(t, dataDir, "https://shop.example.com", adminPassword)
}

// newAppAt is newApp served at publicURL (PUBLIC_URL).
func newAppAt(t *testing.T, dataDir, publicURL, adminPassword string) (*App, func() error, string, error) {
	t.Helper()
	env := realEnv(t)
	env["DATA_DIR"], env["ADMIN_PASSWORD"], env["PUBLIC_URL"] = dataDir, adminPassword, publicURL
	cfg, err := load(env)
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	a, err := New(context.Background(), cfg, slog.New(slog.NewTextHandler(&logs, nil)))
	closeOnce := func() error { return nil }
	if err == nil {
		closeOnce = sync.OnceValue(a.Close)
		t.Cleanup(func() { closeOnce() })
	}
	return a, closeOnce, logs.String(), err
}

var oneTimeLine = regexp.MustCompile(`first staff account created.*email=(\S+) password=(\S+)`)

// The first start logs a one-time password, once; a later start, while it
// is unused, says how to get in without it, and one with ADMIN_PASSWORD
// replaces it.
func TestFirstStartPrintsOneTimePasswordOnce(t *testing.T) {
	dir := t.TempDir()
	a, closeApp, logs, err := newApp(t, dir, "")
	if err != nil {
		t.Fatal(err)
	}
	m := oneTimeLine.FindStringSubmatch(logs)
	if m == nil || strings.Count(logs, "password=") != 1 {
		t.Fatalf("first start logged:\n%s", logs)
	}
	if m[1] != "admin@shop.example.com" {
		t.Fatalf("first staff email %q", m[1])
	}
	st, err := a.Checkout().StaffSignIn(context.Background(), m[1], m[2], "192.0.2.1")
	if err != nil || !st.MustChange {
		t.Fatalf("sign in with the one-time password: %+v %v", st, err)
	}
	check(t, closeApp())

	_, closeApp, again, err := newApp(t, dir, "")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(again, "password=") || strings.Contains(again, m[2]) {
		t.Fatalf("second start logged a password:\n%s", again)
	}
	if !strings.Contains(again, "set ADMIN_PASSWORD and start again") || !strings.Contains(again, "email=admin@shop.example.com") {
		t.Fatalf("second start, the one-time password unused, did not say how to get in:\n%s", again)
	}
	check(t, closeApp())

	// Its log lost: a start with ADMIN_PASSWORD replaces the unused
	// one-time password.
	a, _, third, err := newApp(t, dir, "an admin password from the environment")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(third, "from the environment") || !strings.Contains(third, "replaced with ADMIN_PASSWORD") {
		t.Fatalf("a start with ADMIN_PASSWORD logged:\n%s", third)
	}
	if _, err := a.Checkout().StaffSignIn(context.Background(), m[1], "an admin password from the environment", "192.0.2.1"); err != nil {
		t.Fatalf("sign in with ADMIN_PASSWORD after the one-time password was lost: %v", err)
	}
}

func TestFirstStartTakesAdminPassword(t *testing.T) {
	a, _, logs, err := newApp(t, t.TempDir(), "an admin password from the environment")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(logs, "password=") || strings.Contains(logs, "from the environment") {
		t.Fatalf("ADMIN_PASSWORD start logged a password:\n%s", logs)
	}
	if !strings.Contains(logs, "email=admin@shop.example.com") {
		t.Fatalf("no line about the first account:\n%s", logs)
	}
	st, err := a.Checkout().StaffSignIn(context.Background(), "admin@shop.example.com", "an admin password from the environment", "192.0.2.1")
	if err != nil || st.MustChange {
		t.Fatalf("sign in with ADMIN_PASSWORD: %+v %v", st, err)
	}

	env := realEnv(t)
	env["ADMIN_PASSWORD"] = "short"
	if _, err := load(env); err == nil || err.Error() != "config: ADMIN_PASSWORD: Use at least 12 characters, or 8 Chinese characters (kanji) or Korean syllables, which count as 1½ each." {
		t.Fatalf("a short ADMIN_PASSWORD: %v", err)
	}
}

func TestFirstStaffEmail(t *testing.T) {
	for raw, want := range map[string]string{
		"https://Shop.Example.com/base": "admin@shop.example.com",
		"http://127.0.0.1:8080":         "admin@127.0.0.1",
		"http://[::1]:8080":             "admin@localhost",
	} {
		u, _ := url.Parse(raw)
		if got := FirstStaffEmail(u); got != want {
			t.Errorf("FirstStaffEmail(%s) = %s, want %s", raw, got, want)
		}
	}
}

// The first account is found whatever its email: the shop moved to
// another host (PUBLIC_URL) since its first start, its one-time password
// lost and unused, a start with ADMIN_PASSWORD still replaces it. Once
// that account has its own password, ADMIN_PASSWORD set is not applied,
// and one WARN line says why.
func TestAdminPasswordFindsTheFirstAccountAfterAMove(t *testing.T) {
	dir := t.TempDir()
	_, closeApp, logs, err := newAppAt(t, dir, "https://old-shop.example.com", "")
	check(t, err)
	if m := oneTimeLine.FindStringSubmatch(logs); m == nil || m[1] != "admin@old-shop.example.com" {
		t.Fatalf("first start logged:\n%s", logs)
	}
	check(t, closeApp())

	a, closeApp, moved, err := newAppAt(t, dir, "https://shop.example.com", "an admin password from the environment")
	check(t, err)
	if !strings.Contains(moved, "replaced with ADMIN_PASSWORD") || !strings.Contains(moved, "email=admin@old-shop.example.com") {
		t.Fatalf("a start at the new host with ADMIN_PASSWORD logged:\n%s", moved)
	}
	if _, err := a.Checkout().StaffSignIn(context.Background(), "admin@old-shop.example.com", "an admin password from the environment", "192.0.2.1"); err != nil {
		t.Fatalf("sign in with ADMIN_PASSWORD after the move: %v", err)
	}
	check(t, closeApp())

	_, _, later, err := newAppAt(t, dir, "https://shop.example.com", "yet another admin password")
	check(t, err)
	if strings.Count(later, "ADMIN_PASSWORD ignored: the first staff account's one-time password was already replaced") != 1 ||
		!strings.Contains(later, "level=WARN") || strings.Contains(later, "yet another") {
		t.Fatalf("a start with ADMIN_PASSWORD, the account claimed, logged:\n%s", later)
	}
}

// A first start whose ADMIN_PASSWORD is too easy to guess stops before
// anything is written, naming the setting as the configuration's checks
// do: no DATA_DIR, no SQLite file; on PostgreSQL no table (its schema
// still at 0). Once the database has staff, an ADMIN_PASSWORD that is
// ignored stops nothing (an upgrade keeps starting).
func TestEasyFirstAdminPasswordWritesNothing(t *testing.T) {
	const easy, want = "aaaaaaaaaaaa", "config: ADMIN_PASSWORD: Too easy to guess"
	start := func(t *testing.T, env map[string]string) (string, error) {
		t.Helper()
		cfg, err := load(env)
		check(t, err)
		var logs bytes.Buffer
		a, err := New(context.Background(), cfg, slog.New(slog.NewTextHandler(&logs, nil)))
		if err == nil {
			check(t, a.Close())
		}
		return logs.String(), err
	}
	t.Run("sqlite", func(t *testing.T) {
		env := realEnv(t)
		dir := filepath.Join(t.TempDir(), "data")
		env["DATA_DIR"], env["ADMIN_PASSWORD"] = dir, easy
		if _, err := start(t, env); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Fatalf("a first start with ADMIN_PASSWORD %q: %v", easy, err)
		}
		if _, err := os.Stat(dir); !os.IsNotExist(err) {
			t.Fatalf("refused, it wrote DATA_DIR %s: %v", dir, err)
		}

		env["ADMIN_PASSWORD"] = "an admin password from the environment"
		_, err := start(t, env)
		check(t, err)
		env["ADMIN_PASSWORD"] = easy
		logs, err := start(t, env)
		check(t, err)
		if !strings.Contains(logs, "ADMIN_PASSWORD ignored") {
			t.Fatalf("a later start with an ADMIN_PASSWORD it ignores logged:\n%s", logs)
		}
	})
	t.Run("postgres", func(t *testing.T) {
		env := realEnv(t)
		source := dbtest.PostgresURL(t)
		env["DATA_DIR"], env["DATABASE_URL"], env["ADMIN_PASSWORD"] = t.TempDir(), source, easy
		if _, err := start(t, env); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Fatalf("a first start with ADMIN_PASSWORD %q: %v", easy, err)
		}
		d, err := db.Open(context.Background(), source)
		check(t, err)
		from, _ := d.Migrated()
		check(t, d.Close())
		if from != 0 {
			t.Fatalf("refused, it created the schema (%d)", from)
		}

		// The schema there (the Open above), no staff account: still the
		// first account's password.
		if _, err := start(t, env); err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Fatalf("a start on a schema without staff, ADMIN_PASSWORD %q: %v", easy, err)
		}
		env["ADMIN_PASSWORD"] = "an admin password from the environment"
		_, err = start(t, env)
		check(t, err)
		env["ADMIN_PASSWORD"] = easy
		logs, err := start(t, env)
		check(t, err)
		if !strings.Contains(logs, "ADMIN_PASSWORD ignored") {
			t.Fatalf("a later start with an ADMIN_PASSWORD it ignores logged:\n%s", logs)
		}
	})
}
