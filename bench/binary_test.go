package bench

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"antom-checkout/app/apptest"
)

// builtBinary builds the app once per test binary and returns its path.
var builtBinary = sync.OnceValues(func() (string, error) { return goBuild("antom-checkout", "antom-checkout") })

// goBuild builds package pkg as the file name in one directory per
// checkout of the repository, rebuilt (from Go's cache) each run, so that
// runs leave nothing behind but it, and returns its path.
func goBuild(pkg, name string) (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("antom-checkout-bench-%x", sha256.Sum256([]byte(wd)))[:len("antom-checkout-bench-")+12])
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	bin := filepath.Join(dir, name)
	cmd := exec.Command("go", "build", "-o", bin, pkg)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
}

// appProcess is a built binary, the app or the bare server, serving on
// loopback.
type appProcess struct {
	tb   testing.TB
	cmd  *exec.Cmd
	url  string
	env  []string
	done chan struct{}
}

// benchOrderLimits lifts the app's order limits (ORDERS_PER_VISITOR,
// ORDERS_PER_ADDRESS): a benchmark orders thousands of times from
// loopback.
var benchOrderLimits = [2]string{"ORDERS_PER_VISITOR=1000000", "ORDERS_PER_ADDRESS=1000000"}

// startApp is apptest.Start with the order limits lifted
// (benchOrderLimits): the app in this process, for the benchmarks that
// order through it.
func startApp(b *testing.B, env map[string]string) *apptest.Server {
	b.Helper()
	lifted := map[string]string{}
	for _, kv := range benchOrderLimits {
		k, v, _ := strings.Cut(kv, "=")
		lifted[k] = v
	}
	for k, v := range env {
		lifted[k] = v
	}
	return apptest.Start(b, lifted)
}

// binaryEnv is the environment of an app process: sandbox mode, its own
// DATA_DIR and ports, and databaseURL if set (else SQLite in DATA_DIR).
// BENCH_METRICS_ADDR becomes its METRICS_ADDR, to profile it under load:
//
//	go tool pprof 'http://127.0.0.1:9092/debug/pprof/profile?seconds=4'
func binaryEnv(tb testing.TB, dataDir, databaseURL string) []string {
	addr, sandbox := freeAddr(tb), freeAddr(tb)
	env := append(os.Environ(), "ADDR="+addr, "PUBLIC_URL=http://"+addr, "DATA_DIR="+dataDir,
		"SANDBOX_ADDR="+sandbox, "METRICS_ADDR="+os.Getenv("BENCH_METRICS_ADDR"), benchOrderLimits[0], benchOrderLimits[1])
	if databaseURL != "" {
		env = append(env, "DATABASE_URL="+databaseURL)
	}
	return env
}

// startBinary starts the built app with env and returns once /healthz
// answers 200, with how long that took from the process's start.
func startBinary(tb testing.TB, env []string) (*appProcess, time.Duration) {
	tb.Helper()
	return startBuilt(tb, builtBinary, env)
}

// startBuilt starts the binary built returns with env (its ADDR the
// address it serves on) and returns once /healthz is green (200, the
// gateway answering too), with how long that took from the process's
// start.
func startBuilt(tb testing.TB, built func() (string, error), env []string) (*appProcess, time.Duration) {
	tb.Helper()
	bin, err := built()
	if err != nil {
		tb.Fatal(err)
	}
	var addr string
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "ADDR="); ok {
			addr = v
		}
	}
	p := &appProcess{tb: tb, url: "http://" + addr, env: env, done: make(chan struct{})}
	p.cmd = exec.Command(bin)
	p.cmd.Env = env
	logf, err := os.Create(filepath.Join(tb.TempDir(), filepath.Base(bin)+".log"))
	if err != nil {
		tb.Fatal(err)
	}
	p.cmd.Stdout, p.cmd.Stderr = logf, logf
	start := time.Now()
	if err := p.cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	go func() { p.cmd.Wait(); logf.Close(); close(p.done) }()
	tb.Cleanup(p.stop)
	client := &http.Client{Timeout: time.Second}
	for {
		resp, err := client.Get(p.url + "/healthz")
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			// Green: 200 and not "degraded" (the gateway not answering
			// yet answers 200 too); the bare server's body is empty.
			if resp.StatusCode == http.StatusOK && !bytes.Contains(b, []byte(`"degraded"`)) {
				return p, time.Since(start)
			}
		}
		select {
		case <-p.done:
			log, _ := os.ReadFile(logf.Name())
			tb.Fatalf("%s exited before /healthz was green:\n%s", filepath.Base(bin), log)
		case <-time.After(time.Millisecond):
		}
		if time.Since(start) > 20*time.Second {
			tb.Fatal("/healthz not green within 20 s")
		}
	}
}

// stop sends SIGTERM and waits for the process to exit.
func (p *appProcess) stop() {
	select {
	case <-p.done:
		return
	default:
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(15 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
	}
}

// peakRSS returns the process's peak resident set size (VmHWM) in bytes.
func (p *appProcess) peakRSS() int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		p.tb.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				p.tb.Fatal(err)
			}
			return kb << 10
		}
	}
	p.tb.Fatal("no VmHWM in /proc/<pid>/status")
	return 0
}

// cpuTime returns the CPU time the process has used so far (user and
// system), in clock ticks of 10 ms.
func (p *appProcess) cpuTime() time.Duration {
	return pidCPU(p.tb, p.cmd.Process.Pid)
}

// pidCPU is the CPU time (user and system, all threads) process pid has
// used so far, from /proc, in 10 ms steps.
func pidCPU(tb testing.TB, pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		tb.Fatal(err)
	}
	// Fields after the command name, which ends with the last ')'.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

func freeAddr(tb testing.TB) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// wrkResult is what one wrk run measured.
type wrkResult struct {
	rate float64       // requests per second
	p99  time.Duration // latency
	non2 int           // answers other than 2xx/3xx, and socket errors
}

// runWrk loads url from wrk, a process of its own: 2 threads, conns
// connections, for d, with header lines (e.g. a Cookie) added.
func runWrk(tb testing.TB, url string, conns int, d time.Duration, headers ...string) wrkResult {
	tb.Helper()
	args := []string{"-t2", "-c" + strconv.Itoa(conns), "-d" + strconv.Itoa(int(d.Seconds())) + "s", "--latency"}
	for _, h := range headers {
		args = append(args, "-H", h)
	}
	ctx, cancel := context.WithTimeout(context.Background(), d+30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "wrk", append(args, url)...).CombinedOutput()
	if err != nil {
		tb.Fatalf("wrk: %v\n%s", err, out)
	}
	var r wrkResult
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 2 && f[0] == "Requests/sec:":
			r.rate, _ = strconv.ParseFloat(f[1], 64)
		case len(f) == 2 && f[0] == "99%":
			r.p99 = wrkDuration(tb, f[1])
		case len(f) >= 4 && f[0] == "Non-2xx":
			n, _ := strconv.Atoi(f[len(f)-1])
			r.non2 += n
		case len(f) > 2 && f[0] == "Socket" && f[1] == "errors:":
			for _, part := range strings.Split(strings.Join(f[2:], " "), ",") {
				var n int
				var what string
				fmt.Sscanf(strings.TrimSpace(part), "%s %d", &what, &n)
				r.non2 += n
			}
		}
	}
	if r.rate == 0 {
		tb.Fatalf("wrk printed no rate:\n%s", out)
	}
	return r
}

// wrkDuration reads wrk's latencies: 812.00us, 3.41ms, 1.02s.
func wrkDuration(tb testing.TB, s string) time.Duration {
	for _, unit := range []struct {
		suffix string
		d      time.Duration
	}{{"us", time.Microsecond}, {"ms", time.Millisecond}, {"s", time.Second}} {
		if v, ok := strings.CutSuffix(s, unit.suffix); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				tb.Fatalf("wrk latency %q", s)
			}
			return time.Duration(f * float64(unit.d))
		}
	}
	tb.Fatalf("wrk latency %q", s)
	return 0
}

// needWrk skips a benchmark that loads the app from wrk when wrk is
// missing.
func needWrk(b *testing.B) {
	if _, err := exec.LookPath("wrk"); err != nil {
		b.Skip("wrk is missing: apt-get install wrk")
	}
}
