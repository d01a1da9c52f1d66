package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"antom-checkout/internal/freeport"
	"antom-checkout/internal/syncbuf"
)

// TestMain lets a test run the real main() in a child process.
func TestMain(m *testing.M) {
	if os.Getenv("CHECKOUT_TEST_MAIN") == "1" {
		// The child's arguments are CHECKOUT_TEST_ARGS, not the test flags.
		os.Args = append(os.Args[:1], strings.Fields(os.Getenv("CHECKOUT_TEST_ARGS"))...)
		main()
		return
	}
	os.Exit(m.Run())
}

func TestBadConfigStopsTheStartNamingTheSetting(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "CHECKOUT_TEST_MAIN=1", "DATA_DIR="+t.TempDir(), "CAPTURE_MODE=SOMETIMES")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() == 0 {
		t.Fatalf("want a non-zero exit, got %v", err)
	}
	if got := strings.TrimSpace(stderr.String()); got != "config: CAPTURE_MODE: must be AUTOMATIC or MANUAL" {
		t.Fatalf("stderr = %q", got)
	}
}

// A bad setting stops the start with one line naming it, before anything
// is written: no database, no sandbox keys, no first staff account (whose
// one-time password, printed by a start that then failed, would be lost).
// Ports are opened and ADMIN_PASSWORD and the database checked first.
func TestBadSettingStopsTheStartBeforeWritingAnything(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	busy := taken.Addr().String()
	closedPort := freeAddr(t) // nothing listens there
	for _, tc := range []struct {
		name   string
		env    map[string]string
		prefix string // of the one line returned
	}{
		{"METRICS_ADDR invalid port", map[string]string{"METRICS_ADDR": "127.0.0.1:99999"}, "METRICS_ADDR: listen tcp: address 99999: invalid port"},
		{"METRICS_ADDR taken", map[string]string{"METRICS_ADDR": busy}, "METRICS_ADDR: listen tcp " + busy},
		{"SANDBOX_ADDR taken", map[string]string{"SANDBOX_ADDR": busy}, "SANDBOX_ADDR: listen tcp " + busy},
		{"ADDR taken", map[string]string{"ADDR": busy}, "ADDR: listen tcp " + busy},
		{"ADMIN_PASSWORD short", map[string]string{"ADMIN_PASSWORD": "short"}, "config: ADMIN_PASSWORD: Use at least 12 characters, or 8 Chinese characters (kanji) or Korean syllables, which count as 1½ each."},
		{"DATABASE_URL unreachable", map[string]string{"DATABASE_URL": "postgres://checkout:pw@" + closedPort + "/checkout?connect_timeout=5"}, "DATABASE_URL: cannot connect ("},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dataDir := filepath.Join(t.TempDir(), "data")
			env := map[string]string{"ADDR": freeAddr(t), "SANDBOX_ADDR": freeAddr(t), "METRICS_ADDR": freeAddr(t), "DATA_DIR": dataDir}
			for k, v := range tc.env {
				env[k] = v
			}
			var logs bytes.Buffer
			err := run(t.Context(), func(k string) string { return env[k] }, &logs)
			if err == nil {
				t.Fatal("the start did not stop")
			}
			if msg := err.Error(); !strings.HasPrefix(msg, tc.prefix) || strings.Contains(msg, "\n") {
				t.Errorf("error %q, want one line starting %q", msg, tc.prefix)
			}
			if logs.Len() > 0 {
				t.Errorf("a start that failed logged:\n%s", logs.String())
			}
			if _, err := os.Stat(dataDir); !errors.Is(err, fs.ErrNotExist) {
				files, _ := filepath.Glob(dataDir + "/*")
				t.Errorf("DATA_DIR touched: %v %v", err, files)
			}
			for name, addr := range map[string]string{"ADDR": env["ADDR"], "SANDBOX_ADDR": env["SANDBOX_ADDR"]} {
				if addr == busy {
					continue
				}
				ln, err := net.Listen("tcp", addr)
				if err != nil {
					t.Fatalf("%s still held after the failed start: %v", name, err)
				}
				ln.Close()
			}
		})
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	addr, err := freeport.Addr()
	if err != nil {
		t.Fatal(err)
	}
	return addr
}

// TestRunOnSandbox starts what `make run` starts, checks /healthz, stops
// it with its context, and starts it again on the same DATA_DIR: the
// sandbox credentials survive.
func TestRunOnSandbox(t *testing.T) {
	dataDir := t.TempDir()
	for round := 0; round < 2; round++ {
		addr, sandboxAddr := freeAddr(t), freeAddr(t)
		env := map[string]string{"ADDR": addr, "SANDBOX_ADDR": sandboxAddr, "DATA_DIR": dataDir}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		var logs bytes.Buffer
		go func() { done <- run(ctx, func(k string) string { return env[k] }, &logs) }()

		health := waitHealthy(t, "http://"+addr+"/healthz", done)
		if health["status"] != "ok" {
			t.Fatalf("round %d: health %v", round, health)
		}
		cancel()
		if err := <-done; err != nil {
			t.Fatalf("round %d: run returned %v", round, err)
		}
	}
	id, err := os.ReadFile(dataDir + "/sandbox/client_id")
	if err != nil || !strings.HasPrefix(string(id), "SANDBOX_") {
		t.Fatalf("client id file: %q %v", id, err)
	}
}

// waitHealthy polls until the server answers 200 or run ends.
func waitHealthy(t *testing.T, url string, done <-chan error) map[string]any {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("run ended early: %v", err)
		default:
		}
		resp, err := http.Get(url)
		if err == nil {
			var body map[string]any
			json.NewDecoder(resp.Body).Decode(&body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return body
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("not healthy within 30 s")
	return nil
}

// SIGTERM (a process manager, `kill`) or SIGINT (Ctrl-C) with a long-poll
// open: the poll answers at once with the state it has, the process logs
// "stopped" and exits 0, and every port it had can be bound again at once
// (an immediate restart does not fail with "address already in use").
func TestSignalStopsPromptlyAndFreesThePorts(t *testing.T) {
	for _, sig := range []os.Signal{syscall.SIGTERM, os.Interrupt} {
		t.Run(sig.String(), func(t *testing.T) { stopBySignal(t, sig, 1) })
	}
	// A process manager's SIGTERM sent twice still stops gracefully
	// (signals_test.go has the rule; this, that main uses it).
	t.Run("terminated twice", func(t *testing.T) { stopBySignal(t, syscall.SIGTERM, 2) })
}

func stopBySignal(t *testing.T, sig os.Signal, times int) {
	addrs := map[string]string{"ADDR": freeAddr(t), "SANDBOX_ADDR": freeAddr(t), "METRICS_ADDR": freeAddr(t)}
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "CHECKOUT_TEST_MAIN=1", "DATA_DIR="+t.TempDir())
	for k, v := range addrs {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stderr syncbuf.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-done
		}
	}()
	base := "http://" + addrs["ADDR"]
	waitHealthy(t, base+"/healthz", done)

	// A guest's order and its result page's long-poll, held open.
	jar, _ := cookiejar.New(nil)
	guest := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := guest.PostForm(base+"/orders", url.Values{"product": {"coffee"}, "quantity": {"1"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	ref := strings.TrimPrefix(resp.Header.Get("Location"), "/checkout/")
	first := pollStatus(t, guest, base+"/orders/"+ref+"/status?seen=none")
	state := first.Status
	answered := make(chan orderState, 1)
	go func() {
		answered <- pollStatus(t, guest, base+"/orders/"+ref+"/status?seen="+url.QueryEscape(first.Key))
	}()
	waitForMetric(t, "http://"+addrs["METRICS_ADDR"]+"/metrics", "checkout_longpolls_waiting 1")

	if err := cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	// Generous: the old shutdown held the poll for 10 s and then failed
	// it; now it answers as soon as the signal is handled.
	select {
	case got := <-answered:
		if got.code != http.StatusOK || got.Status != state {
			t.Fatalf("long-poll answered %d %q, want 200 %q", got.code, got.Status, state)
		}
	case <-time.After(8 * time.Second):
		t.Fatal("the long-poll was still open 8 s after the signal")
	}
	if times == 2 { // the first is handled: the poll answered; a process already gone is fine
		if err := cmd.Process.Signal(sig); err != nil && !errors.Is(err, os.ErrProcessDone) {
			t.Fatal(err)
		}
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit: %v\n%s", err, stderr.String())
		}
	case <-time.After(8 * time.Second):
		t.Fatalf("still running 8 s after the signal\n%s", stderr.String())
	}
	if !strings.Contains(stderr.String(), "msg=stopped") {
		t.Fatalf("no \"stopped\" in the log:\n%s", stderr.String())
	}
	for name, addr := range addrs {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			t.Fatalf("%s after exit: %v", name, err)
		}
		ln.Close()
	}
}

type orderState struct {
	code   int
	Status string `json:"status"`
	Key    string `json:"key"` // what the page sends back as seen=
}

// pollStatus asks the order status long-poll; a transport error counts as
// code 0.
func pollStatus(t *testing.T, c *http.Client, url string) orderState {
	resp, err := c.Get(url)
	if err != nil {
		t.Log(err)
		return orderState{}
	}
	defer resp.Body.Close()
	s := orderState{code: resp.StatusCode}
	json.NewDecoder(resp.Body).Decode(&s)
	return s
}

// waitForMetric scrapes until a line of the exposition equals line.
func waitForMetric(t *testing.T, url, line string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url); err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if slices.Contains(strings.Split(string(body), "\n"), line) {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no %q in %s within 10 s", line, url)
}
