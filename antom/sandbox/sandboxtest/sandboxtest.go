// Package sandboxtest gives each test a sandbox data directory holding
// credentials made once per test binary. sandbox.Provision makes two
// 2048-bit RSA keys for an empty directory, about half a second on our
// 2-core CI machines; a test binary that starts a sandbox per test would
// spend minutes on keys no test tells apart.
package sandboxtest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"antom-checkout/antom/sandbox"
)

// Provision writes this test binary's sandbox credential files into dir
// (created when missing; a directory holding some of them keeps its own,
// which sandbox.Provision completes) and returns what
// sandbox.Provision reads back from them. Every call in one binary yields
// the same client id and keys; each directory is a test's own.
func Provision(tb testing.TB, dir string) sandbox.Credentials {
	tb.Helper()
	files, err := provisioned()
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		tb.Fatal(err)
	}
	// All of the binary's files, or none: a directory holding some
	// already keeps its own, which sandbox.Provision completes (never
	// one key of one set beside one of another).
	some := false
	for name := range files {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			some = true
		}
	}
	for name, content := range files {
		if some {
			break
		}
		if err := os.WriteFile(filepath.Join(dir, name), content, 0o600); err != nil {
			tb.Fatal(err)
		}
	}
	creds, err := sandbox.Provision(dir)
	if err != nil {
		tb.Fatal(err)
	}
	return creds
}

// provisioned returns the files sandbox.Provision made, once, in a
// directory of its own, by name.
var provisioned = sync.OnceValues(func() (map[string][]byte, error) {
	dir, err := os.MkdirTemp("", "sandboxtest-")
	if err != nil {
		return nil, fmt.Errorf("sandboxtest: %w", err)
	}
	defer os.RemoveAll(dir)
	if _, err := sandbox.Provision(dir); err != nil {
		return nil, fmt.Errorf("sandboxtest: %w", err)
	}
	files := map[string][]byte{}
	err = fs.WalkDir(os.DirFS(dir), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(filepath.Join(dir, name))
		files[name] = b
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sandboxtest: %w", err)
	}
	return files, nil
})
