// Command crash runs the built app and `antom-checkout sandbox` as
// processes, drives payments, refunds and link attempts, kills the app
// with SIGKILL again and again (at random moments and at exact points
// through the test-only TEST_CRASH_AT), restarts it each time, and checks
// every order against the sandbox's ledger (`make crash`; README.md,
// "Proof"). Its last line is
//
//	crash: K kills, N payments, D double charges, L lost, S stuck
//
// and it exits 1 unless D, L and S (and any mismatch, reported on the
// line before) are 0, 2 when the run could not be made.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"time"

	"antom-checkout/proof"
)

func main() {
	var o proof.CrashOptions
	flag.StringVar(&o.Binary, "bin", "", "the built antom-checkout binary (required)")
	flag.IntVar(&o.Jobs, "jobs", 300, "at least this many jobs (payments mostly; more while kills are due)")
	flag.IntVar(&o.Kills, "kills", 8, "how often the app is killed (at least 5)")
	flag.IntVar(&o.Concurrency, "concurrency", 6, "jobs at once")
	flag.Int64Var(&o.Seed, "seed", 1, "decides the jobs and the kills")
	flag.Float64Var(&o.TimeScale, "timescale", 0.05, "the sandbox's clocks (SANDBOX_TIME_SCALE)")
	flag.DurationVar(&o.Settle, "settle", 3*time.Minute, "deadline for everything to settle after the last restart")
	flag.StringVar(&o.Dir, "dir", "", "keep data, logs and the report here (default: a temporary directory, removed when all is 0)")
	flag.StringVar(&o.Report, "report", "crash-report.txt", "where the report goes when a figure is not 0")
	flag.Parse()
	o.Out, o.Command = os.Stdout, strings.Join(os.Args, " ")
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := proof.RunCrash(ctx, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if res.Mismatched > 0 {
		fmt.Printf("crash: %d mismatched (see %s)\n", res.Mismatched, res.Report)
	}
	fmt.Println(res.Line)
	if !res.Counts.Zero() || res.Kills < 5 {
		os.Exit(1)
	}
}
