package bench

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// builtBare builds the benchmarks' floor, bench/internal/bare, once per
// test binary, beside builtBinary's app, and returns its path.
var builtBare = sync.OnceValues(func() (string, error) { return goBuild("antom-checkout/bench/internal/bare", "bare") })

// startBare starts the bare server on a free port of its own, reading
// the sandbox's credentials from dataDir (an app's DATA_DIR, the app
// started there before) and, when page is set, answering every other GET
// with it as ctype. It returns once /healthz answers 200, with how long
// that took from the process's start; it is stopped when the benchmark
// ends, if not before.
func startBare(tb testing.TB, dataDir string, page []byte, ctype string) (*appProcess, time.Duration) {
	tb.Helper()
	env := append(os.Environ(), "ADDR="+freeAddr(tb), "DATA_DIR="+dataDir)
	if page != nil {
		file := filepath.Join(tb.TempDir(), "page")
		if err := os.WriteFile(file, page, 0o600); err != nil {
			tb.Fatal(err)
		}
		env = append(env, "PAGE_FILE="+file, "PAGE_TYPE="+ctype)
	}
	return startBuilt(tb, builtBare, env)
}
