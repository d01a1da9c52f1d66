package proof

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// finishing is how a run ends: what to settle, stop and compare.
type finishing struct {
	name     string // "chaos" or "crash"
	out      io.Writer
	settle   time.Duration
	clientID string
	database *db.DB
	stopApp  func() error
	start    time.Time
	report   string
	header   []string
	kills    int
	log      string // the app's log file, whose errors are shown when the app failed a request ("" → none)
}

// finish turns the faults off, waits for both sides to settle (up to the
// deadline), reads what each buyer's page says, stops the app, compares
// the books with the ledger and writes the report when a figure is not 0.
func (w *world) finish(ctx context.Context, f finishing) (Result, error) {
	if _, err := w.control.SetFaults(ctx, sandbox.FaultsDoc{Reset: true}); err != nil {
		return Result{}, fmt.Errorf("%s: faults off: %w", f.name, err)
	}
	fmt.Fprintf(f.out, "%s: faults off; the reconciler has up to %s to settle everything\n", f.name, f.settle)
	w.story.add("run", "faults off; settling")
	read := func(ctx context.Context) (db.Books, sandbox.Ledger, error) {
		b, err := f.database.ReadBooks(ctx)
		if err != nil {
			return b, sandbox.Ledger{}, err
		}
		l, err := w.ledgerOf(ctx, f.clientID)
		return b, l, err
	}
	ok, err := waitSettled(ctx, read, f.settle, func(left []string) {
		fmt.Fprintf(f.out, "%s: settling: %d in flight (%s)\n", f.name, len(left), strings.Join(left[:min(len(left), 3)], ", "))
	})
	if err != nil {
		return Result{}, err
	}
	w.story.add("run", "settled: %v", ok)
	shown, err := w.shown(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", f.name, err)
	}
	if err := f.stopApp(); err != nil {
		w.story.add("run", "stopping the app: %v", err)
	}
	books, ledger, err := read(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("%s: read both sides: %w", f.name, err)
	}
	findings := Compare(books, ledger, shown)
	res := Result{Payments: int(w.n.payments.Load()), Counts: Count(findings), StaffMoves: staffMovesIn(ledger), Kills: f.kills, Elapsed: time.Since(f.start)}
	res.Line = res.line(f.name)
	m := res.StaffMoves
	fmt.Fprintf(f.out, "%s: staff's acts at Antom: %d refunds, %d captures, %d voids\n", f.name, m.Refunds, m.Captures, m.Voids)
	if e := w.n.appErrors.Load(); e > 0 {
		fmt.Fprintf(f.out, "%s: the app failed %d requests (HTTP 5xx or no usable page); their stories:\n", f.name, e)
		for _, key := range w.story.failures() {
			fmt.Fprintf(f.out, "  %s\n    %s\n", key, strings.Join(w.story.of(key), "\n    "))
		}
		if f.log != "" {
			fmt.Fprintf(f.out, "%s: the app's errors (%s):\n%s", f.name, f.log, errorLines(f.log, 20))
		}
	}
	if n := countOf(findings, Orphaned); n > 0 {
		fmt.Fprintf(f.out, "%s: %d orphaned links (Antom issued a token whose answer died with the app; the buyer was asked to link again): see the report\n", f.name, n)
	}
	if !res.Counts.Zero() || countOf(findings, Orphaned) > 0 {
		rep := report{title: res.Line, header: f.header, findings: findings, books: books, ledger: ledger, story: w.story, database: f.database}
		if err := rep.write(ctx, f.report); err != nil {
			return res, err
		}
		res.Report = f.report
		fmt.Fprintf(f.out, "%s: report: %s\n", f.name, f.report)
	}
	return res, nil
}

// countOf counts the findings of one category.
func countOf(fs []Finding, c Category) int {
	n := 0
	for _, f := range fs {
		if f.Category == c {
			n++
		}
	}
	return n
}

// line is the run's last line.
func (r Result) line(name string) string {
	secs := r.Elapsed.Round(time.Second).Seconds()
	if name == "crash" {
		return fmt.Sprintf("crash: %d kills, %d payments, %d double charges, %d lost, %d stuck", r.Kills, r.Payments, r.DoubleCharges, r.Lost, r.Stuck)
	}
	return fmt.Sprintf("chaos: %d payments, %d double charges, %d lost, %d stuck, %d mismatched (%.0f s)",
		r.Payments, r.DoubleCharges, r.Lost, r.Stuck, r.Mismatched, secs)
}

// errorLines returns up to n lines of the log file at path logged at
// level ERROR, each indented, or why it could not be read.
func errorLines(path string, n int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return "  " + err.Error() + "\n"
	}
	var b strings.Builder
	for line := range strings.Lines(string(data)) {
		if n > 0 && strings.Contains(line, "level=ERROR") {
			b.WriteString("  " + line)
			n--
		}
	}
	return b.String()
}
