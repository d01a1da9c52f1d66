package cluster

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"antom-checkout/db/pgbin"
	"antom-checkout/internal/freeport"
)

// Postgres is a PostgreSQL server of our own for `make run-cluster`:
// Debian's postgresql binaries, its data in a directory (created with
// initdb the first time and kept for the next start), listening on a
// free loopback port. As root it runs as the postgres user.
type Postgres struct {
	*Process
	URL string // of the database "checkout"
}

// StartPostgres starts the server whose data lives in dir, creating it
// first if needed, and the database "checkout" in it. A relative dir is
// taken from the working directory (DATA_DIR=data, make run-cluster's
// default): the server reads paths relative to its data directory.
func StartPostgres(ctx context.Context, dir string, out io.Writer) (*Postgres, error) {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	bin, err := pgbin.Dir()
	if errors.Is(err, pgbin.ErrMissing) {
		return nil, errors.New("cluster: PostgreSQL is not installed (apt-get install postgresql), and DATABASE_URL is not set")
	}
	if err != nil {
		return nil, err
	}
	cred, err := pgbin.User()
	if err != nil {
		return nil, fmt.Errorf("cluster: %w", err)
	}
	if err := prepareDir(dir, cred); err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "data")
	if _, err := os.Stat(filepath.Join(data, "PG_VERSION")); err != nil {
		initdb := exec.CommandContext(ctx, filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust",
			"-E", "UTF8", "--locale=C", "--no-instructions")
		initdb.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		if msg, err := initdb.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("cluster: initdb: %v: %s", err, bytes.TrimSpace(msg))
		}
	}
	port, err := freeport.Port()
	if err != nil {
		return nil, err
	}
	p, err := startProcess("postgres", out, nil, cred, filepath.Join(bin, "postgres"), "-D", data,
		// TCP only: a socket's path would be capped at 107 bytes, which a
		// checkout in a deep directory passes.
		"-p", strconv.Itoa(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
		"-c", "max_connections=200")
	if err != nil {
		return nil, err
	}
	pg := &Postgres{Process: p, URL: fmt.Sprintf("postgres://postgres@127.0.0.1:%d/checkout?sslmode=disable", port)}
	if err := pg.createDatabase(ctx, bin, port); err != nil {
		pg.Stop()
		return nil, err
	}
	return pg, nil
}

// Stop shuts the server down (fast shutdown: connections are ended).
func (pg *Postgres) Stop() error { return pg.Process.Stop(30*time.Second, syscall.SIGINT) }

// createDatabase waits until the server answers, then creates the
// database "checkout" unless it exists (asked first: a CREATE DATABASE
// that finds it would be an ERROR in the server's log on every restart).
func (pg *Postgres) createDatabase(ctx context.Context, bin string, port int) error {
	deadline := time.Now().Add(30 * time.Second)
	client := func(name string, args ...string) ([]byte, error) {
		args = append([]string{"-h", "127.0.0.1", "-p", strconv.Itoa(port), "-U", "postgres"}, args...)
		return exec.CommandContext(ctx, filepath.Join(bin, name), args...).CombinedOutput()
	}
	for {
		out, err := client("psql", "-d", "postgres", "-tAc", "SELECT count(*) FROM pg_database WHERE datname = 'checkout'")
		switch {
		case err == nil && string(bytes.TrimSpace(out)) == "1":
			return nil
		case err == nil:
			if out, err = client("createdb", "checkout"); err == nil {
				return nil
			}
		}
		select {
		case <-pg.Exited():
			return fmt.Errorf("cluster: postgres %w (see its output)", errExited)
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("cluster: creating the database: %v: %s", err, bytes.TrimSpace(out))
		}
	}
}

// prepareDir creates dir (absolute) for the server's user. That user must be able
// to reach it, so as root the directories above it in DATA_DIR are made
// passable (o+x: no listing, no reading).
func prepareDir(dir string, cred *syscall.Credential) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	if cred == nil {
		return nil
	}
	if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
		return err
	}
	for d := filepath.Dir(dir); d != "/"; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil {
			return err
		}
		if fi.Mode().Perm()&0o001 == 0 {
			if err := os.Chmod(d, fi.Mode().Perm()|0o001); err != nil {
				return fmt.Errorf("cluster: PostgreSQL's user cannot reach %s: %w", dir, err)
			}
		}
	}
	return nil
}
