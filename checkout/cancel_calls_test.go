package checkout

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
)

// A void Antom leaves unanswered says on the timeline how many calls to
// Antom it made so far, and that number is the count of its call lines
// above it: the staff's first send is cancelTries calls, each reconciler
// resend one, a buyer's look cancelTries again — not the count of sends
// ("after 2 tries" beside 4 calls).
func TestUnansweredCancelCountsItsCalls(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: "MANUAL"})
	o, clock, before := e.unansweredVoid("void-calls@example.com")
	for _, at := range []time.Duration{2 * time.Second, 6 * time.Second} {
		clock.set(at)
		check(t, e.svc.checkAttempts(e.ctx))
	}
	clock.set(7 * time.Second)
	e.svc.checkLeased(withActor(e.ctx, EventBuyer), e.attempt(o.Ref).ID, "buyer asked to check", false)
	clock.set(23 * time.Second) // the buyer's send was the 4th: 16 s on
	check(t, e.svc.checkAttempts(e.ctx))
	assertEqual(t, e.sb.Calls("payments/cancel"), cancelTries+2*resendTries+cancelTries+resendTries, "cancels sent")

	_, _, lines := e.timelineCounts(o.Ref, "")
	count := regexp.MustCompile(`still not confirmed after (\d+) calls to Antom`)
	calls, said := 0, []int{}
	for _, l := range lines[before:] {
		if strings.HasPrefix(l, EventAntomCall+": cancel ") {
			calls++
			continue
		}
		if strings.Contains(l, "still not confirmed") {
			m := count.FindStringSubmatch(l)
			if m == nil {
				t.Fatalf("a cancel's line does not count its calls: %q", l)
			}
			n, _ := strconv.Atoi(m[1])
			if n != calls {
				t.Fatalf("%q with %d cancel calls above it:\n%s", l, calls, strings.Join(lines[before:], "\n"))
			}
			said = append(said, n)
		}
	}
	// The staff's 3, then 4, 5, the buyer's 8, the reconciler's 9.
	assertEqual(t, fmt.Sprint(said), "[4 5 8 9]", "the counts the lines say")
}

// A cancel under way before calls were counted (migration 32) says its
// sends, which are known, not a count of calls that is not.
func TestCancelCountWords(t *testing.T) {
	assertEqual(t, cancelCount(db.CancelTally{Sends: 3, Calls: 6}, 1), "7 calls to Antom", "counted calls and this send's")
	assertEqual(t, cancelCount(db.CancelTally{Sends: 5, Calls: -1}, 1), "6 sends", "calls not counted")
}
