// Command chaos drives the checkout through HTTP while the Antom sandbox
// fails on purpose, then checks every order against the sandbox's ledger
// (`make chaos`; README.md, "Proof"). Its last line is
//
//	chaos: N payments, D double charges, L lost, S stuck, M mismatched (T s)
//
// and it exits 1 unless D, L, S and M are all 0 (2 when the run could not
// be made).
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
	var o proof.ChaosOptions
	faults := flag.String("faults", proof.DefaultFaultMix().String(), "fault mix: kind=weight,… (kinds: unknown, drop, 5xx, latency, not-found, no-page, notify-drop, notify-dup, notify-reorder, notify-badsig), or none")
	flag.IntVar(&o.Wallet, "wallet", 1000, "one-click wallet payments")
	flag.IntVar(&o.Card, "card", 200, "card payments on the hosted page (half with CAPTURE_MODE=MANUAL)")
	flag.IntVar(&o.Concurrency, "concurrency", 8, "jobs at once")
	flag.Int64Var(&o.Seed, "seed", 1, "decides the jobs and the fault schedule; the same seed, the same schedule")
	flag.IntVar(&o.Rounds, "rounds", 0, "how often the faults are re-armed (0: once every 5 jobs)")
	flag.Float64Var(&o.TimeScale, "timescale", 0.05, "the sandbox's clocks (notification retries, expiries)")
	flag.DurationVar(&o.Settle, "settle", 3*time.Minute, "deadline for everything to settle once the faults are off")
	flag.StringVar(&o.Dir, "dir", "", "keep data, logs and the report here (default: a temporary directory, removed when all is 0)")
	flag.StringVar(&o.Report, "report", "chaos-report.txt", "where the report goes when a figure is not 0")
	flag.Parse()
	mix, err := proof.ParseFaultMix(*faults)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	o.Faults, o.Out, o.Command = mix, os.Stdout, strings.Join(os.Args, " ")
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	res, err := proof.RunChaos(ctx, o)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	fmt.Println(res.Line)
	if !res.Counts.Zero() {
		os.Exit(1)
	}
}
