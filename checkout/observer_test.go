package checkout

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// countingObserver counts what the service tells its Observer, keyed
// "kind verdict" and "method status".
type countingObserver struct {
	mu            sync.Mutex
	notifications map[string]int
	payments      map[string]int
}

func newCountingObserver() *countingObserver {
	return &countingObserver{notifications: map[string]int{}, payments: map[string]int{}}
}

func (o *countingObserver) Notification(kind, verdict string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.notifications[kind+" "+verdict]++
}

func (o *countingObserver) PaymentSettled(method, status string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.payments[method+" "+status]++
}

func (o *countingObserver) counts() (notifications, payments map[string]int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	n, p := map[string]int{}, map[string]int{}
	for k, v := range o.notifications {
		n[k] = v
	}
	for k, v := range o.payments {
		p[k] = v
	}
	return n, p
}

// Every notification Antom sends is counted once by kind and verdict; a
// settled payment is counted once however many notifications repeat it;
// staff replays are not notifications from Antom.
func TestObserverCountsNotificationsAndSettledPayments(t *testing.T) {
	e := newEnvScaled(t, Options{}, 1)
	b, wallet, _ := payer(t, e, "counted@example.com")
	o := e.orderPriced(b, e.order(b, "coffee", 1), "magic93") // stays PROCESSING
	_, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, wallet, antom.Env{})
	check(t, err)
	a := e.attempt(o.Ref)

	for _, body := range [][]byte{
		paymentBody(a, "S", a.Amount+1), // quarantined
		paymentBody(a, "S", a.Amount),   // applied: settles
		paymentBody(a, "S", a.Amount),   // duplicate
	} {
		_, err := e.svc.ReceiveNotification(e.ctx, Inbound{Body: body})
		check(t, err)
	}
	check(t, e.svc.RecordForged(e.ctx, "", []byte(`{"notifyType":"PAYMENT_RESULT"}`), "bad signature"))
	check(t, e.svc.RecordForged(e.ctx, "", []byte(`{"notifyType":"ANYTHING_AN_ATTACKER_LIKES"}`), "bad signature"))
	in, err := e.svc.NotificationInbox(e.ctx, VerdictApplied, 1)
	check(t, err)
	_, err = e.svc.Replay(e.ctx, staffActor, in.Entries[0].ID)
	check(t, err)

	notifications, payments := e.obs.counts()
	want := map[string]int{
		"PAYMENT_RESULT quarantined": 1, "PAYMENT_RESULT applied": 1, "PAYMENT_RESULT duplicate": 1,
		"PAYMENT_RESULT forged": 1, "UNKNOWN forged": 1,
		"AUTHCODE_CREATED applied": 1, // linking the wallet
	}
	assertCounts(t, "notifications", notifications, want)
	assertCounts(t, "payments", payments, map[string]int{db.MethodWallet + " " + db.AttemptSuccess: 1})
}

// A payment settled by pay's own answer is counted once, also when its
// notification arrives after (a duplicate then).
func TestObserverCountsPaymentSettledByPayAnswer(t *testing.T) {
	e := newEnv(t, Options{})
	paidOrder(t, e, "answered@example.com")
	e.svc.Wait()
	_, payments := e.obs.counts()
	assertCounts(t, "payments", payments, map[string]int{db.MethodWallet + " " + db.AttemptSuccess: 1})
}

// A notification that cannot be stored is counted as an error: it was not
// acknowledged.
func TestObserverCountsUnstoredNotificationAsError(t *testing.T) {
	e := newEnv(t, Options{})
	ctx, cancel := context.WithCancel(e.ctx)
	cancel() // the database refuses work under a cancelled context
	_, err := e.svc.ReceiveNotification(ctx, Inbound{Body: []byte(`{"notifyType":"PAYMENT_RESULT","paymentRequestId":"PR-1","result":{"resultStatus":"S"}}`)})
	if err == nil {
		t.Fatal("stored under a cancelled context")
	}
	notifications, _ := e.obs.counts()
	assertCounts(t, "notifications", notifications, map[string]int{"PAYMENT_RESULT error": 1})
}

func assertCounts(t *testing.T, what string, got, want map[string]int) {
	t.Helper()
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s[%q] = %d, want %d (all: %v)", what, k, got[k], n, got)
		}
	}
	for k, n := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("%s[%q] = %d, want none", what, k, n)
		}
	}
}

// The timeline entries a request causes, its Antom calls included, carry
// its X-Request-Id.
func TestTimelineCarriesTheHTTPRequestID(t *testing.T) {
	e := newEnv(t, Options{})
	b, wallet, _ := payer(t, e, "traced@example.com")
	o, err := e.svc.CreateOrder(WithHTTPRequestID(e.ctx, "req-order"), Viewer{BuyerID: b.ID}, "coffee", "1")
	check(t, err)
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100}) // pay's answer settles it
	_, err = e.svc.PayWithWallet(WithHTTPRequestID(e.ctx, "req-pay"), b.ID, o.Ref, wallet, antom.Env{})
	check(t, err)
	events, err := e.db.Events(e.ctx, OrderSubject(o.Ref))
	check(t, err)
	byKind := map[string][]string{}
	for _, ev := range events {
		kind := ev.Kind
		if strings.HasPrefix(ev.Detail, "order created") {
			kind = "created"
		}
		byKind[kind] = append(byKind[kind], ev.HTTPRequestID)
	}
	assertIDs(t, byKind["created"], "req-order")
	assertIDs(t, byKind[EventBuyer], "req-pay")
	assertIDs(t, byKind[EventAntomCall], "req-pay")
	assertIDs(t, byKind[EventState], "req-pay")
}

func assertIDs(t *testing.T, ids []string, want string) {
	t.Helper()
	if len(ids) == 0 {
		t.Fatalf("no events; want some with request id %q", want)
	}
	for _, id := range ids {
		if id != want {
			t.Fatalf("request ids %q, want all %q", ids, want)
		}
	}
}

// Background work outlives the request that started it (cancelling a
// context reaches its children at once, so the check needs no waiting),
// keeps the request's id, and ends when Halt is called.
func TestBackgroundWorkEndsOnHaltOnly(t *testing.T) {
	e := newEnv(t, Options{})
	ctx, cancel := context.WithCancel(WithHTTPRequestID(e.ctx, "req-bg"))
	started := make(chan context.Context)
	e.svc.background(ctx, func(ctx context.Context) {
		started <- ctx
		<-ctx.Done()
	})
	work := <-started
	cancel()
	if work.Err() != nil {
		t.Fatal("background work ended with its request")
	}
	assertEqual(t, HTTPRequestID(work), "req-bg", "request id in background work")
	e.svc.Halt()
	select {
	case <-work.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("Halt did not end background work")
	}
	e.svc.Wait()
}

// Hub.Stop wakes present and future waiters for good.
func TestHubStopReleasesWaiters(t *testing.T) {
	h := NewHub()
	_, stop1 := h.Subscribe("order:1")
	_, stop2 := h.Subscribe("order:1")
	_, stop3 := h.Subscribe("link:1")
	assertEqual(t, h.Waiters(), 3, "waiters")
	stop1()
	stop1() // twice is fine
	assertEqual(t, h.Waiters(), 2, "waiters")
	defer stop2()
	defer stop3()
	select {
	case <-h.Stopped():
		t.Fatal("stopped before Stop")
	default:
	}
	h.Stop()
	h.Stop() // twice is fine
	<-h.Stopped()
}
