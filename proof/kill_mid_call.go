package proof

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"antom-checkout/antom/sandbox"
)

// midCallLatency is how long the sandbox holds each pay call, in wall
// time, during a life a mid-call kill ends: long enough that a pay call
// seen arriving is surely still at the sandbox when the app is killed.
const midCallLatency = 1500 * time.Millisecond

// midCallPoll is how often the runner looks at the sandbox's count of
// pay calls while it waits for one to arrive.
const midCallPoll = 25 * time.Millisecond

// killMidCall kills app while one of its pay calls is at the sandbox,
// not yet answered: the sandbox holds pay calls for midCallLatency, and
// once its count of pay calls (the ledger's calls, counted as each
// arrives) has grown, the app is killed. The sandbox then makes that
// payment with nobody to answer — as Antom may make a payment whose
// caller died — and the app's next life must find it (inquiryPayment, a
// notification) and settle it, never paying the order twice. The
// latency is taken away again once the app is dead. If no pay call
// arrives within pointDeadline, the app is killed from outside all the
// same. It says how the life ended.
func (r *crashRun) killMidCall(ctx context.Context, app *proc) string {
	slow := sandbox.FaultsDoc{API: map[string]sandbox.APIFaultDoc{"payments/pay": {Latency: midCallLatency.Milliseconds()}}}
	defer func() {
		if _, err := r.w.control.SetFaults(context.WithoutCancel(ctx), sandbox.FaultsDoc{}); err != nil {
			r.w.story.add("run", "could not take the pay latency away: %v", err)
		}
	}()
	if _, err := r.w.control.SetFaults(ctx, slow); err != nil {
		app.kill9()
		return fmt.Sprintf("could not slow pay (%v): kill -9 from outside", err)
	}
	before, err := r.payCalls(ctx)
	deadline := time.NewTimer(pointDeadline)
	defer deadline.Stop()
	tick := time.NewTicker(midCallPoll)
	defer tick.Stop()
	for err == nil {
		select {
		case <-app.done:
			return "the app died before a pay call was in flight"
		case <-ctx.Done():
			app.kill9()
			return "stopped"
		case <-deadline.C:
			app.kill9()
			return fmt.Sprintf("no pay call within %s: kill -9 from outside", pointDeadline)
		case <-tick.C:
		}
		var now int
		if now, err = r.payCalls(ctx); err == nil && now > before {
			app.kill9()
			return "kill -9 with a pay call at the sandbox, unanswered"
		}
	}
	app.kill9()
	return fmt.Sprintf("could not read the sandbox's calls (%v): kill -9 from outside", err)
}

// payCalls is how many pay calls have reached the sandbox so far.
func (r *crashRun) payCalls(ctx context.Context) (int, error) {
	l, err := r.w.ledgerOf(ctx, "")
	if err != nil {
		return 0, err
	}
	n := 0
	for _, apis := range l.Calls {
		n += apis["payments/pay"].Calls
	}
	return n, nil
}

// callsDoneAfterCaller is how many calls the sandbox did to their end
// after their caller had gone (its log's "caller gone; work done"): the
// payments and refunds the app's dead lives asked for and never heard
// made.
func (r *crashRun) callsDoneAfterCaller() int {
	b, err := os.ReadFile(filepath.Join(r.dir, "sandbox.log"))
	if err != nil {
		return 0
	}
	return strings.Count(string(b), "caller gone; work done")
}
