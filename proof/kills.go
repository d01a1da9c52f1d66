package proof

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// kill is one planned kill of the app.
type kill struct {
	point   string        // TEST_CRASH_AT of the life it ends; "" → SIGKILL from outside
	after   time.Duration // outside kills: how long into the life
	midCall bool          // from outside while a pay call is at the sandbox (killMidCall)
}

// pointDeadline is how long a life may take to reach its crash point
// before it is killed from outside instead.
const pointDeadline = 20 * time.Second

// planKills draws n kills from the seed. The first comes from outside
// (the setup's life carries no crash point); among the others are always
// one between a pay call and storing its answer, one inside a
// notification's transaction and one while a pay call is at the sandbox
// (the payment then made with its caller dead); the rest are drawn from
// every point and from outside kills at random moments.
func planKills(seed int64, n int) []kill {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x4b111))
	outside := func() kill { return kill{after: time.Duration(300+rng.IntN(2200)) * time.Millisecond} }
	points := []func() kill{
		outside,
		func() kill { return kill{point: fmt.Sprintf("after:pay#%d", 1+rng.IntN(4))} },
		func() kill { return kill{point: fmt.Sprintf("notify-tx#%d", 1+rng.IntN(6))} },
		func() kill { return kill{point: fmt.Sprintf("after:refund#%d", 1+rng.IntN(2))} },
		func() kill { return kill{point: "after:applyToken#1"} },
		func() kill { return kill{point: fmt.Sprintf("after:inquiryPayment#%d", 1+rng.IntN(4))} },
		func() kill { return kill{midCall: true} },
	}
	rest := []kill{points[1](), points[2](), points[len(points)-1]()}
	for len(rest) < n-1 {
		rest = append(rest, points[rng.IntN(len(points))]())
	}
	rng.Shuffle(len(rest), func(a, b int) { rest[a], rest[b] = rest[b], rest[a] })
	return append([]kill{outside()}, rest...)
}

// killAll ends the app's lives one by one as planned, restarting it after
// each kill, and finally starts the life that runs to the end. It returns
// how many kills there were.
func (r *crashRun) killAll(ctx context.Context, plan []kill) (int, error) {
	kills := 0
	for i, k := range plan {
		if i > 0 {
			if err := r.startApp(ctx, k.point); err != nil {
				return kills, err
			}
		}
		app := r.current()
		how := r.endLife(ctx, app, k)
		if !app.sigkilled() {
			return kills, fmt.Errorf("crash: kill %d (%s) did not end the app by SIGKILL: %v", i+1, how, app.err)
		}
		kills++
		r.lives = append(r.lives, how)
		r.w.story.add("run", "kill %d: %s", kills, how)
		fmt.Fprintf(r.o.Out, "crash: kill %d: %s\n", kills, how)
	}
	return kills, r.startApp(ctx, "")
}

// endLife waits for the app to kill itself at its point, or kills it
// from outside; it says how the life ended.
func (r *crashRun) endLife(ctx context.Context, app *proc, k kill) string {
	if k.midCall {
		return r.killMidCall(ctx, app)
	}
	wait := k.after
	if k.point != "" {
		wait = pointDeadline
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case <-app.done:
		if r.hitPoint(k.point) {
			return "the app killed itself at " + k.point
		}
		return "the app died before reaching " + k.point
	case <-ctx.Done():
		app.kill9()
		return "stopped"
	case <-timer.C:
		app.kill9()
		if k.point != "" {
			return fmt.Sprintf("%s not reached within %s: kill -9 from outside", k.point, pointDeadline)
		}
		return fmt.Sprintf("kill -9 from outside %s into its life", k.after)
	}
}

// hitPoint reports whether the current life's lines in the app's log say
// it killed itself at point (the hook writes a line just before).
func (r *crashRun) hitPoint(point string) bool {
	b, err := os.ReadFile(filepath.Join(r.dir, "app.log"))
	r.mu.Lock()
	from := r.logFrom
	r.mu.Unlock()
	return err == nil && int64(len(b)) >= from && strings.Contains(string(b[from:]), "TEST_CRASH_AT="+point+": killing the process")
}

// crashJobs returns the n-th job of a crash run: mostly one-click
// payments (paid again after a failure, some refunded), some card
// payments and pays from two tabs, and links made again.
func crashJobs(seed int64, buyers int) func(n int) job {
	rng := rand.New(rand.NewPCG(uint64(seed), 0xc4a54))
	return func(n int) job {
		var j job
		switch x := rng.IntN(100); {
		case x < 10:
			j = job{buyer: rng.IntN(buyers), how: linkAgain}
		case x < 22:
			j = cardJob(rng, buyers, false)
			j.card.abandon, j.card.keptCard = false, ""
		default:
			j = walletJob(rng, buyers)
			j.staff = refundChoice(rng, 4)
		}
		j.n, j.retry = n, true
		return j
	}
}
