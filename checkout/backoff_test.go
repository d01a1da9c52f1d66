package checkout

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// frozenClock puts the service on a clock that moves only when the test
// says: at returns the time offset from the start.
type frozenClock struct {
	start  time.Time
	offset atomic.Int64
}

func (e *env) freezeClock() *frozenClock {
	e.svc.Wait()
	c := &frozenClock{start: time.Now()}
	e.svc.now = c.now
	return c
}

func (c *frozenClock) now() time.Time               { return c.start.Add(time.Duration(c.offset.Load())) }
func (c *frozenClock) set(d time.Duration)          { c.offset.Store(int64(d)) }
func (c *frozenClock) at(d time.Duration) time.Time { return c.start.Add(d) }

// timelineCounts counts an order's lines: all of them, and those not an
// Antom call's own that contain word.
func (e *env) timelineCounts(ref, word string) (all, with int, lines []string) {
	e.t.Helper()
	events, err := e.db.Events(e.ctx, OrderSubject(ref))
	check(e.t, err)
	for _, ev := range events {
		lines = append(lines, ev.Kind+": "+ev.Detail)
		if ev.Kind != EventAntomCall && strings.Contains(ev.Detail, word) {
			with++
		}
	}
	return len(events), with, lines
}

// unansweredVoid has staff void a new authorized order of email's while
// Antom answers every cancel U, on a frozen clock; before is how many
// lines the order's timeline had before the void.
func (e *env) unansweredVoid(email string) (o Order, clock *frozenClock, before int) {
	e.t.Helper()
	o = e.authorized(email)
	clock = e.freezeClock()
	before, _, _ = e.timelineCounts(o.Ref, "")
	e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{UnknownNext: 10000})
	if err := e.svc.Void(e.ctx, staffActor, o.Ref); !errors.Is(err, ErrVoidNotConfirmed) {
		e.t.Fatalf("void answered U: %v", err)
	}
	return o, clock, before
}

// A void Antom answers U for ten minutes, the reconciler passing every
// second: the cancel is sent again after 2, 4, 8, 16, 32 s and then every
// minute (cancelBackoff) — 13 resends of one call each (resendTries), not
// 300 — and the timeline says so in a bounded number of lines: each
// resend's call line, and the reconciler's own line for the steps while
// the pause grows, none at the cap (the call's line says it). The outage
// leaves exactly 23 lines (the staff's "void the authorization", the
// void's cancelTries calls, its "not confirmed", then 13 call lines and
// 5 step lines), 6 of them saying "not confirmed". The schedule is in
// the database: a new service on it (a restart, or another instance)
// sends nothing before the next send is due, and sends it then. When
// Antom answers, the void is done on that send.
func TestUnansweredVoidBacksOff(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: "MANUAL"})
	o, clock, before := e.unansweredVoid("void-backoff@example.com")
	assertEqual(t, e.sb.Calls("payments/cancel"), cancelTries, "the void's own sends")
	afterVoid, _, _ := e.timelineCounts(o.Ref, "")
	assertEqual(t, afterVoid-before, 1+cancelTries+1, "the void's lines: the staff's, its calls, not confirmed")

	// The sends the schedule makes, written out: 2, 6, 14, 30, 62, then
	// every 60 s.
	due := []int{2, 6, 14, 30, 62}
	for s := 122; s <= 600; s += 60 {
		due = append(due, s)
	}
	sent := 0
	for s := 1; s <= 600; s++ {
		clock.set(time.Duration(s) * time.Second)
		check(t, e.svc.checkAttempts(e.ctx))
		if sent < len(due) && due[sent] == s {
			sent++
		}
		if got := e.sb.Calls("payments/cancel"); got != cancelTries+resendTries*sent {
			t.Fatalf("at %d s: %d cancels sent, want %d (resends due at %v)", s, got, cancelTries+resendTries*sent, due)
		}
		want := afterVoid + sent // each resend's call line
		for k := 1; k <= sent; k++ {
			if !cancelBackoff.capped(k) {
				want++ // and the reconciler's, while the pause grows
			}
		}
		if all, _, lines := e.timelineCounts(o.Ref, ""); all != want {
			t.Fatalf("at %d s: %d lines after %d resends, want %d:\n%s", s, all-afterVoid, sent, want-afterVoid, strings.Join(lines[afterVoid:], "\n"))
		}
	}
	assertEqual(t, sent, 13, "resends in ten minutes")
	all, notConfirmed, lines := e.timelineCounts(o.Ref, "not confirmed")
	if all-before != 23 || notConfirmed != 6 {
		t.Fatalf("%d lines since the void, %d saying not confirmed, want 23 and 6:\n%s", all-before, notConfirmed, strings.Join(lines[before:], "\n"))
	}
	calls := 0
	for _, l := range lines[afterVoid:] {
		if strings.HasPrefix(l, EventAntomCall+": ") {
			calls++
			if !strings.Contains(l, "cancel") || !strings.Contains(l, "Antom answered U/UNKNOWN_EXCEPTION in ") {
				t.Fatalf("a resend's call line: %q", l)
			}
		}
	}
	assertEqual(t, calls, 13, "call lines of the resends")
	last := e.lineWith(o.Ref, "after 8 calls to Antom")
	if last.Kind != EventReconciler || !strings.Contains(last.Detail, "every 1 min until Antom answers") {
		t.Fatalf("the line reaching the cap: %s %q", last.Kind, last.Detail)
	}
	a := e.attempt(o.Ref)
	tally, err := e.db.CancelTally(e.ctx, a.ID)
	check(t, err)
	if tally.Sends != 14 || !a.NextCheckAt.Equal(clock.at(602*time.Second)) {
		t.Fatalf("kept: %d sends, next at %v, want 14 at +602 s", tally.Sends, a.NextCheckAt.Sub(clock.start))
	}

	// Another service on the same database keeps to the schedule.
	restarted := NewService(Deps{DB: e.db, Antom: e.svc.antom, Sealer: e.sealer, Now: clock.now, Options: e.svc.opts})
	clock.set(601 * time.Second)
	check(t, restarted.checkAttempts(e.ctx))
	assertEqual(t, e.sb.Calls("payments/cancel"), cancelTries+13, "cancels before the next is due")
	e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{})
	clock.set(602 * time.Second)
	check(t, restarted.checkAttempts(e.ctx))
	assertEqual(t, e.sb.Calls("payments/cancel"), cancelTries+14, "the send due, answered")
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	assertEqual(t, row.Status, db.OrderVoided, "order once Antom answers")
}

// An hour of U on a void at the backoff's cap is one send and one line (its
// call's) a minute — 60, not the 180 of cancelTries calls a step — and a staff's
// or buyer's look meanwhile still sends cancelTries at once and settles
// the void on Antom's answer, though the reconciler's next send is a
// minute off.
func TestVoidAtTheCapIsOneLineAMinute(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: "MANUAL"})
	o, clock, _ := e.unansweredVoid("void-hour@example.com")
	// Up to the cap (2, 6, 14, 30, 62 s), then an hour of minutes.
	steps := []time.Duration{2, 6, 14, 30, 62}
	for i := range steps {
		steps[i] *= time.Second
	}
	for m := 1; m <= 60; m++ {
		steps = append(steps, 62*time.Second+time.Duration(m)*time.Minute)
	}
	calls := e.sb.Calls("payments/cancel")
	start, _, _ := e.timelineCounts(o.Ref, "")
	for i, at := range steps {
		clock.set(at)
		check(t, e.svc.checkAttempts(e.ctx))
		if i == 4 { // the step that reaches the cap
			calls = e.sb.Calls("payments/cancel")
			start, _, _ = e.timelineCounts(o.Ref, "")
		}
	}
	hourLines, _, lines := e.timelineCounts(o.Ref, "")
	assertEqual(t, e.sb.Calls("payments/cancel")-calls, 60, "cancels in the hour at the cap")
	if hourLines-start != 60 {
		t.Fatalf("%d lines in the hour at the cap, want 60:\n%s", hourLines-start, strings.Join(lines[start:], "\n"))
	}

	// The buyer asks to check: sent at once, Antom's S settles the void.
	e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{UnknownNext: cancelTries - 1})
	clock.set(steps[len(steps)-1] + time.Second)
	a := e.attempt(o.Ref)
	e.svc.checkLeased(withActor(e.ctx, EventBuyer), a.ID, "buyer asked to check", false)
	assertEqual(t, e.sb.Calls("payments/cancel")-calls, 60+cancelTries, "the buyer's look sends cancelTries")
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	assertEqual(t, row.Status, db.OrderVoided, "order after the buyer's look")
}

// A capture whose outcome stays unknown (its answer lost, every inquiry
// answered U) is looked up after 2, 4, 8, 16, 32 s — not on every pass —
// and its notifyCapture, when it comes, settles it at once, though the
// next look is a minute off.
func TestUnknownCaptureBacksOffAndItsNotificationSettlesAtOnce(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: "MANUAL"})
	var open atomic.Bool
	e.gateNotifications(func(body []byte) bool {
		return open.Load() || !bytes.Contains(body, []byte("CAPTURE_RESULT"))
	})
	o := e.authorized("capture-backoff@example.com")
	clock := e.freezeClock()
	e.sb.Faults().SetAPI("payments/capture", sandbox.APIFault{DropNext: 1})
	e.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{UnknownNext: 10000})
	if err := e.svc.Capture(e.ctx, staffActor, o.Ref, e.attempt(o.Ref).Amount); !errors.Is(err, ErrCaptureNotConfirmed) {
		t.Fatalf("capture with its answer lost: %v", err)
	}
	assertEqual(t, e.captureStatus(o.Ref), db.CaptureProcessing, "capture with its answer lost")
	before := e.sb.Calls("payments/inquiryPayment")

	due := []int{0, 2, 6, 14, 30, 62}
	looked := 0
	for s := 0; s <= 100; s++ {
		clock.set(time.Duration(s) * time.Second)
		check(t, e.svc.checkCaptures(e.ctx))
		if looked < len(due) && due[looked] == s {
			looked++
		}
		if got := e.sb.Calls("payments/inquiryPayment") - before; got != looked {
			t.Fatalf("at %d s: %d inquiries, want %d (due at %v)", s, got, looked, due)
		}
	}
	assertEqual(t, e.sb.Calls("payments/capture"), 1, "captures sent (Antom never said it had none)")
	// One line per look while the pause grows: 2, 4, 8, 16, 32 s, then
	// the one that reaches the minute.
	_, lines, all := e.timelineCounts(o.Ref, "not confirmed")
	if lines != 6 || !strings.Contains(all[len(all)-1], "every 1 min until Antom answers") {
		t.Fatalf("%d capture lines, want 6:\n%s", lines, strings.Join(all, "\n"))
	}

	open.Store(true) // Antom's resend of notifyCapture now gets through
	e.waitFor(func() (string, Order) { return e.captureStatus(o.Ref), Order{} }, db.CaptureSuccess)
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	assertEqual(t, row.Status, db.OrderPaid, "order once notifyCapture came")
}

// An HTTP 500 without a valid signature is not told as Antom's answer:
// the call's line says no verified answer came, and the void's line
// says so too, whatever the body claimed (U/UNKNOWN_EXCEPTION).
func TestUnverifiedServerErrorReadsAsNoAnswer(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: "MANUAL"})
	o := e.authorized("void-500@example.com")
	e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{ServerErrorNext: cancelTries})
	if err := e.svc.Void(e.ctx, staffActor, o.Ref); !errors.Is(err, ErrVoidNotConfirmed) {
		t.Fatalf("void answered HTTP 500: %v", err)
	}
	events, err := e.db.Events(e.ctx, OrderSubject(o.Ref))
	check(t, err)
	calls := 0
	for _, ev := range events {
		if ev.Kind == EventAntomCall && strings.HasPrefix(ev.Detail, "cancel ") {
			calls++
			if !strings.Contains(ev.Detail, "no verified answer from Antom (HTTP 500); outcome unknown") || strings.Contains(ev.Detail, "UNKNOWN_EXCEPTION") {
				t.Errorf("call line %q", ev.Detail)
			}
		}
	}
	assertEqual(t, calls, cancelTries, "cancel call lines")
	ev := e.lineWith(o.Ref, "not confirmed")
	if !strings.Contains(ev.Detail, "(no verified answer from Antom: HTTP 500)") {
		t.Fatalf("the void's line: %q", ev.Detail)
	}
}

// The schedules double from their first pause up to their cap; a
// reconciler faster than every 2 s runs them faster in proportion, a
// slower one does not stretch them.
func TestBackoffSchedule(t *testing.T) {
	var got []time.Duration
	for n := 0; n <= 8; n++ {
		got = append(got, cancelBackoff.after(n))
	}
	s := time.Second
	want := []time.Duration{2 * s, 2 * s, 4 * s, 8 * s, 16 * s, 32 * s, time.Minute, time.Minute, time.Minute}
	for i := range want {
		assertEqual(t, got[i], want[i], fmt.Sprintf("pause after %d", i))
	}
	assertEqual(t, cancelBackoff.after(1000), time.Minute, "pause after very many")
	if cancelBackoff.capped(5) || !cancelBackoff.capped(6) {
		t.Fatal("the cap is reached on the 6th")
	}
	for _, tt := range []struct {
		every time.Duration
		n     int
		want  time.Duration
	}{
		{0, 1, 2 * s},
		{200 * time.Millisecond, 1, 200 * time.Millisecond},
		{200 * time.Millisecond, 9, 6 * s},
		{10 * s, 9, time.Minute},
	} {
		svc := &Service{opts: Options{ReconcileEvery: tt.every}}
		assertEqual(t, svc.pause(captureBackoff, tt.n), tt.want, "pause at every "+tt.every.String())
	}
	for d, w := range map[time.Duration]string{time.Hour: "1 h", 90 * time.Minute: "90 min", time.Minute: "1 min", 2 * s: "2 s", 1600 * time.Millisecond: "1.6 s", 200 * time.Millisecond: "200 ms"} {
		assertEqual(t, pauseWords(d), w, "words for "+d.String())
	}
}

// A void Antom leaves unanswered becomes an open problem on the
// dashboard once it is unconfirmed for over unconfirmedAfter since staff
// sent it — the reconciler's resends do not restart that clock — and the
// releasing-stuck filter lists it; Antom's answer ends both.
func TestVoidUnconfirmedForLongIsAProblem(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: "MANUAL"})
	o, clock, _ := e.unansweredVoid("void-long@example.com")
	problems := func(at time.Duration) (voids int, listed []string) {
		t.Helper()
		clock.set(at)
		check(t, e.svc.checkAttempts(e.ctx))
		d, err := e.svc.AdminDashboard(e.ctx)
		check(t, err)
		assertEqual(t, d.CapturesUnconfirmed, 0, "captures unconfirmed")
		list, err := e.svc.AdminOrders(e.ctx, OrderFilter{Status: FilterReleasingStuck})
		check(t, err)
		for _, it := range list.Items {
			listed = append(listed, it.Ref)
		}
		return d.VoidsUnconfirmed, listed
	}
	for _, at := range []time.Duration{62 * time.Second, unconfirmedAfter - time.Second, unconfirmedAfter} {
		if n, listed := problems(at); n != 0 || len(listed) != 0 {
			t.Fatalf("at %v: %d voids unconfirmed, listed %v; want none yet", at, n, listed)
		}
	}
	if n, listed := problems(unconfirmedAfter + time.Second); n != 1 || len(listed) != 1 || listed[0] != o.Ref {
		t.Fatalf("past %v: %d voids unconfirmed, listed %v; want %s", unconfirmedAfter, n, listed, o.Ref)
	}
	e.sb.Faults().SetAPI("payments/cancel", sandbox.APIFault{})
	if n, listed := problems(10 * time.Minute); n != 0 || len(listed) != 0 {
		t.Fatalf("once voided: %d voids unconfirmed, listed %v", n, listed)
	}
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	assertEqual(t, row.Status, db.OrderVoided, "order once Antom answers")
}
