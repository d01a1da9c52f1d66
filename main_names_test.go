package main

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMisspeltSettingStopsTheStart: a setting's name misspelt in the
// environment (DATABSE_URL) is not read: the start went on with SQLite in
// DATA_DIR, an instance of its own beside the others on PostgreSQL. It
// stops instead, naming it and the setting meant, exit status 1, nothing
// written, the value never printed; the sandbox on its own checks too.
func TestMisspeltSettingStopsTheStart(t *testing.T) {
	for _, args := range []string{"", "sandbox"} {
		dataDir := filepath.Join(t.TempDir(), "data")
		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second) // a start that is not stopped serves until killed
		defer cancel()
		cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "CHECKOUT_TEST_MAIN=1", "CHECKOUT_TEST_ARGS="+args, "DATA_DIR="+dataDir,
			"ADDR=127.0.0.1:0", "SANDBOX_ADDR=127.0.0.1:0", "DATABSE_URL=postgres://checkout:s3cret@db.example/checkout")
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Fatalf("%q: want exit status 1, got %v (%s)", args, err, stderr.String())
		}
		want := "config: DATABSE_URL: not a setting of this app; did you mean DATABASE_URL? Rename it (README: Configuration)"
		if got := strings.TrimSpace(stderr.String()); got != want {
			t.Errorf("%q: stderr = %q", args, got)
		}
		if _, err := os.Stat(dataDir); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%q: DATA_DIR touched: %v", args, err)
		}
	}
}
