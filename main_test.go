package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestMain lets a test run the real main() in a child process.
func TestMain(m *testing.M) {
	if os.Getenv("CHECKOUT_TEST_MAIN") == "1" {
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

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
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
