package proof

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestCrashSmall is `make crash` at a smaller size: the built binary is
// killed five times, at least once between a pay call and storing its
// answer and once inside a notification's transaction, and the books
// must equal the sandbox's ledger.
func TestCrashSmall(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "antom-checkout")
	build := exec.Command("go", "build", "-o", bin, "antom-checkout")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	var out bytes.Buffer
	res, err := RunCrash(context.Background(), CrashOptions{
		Binary: bin, Jobs: 60, Kills: 5, Seed: 3, TimeScale: 0.02, Settle: 3 * time.Minute,
		Dir: t.TempDir(), Out: &out, Progress: time.Second,
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	t.Log(out.String())
	if !regexp.MustCompile(`^crash: 5 kills, \d+ payments, 0 double charges, 0 lost, 0 stuck$`).MatchString(res.Line) || res.Mismatched != 0 {
		logReport(t, res.Report)
		t.Fatalf("last line %q, %d mismatched; report %s", res.Line, res.Mismatched, res.Report)
	}
	lives := strings.Join(res.Lives, "\n")
	for _, point := range []string{"killed itself at after:pay#", "killed itself at notify-tx#", "kill -9 from outside", "kill -9 with a pay call at the sandbox"} {
		if !strings.Contains(lives, point) {
			t.Errorf("no life ended %q:\n%s", point, lives)
		}
	}
	if res.CallsAfterCaller == 0 {
		t.Error("the sandbox made no payment whose caller had died: the run never met a payment the app must find after all")
	}
	if res.Payments < 40 {
		t.Errorf("%d payments", res.Payments)
	}
	if res.StaffMoves.Refunds == 0 {
		t.Errorf("no refund of staff's reached Antom (%+v): their forms stopped at the confirmation", res.StaffMoves)
	}
}
