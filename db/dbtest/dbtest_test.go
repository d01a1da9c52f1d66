package dbtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/pgbin"
)

func TestMain(m *testing.M) { Main(m) }

// Each test's PostgreSQL database is its own, empty at first, and gone
// when the test ends.
func TestPostgresDatabasePerTest(t *testing.T) {
	var name string
	t.Run("first", func(t *testing.T) {
		d := OpenOn(t, db.PostgreSQL)
		_, err := d.InsertBuyer(context.Background(), "ann@example.com", []byte("h"), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		var current string
		if err := d.SQL().QueryRow("SELECT current_database()").Scan(&current); err != nil {
			t.Fatal(err)
		}
		name = current
	})
	t.Run("second", func(t *testing.T) {
		d := OpenOn(t, db.PostgreSQL)
		if _, err := d.BuyerByEmail(context.Background(), "ann@example.com"); err != db.ErrNotFound {
			t.Fatalf("a fresh database holds the first test's buyer: %v", err)
		}
	})
	if name == "" {
		t.Fatal("the first subtest did not run")
	}
	var n int
	if err := shared.srv.admin.QueryRow("SELECT COUNT(*) FROM pg_database WHERE datname = $1", name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Fatalf("database %s is left after its test", name)
	}
}

func TestPostgresURLNamesItsDatabase(t *testing.T) {
	u, err := url.Parse(PostgresURL(t))
	if err != nil || !strings.HasPrefix(u.Path, "/dbtest_") || u.Scheme != "postgres" {
		t.Fatalf("URL %v (%v)", u, err)
	}
}

func TestBackendFromTEST_DB(t *testing.T) {
	for value, want := range map[string]db.Backend{"": db.SQLite, "sqlite": db.SQLite, "postgres": db.PostgreSQL} {
		t.Setenv("TEST_DB", value)
		if got := Backend(t); got != want {
			t.Errorf("TEST_DB=%q: %s, want %s", value, got, want)
		}
	}
}

// A stopped server is gone, its directory with it.
func TestStopRemovesTheServer(t *testing.T) {
	if os.Getenv("TEST_DATABASE_URL") != "" {
		t.Skip("the tests use TEST_DATABASE_URL's server")
	}
	s, err := startServer()
	if err == errNoPostgres {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := s.stop(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.exited:
	default:
		t.Fatal("postgres still runs after stop")
	}
	if _, err := os.Stat(s.dir); !os.IsNotExist(err) {
		t.Fatalf("%s is left after stop: %v", s.dir, err)
	}
}

// A test binary that dies without stopping its server (a timeout's
// panic, a kill) takes the server with it.
func TestServerDiesWithTheTestBinary(t *testing.T) {
	if os.Getenv("DBTEST_CRASH_CHILD") != "" {
		s, err := startServer()
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("postmaster %d %s\n", s.cmd.Process.Pid, s.dir)
		os.Exit(3) // no stop, no cleanup
	}
	if os.Getenv("TEST_DATABASE_URL") != "" {
		t.Skip("the tests use TEST_DATABASE_URL's server")
	}
	if _, err := pgbin.Dir(); err != nil {
		t.Skip(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestServerDiesWithTheTestBinary$")
	cmd.Env = append(os.Environ(), "DBTEST_CRASH_CHILD=1")
	out, _ := cmd.Output()
	var pid int
	var dir string
	if _, err := fmt.Sscanf(string(out), "postmaster %d %s", &pid, &dir); err != nil {
		t.Fatalf("child printed %q: %v", out, err)
	}
	defer os.RemoveAll(dir)
	deadline := time.Now().Add(10 * time.Second)
	for syscall.Kill(pid, 0) == nil {
		if time.Now().After(deadline) {
			syscall.Kill(pid, syscall.SIGKILL)
			t.Fatalf("postmaster %d still runs 10 s after its test binary died", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// OpenOn's databases start as a fresh database migrated now does — the
// same schema version, the same seeded products — and each is its own:
// what one test writes, another does not see. On SQLite the file is the
// owner's only (0600), as db.Open leaves it.
func TestOpenOnIsMigratedAndItsOwn(t *testing.T) {
	ctx := context.Background()
	for _, b := range []db.Backend{db.SQLite, db.PostgreSQL} {
		t.Run(string(b), func(t *testing.T) {
			fresh, err := db.Open(ctx, Source(t, b))
			if err != nil {
				t.Fatal(err)
			}
			defer fresh.Close()
			want, wantProducts := schemaOf(t, fresh)

			first, second := OpenOn(t, b), OpenOn(t, b)
			for i, d := range []*db.DB{first, second} {
				if v, products := schemaOf(t, d); v != want || products != wantProducts {
					t.Fatalf("database %d: schema version %d with products %q, want %d with %q", i, v, products, want, wantProducts)
				}
			}
			if _, err := first.InsertBuyer(ctx, "ann@example.com", []byte("h"), time.Now()); err != nil {
				t.Fatal(err)
			}
			if _, err := second.BuyerByEmail(ctx, "ann@example.com"); err != db.ErrNotFound {
				t.Fatalf("the second database holds the first one's buyer: %v", err)
			}
			if b == db.SQLite {
				var path string
				if err := first.SQL().QueryRow("SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&path); err != nil {
					t.Fatal(err)
				}
				info, err := os.Stat(path)
				if err != nil || info.Mode().Perm() != 0o600 {
					t.Fatalf("the file %s: %v %v, want mode 0600", path, info.Mode(), err)
				}
			}
		})
	}
}

// schemaOf returns d's schema version and its products' slugs in order.
func schemaOf(t *testing.T, d *db.DB) (version int, products string) {
	t.Helper()
	q := "SELECT MAX(version) FROM schema_migrations"
	if d.Backend() == db.SQLite {
		q = "PRAGMA user_version"
	}
	if err := d.SQL().QueryRow(q).Scan(&version); err != nil {
		t.Fatal(err)
	}
	ps, err := d.Products(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var slugs []string
	for _, p := range ps {
		slugs = append(slugs, p.Slug)
	}
	return version, strings.Join(slugs, ",")
}
