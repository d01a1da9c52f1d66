package app

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// With DATA_DIR unset, the app, the sandbox on its own and staff reset
// use the same directory, DefaultDataDir (relative to where they run):
// the sandbox writes the credentials the app reads there, and staff reset
// opens the database the app made there. The default was written out in
// each of the three.
func TestDataDirDefaultIsOneForEveryCommand(t *testing.T) {
	t.Chdir(t.TempDir())
	unset := func(string) string { return "" }
	c, err := Load(unset)
	if err != nil {
		t.Fatal(err)
	}
	s, err := LoadSandbox(unset)
	if err != nil {
		t.Fatal(err)
	}
	err = StaffCommand([]string{"reset", "admin@shop.example"})(context.Background(), unset, io.Discard)
	want := filepath.Join(DefaultDataDir, "checkout.db")
	if c.DataDir != DefaultDataDir || s.DataDir != DefaultDataDir || err == nil || !strings.Contains(err.Error(), "no database at "+want+" ") {
		t.Fatalf("DATA_DIR unset: the app %q, the sandbox %q, staff reset %v; want %q", c.DataDir, s.DataDir, err, DefaultDataDir)
	}
	if DefaultDataDir != "data" { // README: Configuration
		t.Fatalf("DefaultDataDir %q, README says data", DefaultDataDir)
	}
}
