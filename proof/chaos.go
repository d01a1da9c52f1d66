package proof

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/app"
	"antom-checkout/db"
)

// ChaosOptions size and shape a chaos run; zero values take the defaults.
type ChaosOptions struct {
	Wallet      int           // one-click wallet payments to drive
	Card        int           // card payments on the hosted page (half AUTOMATIC, half MANUAL)
	Concurrency int           // jobs at once (8)
	Seed        int64         // decides the jobs and the fault schedule (1)
	Faults      FaultMix      // nil → DefaultFaultMix
	Rounds      int           // how often the faults are re-armed (0 → once every 5 jobs)
	TimeScale   float64       // the sandbox's clocks (0.05: retries after 6 s, hosted pages expire after 42 s)
	Settle      time.Duration // deadline for everything to settle once the faults are off (3 min)
	Wait        time.Duration // how long a buyer waits on the result page (5 s)
	Dir         string        // data, logs and report; "" → a temporary directory, removed when all is 0
	Report      string        // the report's path ("" → Dir/chaos-report.txt)
	Command     string        // how the run was started, for the report
	Out         io.Writer     // progress and the final line (nil → discarded)
	Progress    time.Duration // between progress lines (2 s)
}

func (o ChaosOptions) withDefaults() ChaosOptions {
	o.Concurrency = or(o.Concurrency, 8)
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Faults == nil {
		o.Faults = DefaultFaultMix()
	}
	if o.Rounds == 0 {
		o.Rounds = max((o.Wallet+o.Card)/5, 1)
	}
	if o.TimeScale == 0 {
		o.TimeScale = 0.05
	}
	o.Settle = or(o.Settle, 3*time.Minute)
	o.Wait = or(o.Wait, 5*time.Second)
	o.Progress = or(o.Progress, 2*time.Second)
	if o.Out == nil {
		o.Out = io.Discard
	}
	return o
}

// or returns v, or def when v is zero.
func or[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// Result is what a run found.
type Result struct {
	Payments int
	Counts
	// StaffMoves is what staff's acts left at Antom (the sandbox's
	// ledger): refunds, captures staff sent (not Antom's automatic ones)
	// and voided authorizations — the proof of staff's forms reaching
	// Antom through their confirmations, not stopping at them.
	StaffMoves StaffMoves
	Kills      int
	Lives      []string // crash: how each life of the app ended
	// CallsAfterCaller (crash) is how many calls the sandbox did to
	// their end after their caller, a life of the app, had died: payments
	// and refunds made that the app never heard of from their answers.
	CallsAfterCaller int
	Elapsed          time.Duration
	Line             string // the final line
	Report           string // the report's path, written when a figure is not 0
}

// RunChaos runs the sandbox and the app in this process on loopback and
// drives them through HTTP with faults on (see the package doc), then
// compares. The error is for a run that could not be made; what it found
// is in the Result.
func RunChaos(ctx context.Context, o ChaosOptions) (Result, error) {
	o = o.withDefaults()
	start := time.Now()
	dir, keep, err := workDir(o.Dir, "chaos")
	if err != nil {
		return Result{}, err
	}
	log, closeLog, err := logTo(dir, "chaos.log")
	if err != nil {
		return Result{}, err
	}
	defer closeLog()
	sb, err := startSandbox(ctx, dir, o.TimeScale, log.With("component", "sandbox"))
	if err != nil {
		return Result{}, err
	}
	defer sb.stop()
	a, err := startApp(ctx, dir, "127.0.0.1:0", sb.url, app.CaptureAutomatic, log)
	if err != nil {
		return Result{}, err
	}
	defer func() { a.stop() }()
	database, err := db.Open(ctx, filepath.Join(dir, "checkout.db"))
	if err != nil {
		return Result{}, err
	}
	defer database.Close()

	w := newWorld(a.url, sb.url, o.Wait)
	fmt.Fprintf(o.Out, "chaos: app %s, sandbox %s, data in %s; seed %d, faults %s\n", a.url, sb.url, dir, o.Seed, o.Faults)
	public, _ := url.Parse(a.url)
	if err := w.setUp(ctx, app.FirstStaffEmail(public)); err != nil {
		return Result{}, fmt.Errorf("chaos: set-up: %w", err)
	}
	plan := planWorkload(o.Seed, o.Wallet, o.Card, len(w.buyers))
	jobs := len(plan.automatic) + len(plan.manual)
	arm := w.armer(ctx, schedule(o.Seed, o.Rounds, o.Faults), jobs)
	progressCtx, stopProgress := context.WithCancel(ctx)
	var progress sync.WaitGroup
	progress.Go(func() { w.reportProgress(progressCtx, o.Out, "chaos", jobs, o.Progress) })
	defer func() { stopProgress(); progress.Wait() }()

	w.runJobs(ctx, plan.automatic, o.Concurrency, arm)
	w.story.add("run", "restarting the app with CAPTURE_MODE=MANUAL")
	fmt.Fprintln(o.Out, "chaos: restarting the app with CAPTURE_MODE=MANUAL")
	if err := a.stop(); err != nil {
		return Result{}, fmt.Errorf("chaos: stop the app: %w", err)
	}
	if a, err = startApp(ctx, dir, strings.TrimPrefix(w.app, "http://"), sb.url, app.CaptureManual, log); err != nil {
		return Result{}, fmt.Errorf("chaos: restart the app: %w", err)
	}
	w.forgetConnections()
	w.runJobs(ctx, plan.manual, o.Concurrency, arm)
	stopProgress()
	progress.Wait()
	fmt.Fprintln(o.Out, w.progressLine(ctx, "chaos", jobs))

	res, err := w.finish(ctx, finishing{name: "chaos", out: o.Out, settle: o.Settle, clientID: sb.clientID,
		database: database, stopApp: a.stop, start: start, report: or(o.Report, filepath.Join(dir, "chaos-report.txt")), log: filepath.Join(dir, "chaos.log"),
		header: []string{"command: " + o.Command, fmt.Sprintf("options: %+v", o.summary()), "data: " + dir}})
	if err == nil && res.Counts.Zero() && w.n.appErrors.Load() == 0 && !keep {
		os.RemoveAll(dir)
	}
	return res, err
}

// summary is the options as the report shows them.
func (o ChaosOptions) summary() string {
	return fmt.Sprintf("wallet=%d card=%d concurrency=%d seed=%d faults=%s rounds=%d timescale=%g settle=%s wait=%s",
		o.Wallet, o.Card, o.Concurrency, o.Seed, o.Faults, o.Rounds, o.TimeScale, o.Settle, o.Wait)
}

// armer returns the hook that re-arms the faults: round k of the schedule
// before job k×jobs/rounds, so that the schedule is spread over the run.
func (w *world) armer(ctx context.Context, rounds []faultRound, jobs int) func(n int) {
	every := max(jobs/max(len(rounds), 1), 1)
	return func(n int) {
		k := (n - 1) / every
		if (n-1)%every != 0 || k >= len(rounds) {
			return
		}
		if _, err := w.control.SetFaults(ctx, rounds[k].doc); err != nil {
			w.story.add("run", "job %d: could not set faults: %v", n, err)
			return
		}
		w.story.add("run", "job %d: faults: %s", n, rounds[k].desc)
	}
}

// runJobs runs jobs, concurrency at a time; before is called with each
// job's number just before it is handed out.
func (w *world) runJobs(ctx context.Context, jobs []job, concurrency int, before func(n int)) {
	ch := make(chan job)
	var wg sync.WaitGroup
	for range concurrency {
		wg.Go(func() {
			for j := range ch {
				w.run(ctx, j)
			}
		})
	}
	defer func() { close(ch); wg.Wait() }()
	for _, j := range jobs {
		before(j.n)
		select {
		case ch <- j:
		case <-ctx.Done():
			return
		}
	}
}

// workDir returns dir (made if missing), or a new temporary directory;
// keep is true for a directory the caller named.
func workDir(dir, name string) (string, bool, error) {
	if dir != "" {
		return dir, true, os.MkdirAll(dir, 0o700)
	}
	d, err := os.MkdirTemp("", name+"-")
	return d, false, err
}

// ledgerOf reads the sandbox's ledger for clientID.
func (w *world) ledgerOf(ctx context.Context, clientID string) (sandbox.Ledger, error) {
	return w.control.Ledger(ctx, clientID)
}
