package proof

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestChaosSmall is `make chaos` at a tenth of its size: 100 payments
// with every fault kind switched on and re-armed, then the books must
// equal the sandbox's ledger.
func TestChaosSmall(t *testing.T) {
	var out bytes.Buffer
	res, err := RunChaos(context.Background(), ChaosOptions{
		Wallet: 80, Card: 20, Seed: 12, TimeScale: 0.02, Settle: 3 * time.Minute,
		Dir: t.TempDir(), Out: &out, Progress: time.Second,
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	t.Log(out.String())
	if !regexp.MustCompile(`^chaos: \d+ payments, 0 double charges, 0 lost, 0 stuck, 0 mismatched \(\d+ s\)$`).MatchString(res.Line) {
		logReport(t, res.Report)
		t.Fatalf("last line %q; report %s", res.Line, res.Report)
	}
	if res.Payments < 100 {
		t.Fatalf("%d payments, want 100", res.Payments)
	}
	// Staff's refunds, captures and voids go through their
	// confirmations to Antom (a form that stops at its confirmation moves
	// nothing, and the books agree all the same).
	if m := res.StaffMoves; m.Refunds == 0 || m.Captures == 0 || m.Voids == 0 {
		t.Errorf("staff's acts left %+v at Antom: each kind should have happened", m)
	}
	for _, kind := range []string{"U ", "dropped answers", "5xx", "notifications lost", "duplicated", "badly signed"} {
		if !strings.Contains(out.String(), kind) {
			t.Errorf("no %q among the faults fired", kind)
		}
	}
}

// The same seed draws the same fault schedule and the same jobs; another
// seed, others.
func TestSeedReproducesTheSchedule(t *testing.T) {
	a, b, c := schedule(7, 40, DefaultFaultMix()), schedule(7, 40, DefaultFaultMix()), schedule(8, 40, DefaultFaultMix())
	same, other := true, false
	for i := range a {
		same = same && a[i].desc == b[i].desc
		other = other || a[i].desc != c[i].desc
	}
	if !same || !other {
		t.Fatalf("same seed same schedule: %v; other seed other schedule: %v", same, other)
	}
	w1, w2 := planWorkload(7, 50, 10, 15), planWorkload(7, 50, 10, 15)
	if jobNotes(w1.automatic[3]) != jobNotes(w2.automatic[3]) || len(w1.manual) != len(w2.manual) {
		t.Fatal("the same seed planned other jobs")
	}
}

func TestFaultMix(t *testing.T) {
	m, err := ParseFaultMix("unknown=2,notify-badsig=1")
	if err != nil || m.String() != "unknown=2,notify-badsig=1" {
		t.Fatalf("%v %v", m, err)
	}
	if m, err := ParseFaultMix("none"); err != nil || m.String() != "none" || len(schedule(1, 3, m)[0].doc.API) != 0 {
		t.Fatalf("none: %v %v", m, err)
	}
	for _, bad := range []string{"unknown", "unknown=x", "gremlins=3", "drop=-1"} {
		if _, err := ParseFaultMix(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	for _, r := range schedule(3, 50, FaultMix{faultNotifyDrop: 1}) {
		if len(r.doc.API) != 0 || r.doc.Notify.DropNext == 0 || !r.doc.Reset {
			t.Fatalf("a round outside the mix: %+v", r.doc)
		}
	}
}

// logReport puts the start of a run's report in the test log.
func logReport(t *testing.T, path string) {
	t.Helper()
	if path == "" {
		return
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Logf("report: %v", err)
		return
	}
	t.Logf("report %s:\n%s", path, b[:min(len(b), 64<<10)])
}
