package dbtest

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver

	"antom-checkout/db/pgbin"
	"antom-checkout/internal/freeport"
)

// errNoPostgres means neither TEST_DATABASE_URL nor PostgreSQL's
// binaries are there.
var errNoPostgres = pgbin.ErrMissing

// pgServer is a PostgreSQL server the tests create their databases on.
type pgServer struct {
	admin *sql.DB // to its maintenance database, for CREATE/DROP DATABASE
	base  *url.URL

	templates []string // databases new ones are copied from (template.go); dropped at stop

	// The throwaway server only.
	dir    string        // data, socket and log; removed at stop
	cmd    *exec.Cmd     // the postmaster
	exited chan struct{} // closed when it has exited
}

// url is the URL of database name on the server.
func (s *pgServer) url(name string) string {
	u := *s.base
	u.Path = "/" + name
	return u.String()
}

// external uses the server at TEST_DATABASE_URL.
func external(raw string) (*pgServer, error) {
	base, err := url.Parse(raw)
	if err != nil {
		return nil, errors.New("TEST_DATABASE_URL is not a URL")
	}
	admin, err := connect(raw, 5*time.Second, nil)
	if err != nil {
		return nil, fmt.Errorf("TEST_DATABASE_URL: %w", err)
	}
	return &pgServer{admin: admin, base: base}, nil
}

// startServer starts a throwaway server: initdb in a new temp dir, then
// postgres on a free loopback port with its unix socket in that dir. As
// root both run as the postgres user (PostgreSQL refuses root). Durability
// is off: the data lives as long as the test binary.
func startServer() (*pgServer, error) {
	bin, err := pgbin.Dir()
	if err != nil {
		return nil, err
	}
	cred, err := pgbin.User()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "dbtest-postgres-")
	if err != nil {
		return nil, err
	}
	s := &pgServer{dir: dir}
	if cred != nil {
		if err := os.Chown(dir, int(cred.Uid), int(cred.Gid)); err != nil {
			os.RemoveAll(dir)
			return nil, err
		}
	}
	data := filepath.Join(dir, "data")
	initdb := command(cred, dir, filepath.Join(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust",
		"-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions")
	if out, err := initdb.CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v: %s", err, bytes.TrimSpace(out))
	}
	// A free port can be taken between choosing and binding it: try anew.
	for try := 0; ; try++ {
		err = s.start(cred, bin, data)
		if err == nil || try == 2 {
			break
		}
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return s, nil
}

// durableEnv, when set (make bench sets it), keeps PostgreSQL's own
// durability — every commit flushed to disk, as in production — so that
// what the benchmarks measure on it is what a deployment gets; tests
// otherwise run it without syncing (fsync, synchronous_commit and
// full_page_writes off), which only a crash of the machine could tell.
const durableEnv = "DBTEST_PG_DURABLE"

// start runs the postmaster and waits until it answers.
func (s *pgServer) start(cred *syscall.Credential, bin, data string) error {
	port, err := freeport.Port()
	if err != nil {
		return err
	}
	logPath := filepath.Join(s.dir, "postgres.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return err
	}
	defer logFile.Close()
	args := []string{"-D", data, "-p", strconv.Itoa(port),
		"-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + s.dir,
		"-c", "max_connections=300", "-c", "shared_buffers=32MB"}
	if os.Getenv(durableEnv) == "" {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	}
	s.cmd = command(cred, s.dir, filepath.Join(bin, "postgres"), args...)
	s.cmd.Stdout, s.cmd.Stderr = logFile, logFile
	// If the test binary dies without stopping the server (a timeout's
	// panic, a kill), the kernel sends the postmaster SIGQUIT (immediate
	// shutdown). It does so when the thread that started it ends, so that
	// thread is kept for as long as the postmaster runs.
	s.cmd.SysProcAttr.Pdeathsig = syscall.SIGQUIT
	s.exited = make(chan struct{})
	started := make(chan error, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread ends with this goroutine
		if err := s.cmd.Start(); err != nil {
			started <- err
			return
		}
		started <- nil
		s.cmd.Wait()
		close(s.exited)
	}()
	if err := <-started; err != nil {
		return fmt.Errorf("start postgres: %w", err)
	}
	s.base = &url.URL{Scheme: "postgres", User: url.User("postgres"), Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(port)),
		RawQuery: "sslmode=disable"}
	s.admin, err = connect(s.url("postgres"), 30*time.Second, s.exited)
	if err != nil {
		s.cmd.Process.Kill()
		<-s.exited
		log, _ := os.ReadFile(logPath)
		return fmt.Errorf("postgres did not start: %v\n%s", err, bytes.TrimSpace(log))
	}
	return nil
}

// stop shuts the throwaway server down (fast shutdown: connections are
// ended) and removes its directory.
func (s *pgServer) stop() error {
	for _, name := range s.templates {
		if _, err := s.admin.ExecContext(context.Background(), "DROP DATABASE "+name+" WITH (FORCE)"); err != nil {
			s.admin.Close()
			return fmt.Errorf("drop template %s: %w", name, err)
		}
	}
	s.admin.Close()
	if s.cmd == nil {
		return nil
	}
	defer os.RemoveAll(s.dir)
	s.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-s.exited:
		return nil
	case <-time.After(30 * time.Second):
		s.cmd.Process.Kill()
		<-s.exited
		return errors.New("postgres did not stop within 30s; killed")
	}
}

// connect opens url and waits until it answers, up to wait, or until
// exited is closed.
func connect(raw string, wait time.Duration, exited <-chan struct{}) (*sql.DB, error) {
	sqldb, err := sql.Open("pgx", raw)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(wait)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		err = sqldb.PingContext(ctx)
		cancel()
		if err == nil {
			return sqldb, nil
		}
		select {
		case <-exited:
			sqldb.Close()
			return nil, errors.New("postgres exited")
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			sqldb.Close()
			return nil, err
		}
	}
}

// command runs as cred's user (nil: as ourselves) in dir.
func command(cred *syscall.Credential, dir, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
	return cmd
}
