package proof

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// firedNames words the sandbox's fault counters (Faults.Fired keys end in
// these) for progress lines.
var firedNames = map[string]string{
	":UnknownNext": "U", ":DropNext": "dropped answers", ":ServerErrorNext": "5xx", ":Latency": "slowed", ":NotFoundNext": "not found", ":NoPageNext": "no page", ":NoAuthExpiryNext": "no authExpiryTime",
	"notify:DropNext": "notifications lost", "notify:DuplicateNext": "duplicated", "notify:ReorderNext": "reordered",
	"notify:CorruptSignatureNext": "badly signed",
}

// firedSummary adds up fired faults by kind: "U 12, dropped answers 7, …".
func firedSummary(fired map[string]int) string {
	sums := map[string]int{}
	for key, n := range fired {
		for suffix, name := range firedNames {
			if key == suffix || (strings.HasSuffix(key, suffix) && !strings.HasPrefix(key, "notify:")) {
				sums[name] += n
			}
		}
	}
	if len(sums) == 0 {
		return "none"
	}
	names := make([]string, 0, len(sums))
	for name := range sums {
		names = append(names, name)
	}
	sort.Strings(names)
	parts := make([]string, len(names))
	for i, name := range names {
		parts[i] = fmt.Sprintf("%s %d", name, sums[name])
	}
	return strings.Join(parts, ", ")
}

// progressLine is one line of progress: jobs done (of jobs, unless 0),
// payments, staff actions and faults fired so far.
func (w *world) progressLine(ctx context.Context, name string, jobs int) string {
	fired := "?"
	if d, err := w.control.Faults(ctx); err == nil {
		fired = firedSummary(d.Fired)
	}
	n := &w.n
	done := fmt.Sprintf("%d/%d", n.jobsDone.Load(), jobs)
	if jobs == 0 {
		done = fmt.Sprint(n.jobsDone.Load())
	}
	line := fmt.Sprintf("%s: %s jobs, %d payments (%d wallet, %d card), %d refunds, %d captures, %d voids, %d links; faults fired: %s",
		name, done, n.payments.Load(), n.wallet.Load(), n.card.Load(),
		n.refunds.Load(), n.captures.Load(), n.voids.Load(), n.links.Load(), fired)
	if e := n.appErrors.Load(); e > 0 {
		line += fmt.Sprintf("; %d app errors", e)
	}
	return line
}

// reportProgress prints a progress line every period until ctx ends.
func (w *world) reportProgress(ctx context.Context, out io.Writer, name string, jobs int, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fmt.Fprintln(out, w.progressLine(ctx, name, jobs))
		}
	}
}
