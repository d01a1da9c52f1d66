package proof

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/app"
	"antom-checkout/db"
	"antom-checkout/internal/freeport"
)

// CrashOptions size and shape a crash run; zero values take the defaults.
type CrashOptions struct {
	Binary      string        // the built antom-checkout binary (required)
	Jobs        int           // at least this many jobs (payments, mostly); more while kills are still due (300)
	Kills       int           // how often the app is killed; at least 5 (8)
	Concurrency int           // jobs at once (6)
	Seed        int64         // decides the jobs and the kills (1)
	TimeScale   float64       // the sandbox's clocks (0.05)
	Settle      time.Duration // deadline for everything to settle after the last restart (3 min)
	Wait        time.Duration // how long a buyer waits on the result page (5 s)
	Dir         string        // data, logs and report; "" → a temporary directory, removed when all is 0
	Report      string        // the report's path ("" → Dir/crash-report.txt)
	Command     string        // how the run was started, for the report
	Out         io.Writer     // progress and the final line (nil → discarded)
	Progress    time.Duration // between progress lines (2 s)
}

// minKills is the fewest kills a run makes.
const minKills = 5

func (o CrashOptions) withDefaults() CrashOptions {
	o.Jobs = or(o.Jobs, 300)
	o.Kills = max(or(o.Kills, 8), minKills)
	o.Concurrency = or(o.Concurrency, 6)
	o.Seed = or(o.Seed, 1)
	o.TimeScale = or(o.TimeScale, 0.05)
	o.Settle = or(o.Settle, 3*time.Minute)
	o.Wait = or(o.Wait, 5*time.Second)
	o.Progress = or(o.Progress, 2*time.Second)
	if o.Out == nil {
		o.Out = io.Discard
	}
	return o
}

// crashRun is a crash run's processes and settings.
type crashRun struct {
	o          CrashOptions
	dir        string
	appAddr    string
	sandboxURL string
	w          *world

	lives []string // how each life ended

	mu      sync.Mutex
	app     *proc // the app's current life
	logFrom int64 // where its life's lines begin in app.log
}

// RunCrash runs `antom-checkout sandbox` and the app as processes of
// their own, drives them through HTTP and kills the app with SIGKILL
// o.Kills times — from outside at random moments and, through
// TEST_CRASH_AT, at exact points — restarting it each time; then it lets
// everything settle and compares (see the package doc).
func RunCrash(ctx context.Context, o CrashOptions) (res Result, err error) {
	o = o.withDefaults()
	start := time.Now()
	if o.Binary == "" {
		return Result{}, errors.New("crash: the antom-checkout binary is required")
	}
	dir, keep, err := workDir(o.Dir, "crash")
	if err != nil {
		return Result{}, err
	}
	r := &crashRun{o: o, dir: dir}
	sb, err := r.startSandbox(ctx)
	if err != nil {
		return Result{}, err
	}
	defer sb.stop()
	creds, err := sandbox.ReadCredentials(filepath.Join(dir, "sandbox"))
	if err != nil {
		return Result{}, err
	}
	if r.appAddr, err = freeport.Addr(); err != nil {
		return Result{}, err
	}
	if err := r.startApp(ctx, ""); err != nil {
		return Result{}, err
	}
	defer func() { r.current().stop() }()
	database, err := db.Open(ctx, filepath.Join(dir, "checkout.db"))
	if err != nil {
		return Result{}, err
	}
	defer database.Close()

	r.w = newWorld("http://"+r.appAddr, r.sandboxURL, o.Wait)
	r.w.waitUp = func(ctx context.Context) error { return waitHTTP(ctx, r.w.app+"/healthz", time.Minute) }
	fmt.Fprintf(o.Out, "crash: app %s (pid %d), sandbox %s, data in %s; seed %d, %d kills\n",
		r.w.app, r.current().cmd.Process.Pid, r.sandboxURL, dir, o.Seed, o.Kills)
	public, _ := url.Parse(r.w.app)
	if err := r.w.setUp(ctx, app.FirstStaffEmail(public)); err != nil {
		return Result{}, fmt.Errorf("crash: set-up: %w", err)
	}
	kills, err := r.drive(ctx)
	if err != nil {
		return Result{}, err
	}
	defer func() { res.Lives = r.lives }()
	res, err = r.w.finish(ctx, finishing{name: "crash", out: o.Out, settle: o.Settle, clientID: creds.ClientID,
		database: database, stopApp: func() error { return r.current().stop() }, start: start, kills: kills,
		report: or(o.Report, filepath.Join(dir, "crash-report.txt")),
		header: []string{"command: " + o.Command, fmt.Sprintf("options: %+v", o.summary()), "data and logs: " + dir}})
	res.CallsAfterCaller = r.callsDoneAfterCaller()
	fmt.Fprintf(o.Out, "crash: the sandbox did %d calls to their end after the app that sent them had died\n", res.CallsAfterCaller)
	if err == nil && res.Counts.Zero() && !keep {
		os.RemoveAll(dir)
	}
	return res, err
}

// summary is the options as the report shows them.
func (o CrashOptions) summary() string {
	return fmt.Sprintf("jobs=%d kills=%d concurrency=%d seed=%d timescale=%g settle=%s wait=%s",
		o.Jobs, o.Kills, o.Concurrency, o.Seed, o.TimeScale, o.Settle, o.Wait)
}

// drive runs the jobs while the kills happen, and returns how many kills
// there were once both are done and the app runs for good.
func (r *crashRun) drive(ctx context.Context) (int, error) {
	killsDone := make(chan struct{})
	var kills int
	var killErr error
	go func() {
		defer close(killsDone)
		kills, killErr = r.killAll(ctx, planKills(r.o.Seed, r.o.Kills))
	}()
	progressCtx, stopProgress := context.WithCancel(ctx)
	var progress sync.WaitGroup
	progress.Go(func() { r.w.reportProgress(progressCtx, r.o.Out, "crash", 0, r.o.Progress) })
	next := crashJobs(r.o.Seed, len(r.w.buyers))
	jobs := make(chan job)
	var workers sync.WaitGroup
	for range r.o.Concurrency {
		workers.Go(func() {
			for j := range jobs {
				r.w.run(ctx, j)
			}
		})
	}
	for n := 1; ; n++ {
		if n > r.o.Jobs && isClosed(killsDone) || ctx.Err() != nil {
			break
		}
		jobs <- next(n)
	}
	close(jobs)
	workers.Wait()
	<-killsDone
	stopProgress()
	progress.Wait()
	fmt.Fprintln(r.o.Out, r.w.progressLine(ctx, "crash", 0))
	return kills, killErr
}

// isClosed reports whether ch is closed.
func isClosed(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// startSandbox starts `antom-checkout sandbox` and waits for it.
func (r *crashRun) startSandbox(ctx context.Context) (*proc, error) {
	addr, err := freeport.Addr()
	if err != nil {
		return nil, err
	}
	r.sandboxURL = "http://" + addr
	p, err := startProc(r.o.Binary, []string{"sandbox"}, []string{"DATA_DIR=" + r.dir, "SANDBOX_ADDR=" + addr,
		fmt.Sprintf("SANDBOX_TIME_SCALE=%g", r.o.TimeScale)}, filepath.Join(r.dir, "sandbox.log"))
	if err != nil {
		return nil, err
	}
	if err := p.waitReady(ctx, r.sandboxURL+"/sandbox/control/merchants.json", 30*time.Second); err != nil {
		p.stop()
		return nil, fmt.Errorf("crash: sandbox: %w", err)
	}
	return p, nil
}

// startApp starts a new life of the app, killing itself at point
// (TEST_CRASH_AT) if set, and waits until it answers.
func (r *crashRun) startApp(ctx context.Context, point string) error {
	env := []string{"ADDR=" + r.appAddr, "PUBLIC_URL=http://" + r.appAddr, "DATA_DIR=" + r.dir,
		"SANDBOX_URL=" + r.sandboxURL, "ADMIN_PASSWORD=" + staffPassword, proofOrderLimits[0], proofOrderLimits[1],
		fmt.Sprintf("SANDBOX_TIME_SCALE=%g", r.o.TimeScale)} // the sandbox's: QR codes and the app's wait for them end together
	if point != "" {
		env = append(env, "TEST_CRASH_AT="+point)
	}
	logPath := filepath.Join(r.dir, "app.log")
	var from int64
	if fi, err := os.Stat(logPath); err == nil {
		from = fi.Size()
	}
	p, err := startProc(r.o.Binary, nil, env, logPath)
	if err != nil {
		return err
	}
	r.mu.Lock()
	r.app, r.logFrom = p, from
	r.mu.Unlock()
	if err := p.waitReady(ctx, "http://"+r.appAddr+"/healthz", 30*time.Second); err != nil && !p.sigkilled() {
		return fmt.Errorf("crash: app: %w", err)
	}
	return nil
}

// current is the app's current life.
func (r *crashRun) current() *proc {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.app
}
