// Command run is `make run-cluster`: the demo served by several app
// instances on one machine, the way DESIGN.md §7 runs them on several.
//
//	PostgreSQL   DATABASE_URL, or a server of our own in DATA_DIR/postgres
//	sandbox      `antom-checkout sandbox` on SANDBOX_ADDR (localhost:8081)
//	app1…appN    CLUSTER_SIZE instances (3) on free loopback ports, sharing
//	             DATABASE_URL, TOKEN_ENCRYPTION_KEY, the sandbox and PUBLIC_URL;
//	             metrics on METRICS_ADDR (127.0.0.1:9091) and the next ports
//	haproxy      on ADDR (localhost:8080), checking each instance's /healthz
//
// Every process's output is shown with its name in front. Ctrl-C stops
// them all: the load balancer first, then the instances (each finishes
// what it is doing), the sandbox, PostgreSQL last. kill -9 one instance
// to watch the others carry on.
package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"antom-checkout/cluster"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Getenv); err != nil {
		if ctx.Err() != nil { // Ctrl-C while starting: what was started is stopped
			fmt.Println("\nstopped")
			return
		}
		fmt.Fprintln(os.Stderr, "run-cluster:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, getenv func(string) string) error {
	dataDir := or(getenv("DATA_DIR"), "data")
	addr := or(getenv("ADDR"), "localhost:8080")
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("ADDR: %w", err)
	}
	size, err := strconv.Atoi(or(getenv("CLUSTER_SIZE"), "3"))
	if err != nil || size < 1 || size > 16 {
		return errors.New("CLUSTER_SIZE: must be a number from 1 to 16")
	}
	publicURL := or(getenv("PUBLIC_URL"), "http://"+net.JoinHostPort(or(strings.Trim(host, "[]"), "localhost"), port))
	dir := filepath.Join(dataDir, "cluster")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("DATA_DIR: %w", err)
	}
	out := &prefixed{w: os.Stdout}

	fmt.Println("building antom-checkout …")
	bin, err := cluster.Build(ctx, dir)
	if err != nil {
		return err
	}
	key := getenv("TOKEN_ENCRYPTION_KEY")
	if key == "" { // the sandbox-mode key `make run` keeps in DATA_DIR too
		if key, err = tokenKey(filepath.Join(dataDir, "token_encryption_key")); err != nil {
			return err
		}
	}
	databaseURL := getenv("DATABASE_URL")
	if databaseURL == "" {
		pg, err := cluster.StartPostgres(ctx, filepath.Join(dataDir, "postgres"), out.named("postgres"))
		if err != nil {
			return err
		}
		defer pg.Stop()
		databaseURL = pg.URL
	}
	c, err := cluster.Start(ctx, cluster.Config{
		Binary: bin, DataDir: dataDir, DatabaseURL: databaseURL, Size: size, TokenKey: key,
		PublicURL: publicURL, SandboxAddr: or(getenv("SANDBOX_ADDR"), "localhost:8081"),
		// As make run's, then the next ports: each instance its own.
		MetricsAddr: or(getenv("METRICS_ADDR"), "127.0.0.1:9091"),
		Env: append(os.Environ(), "TRUSTED_PROXIES=127.0.0.1", // haproxy runs here
			"MERCHANT_CONTACT="+or(getenv("MERCHANT_CONTACT"), "help@demo-shop.example")), // as make run's demo
		Logs: out.named,
	})
	if err != nil {
		return err
	}
	defer c.Stop()
	lb, err := cluster.StartHAProxy(ctx, dir, bindAddr(host, port), c.Instances, out.named("haproxy"))
	if err != nil {
		return err
	}
	defer lb.Stop(5 * time.Second)

	fmt.Printf("\ncheckout: %s (haproxy → %d instances)\n", publicURL, size)
	for i, inst := range c.Instances {
		fmt.Printf("  app%d: %s (metrics: %s)\n", i+1, inst.URL, inst.MetricsURL)
	}
	fmt.Printf("sandbox:  %s/sandbox/control\nCtrl-C stops everything.\n\n", c.SandboxURL)

	select {
	case <-ctx.Done():
		fmt.Println("\nstopping …")
		return nil
	case <-lb.Exited():
		return errors.New("haproxy exited; stopping")
	case <-c.Sandbox.Exited():
		return errors.New("the sandbox exited; stopping")
	}
}

// bindAddr is ADDR as haproxy binds it: a host name is looked up by
// haproxy, so localhost becomes the loopback address.
func bindAddr(host, port string) string {
	if host == "localhost" {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}

// tokenKey reads the instances' shared TOKEN_ENCRYPTION_KEY from path,
// creating it (32 random bytes, base64) the first time.
func tokenKey(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		return strings.TrimSpace(string(b)), nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	raw := make([]byte, 32)
	rand.Read(raw)
	key := base64.StdEncoding.EncodeToString(raw)
	return key, os.WriteFile(path, []byte(key+"\n"), 0o600)
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// prefixed writes each process's output line by line, its name in
// front, leaving out haproxy's health checks (one per instance a second)
// that passed.
type prefixed struct {
	mu sync.Mutex
	w  io.Writer
}

func (p *prefixed) named(name string) io.Writer {
	r, w := io.Pipe()
	go func() {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			if healthy(sc.Text()) {
				continue
			}
			p.mu.Lock()
			fmt.Fprintf(p.w, "%-8s| %s\n", name, sc.Text())
			p.mu.Unlock()
		}
		io.Copy(io.Discard, r)
	}()
	return w
}

// healthy reports an instance's log line of a /healthz check that passed.
func healthy(line string) bool {
	return strings.Contains(line, " route=/healthz ") && strings.Contains(line, " status=200 ")
}
