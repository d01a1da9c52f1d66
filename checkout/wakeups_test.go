package checkout

import (
	"context"
	"testing"
	"time"

	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// instances returns n Services on one fresh PostgreSQL database, each
// with a connection pool of its own as separate app processes have, each
// relaying its hub's news (RunWakeups) until the test ends.
func instances(t *testing.T, n int) []*Service {
	t.Helper()
	url := dbtest.PostgresURL(t)
	ctx, cancel := context.WithCancel(context.Background())
	var out []*Service
	var done []chan struct{}
	sealer, err := NewSealer([]byte("0123456789abcdef0123456789abcdef"))
	check(t, err)
	for range n {
		d, err := db.Open(ctx, url)
		check(t, err)
		s := NewService(Deps{DB: d, Sealer: sealer})
		out = append(out, s)
		ch := make(chan struct{})
		done = append(done, ch)
		go func() { s.RunWakeups(ctx); close(ch) }()
		t.Cleanup(func() { d.Close() })
	}
	t.Cleanup(func() {
		cancel()
		for _, ch := range done {
			<-ch
		}
	})
	return out
}

// relaying waits until news published on from reaches to: from relays
// and to listens. It first waits for from's RunWakeups to relay: to's
// listening starting wakes every waiter of to (wakeAll), the probe's
// too, and from could still be publishing only to itself then.
func relaying(t *testing.T, from, to *Service) {
	t.Helper()
	wake, stop := to.hub.Subscribe("probe")
	defer stop()
	deadline := time.After(10 * time.Second)
	for {
		if _, ok := from.hub.relaying(); ok {
			break
		}
		select {
		case <-deadline:
			t.Fatal("the instance never started relaying its news")
		case <-time.After(5 * time.Millisecond):
		}
	}
	for {
		from.hub.Publish("probe")
		select {
		case <-wake:
			return
		case <-deadline:
			t.Fatal("news never went from one instance to the other")
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// A page waits on one instance while the change is published on
// another: the news wakes it, every time, and only its own subject wakes
// it. How fast is measured by make bench (the link's waiting page), not
// here: a shared machine's load may hold a wake-up for a while, never
// lose it.
func TestWakeupsReachTheOtherInstances(t *testing.T) {
	ss := instances(t, 2)
	a, b := ss[0], ss[1]
	relaying(t, b, a)

	mine, stopMine := a.hub.Subscribe(OrderSubject("ORD-1"))
	defer stopMine()
	other, stopOther := a.hub.Subscribe(OrderSubject("ORD-2"))
	defer stopOther()
	for round := range 5 {
		b.hub.Publish(OrderSubject("ORD-1"))
		select {
		case <-mine:
		case <-time.After(10 * time.Second):
			t.Fatalf("round %d: the waiter on the other instance never woke", round)
		}
	}
	select {
	case <-other:
		t.Fatal("a waiter of another subject woke")
	default:
	}
}

// A notification that settles a payment on one instance wakes the
// order's waiter on another, and the news goes in the notification's own
// transaction (a NOTIFY sent with its COMMIT), not through the relay
// after it, which sends a transaction of its own for it.
func TestNotificationWakesOtherInstancesWithItsCommit(t *testing.T) {
	ss := instances(t, 2)
	a, b := ss[0], ss[1]
	relaying(t, b, a)
	ctx := context.Background()
	p, err := b.db.ProductBySlug(ctx, "notebook")
	check(t, err)
	now := time.Now()
	attempt := db.Attempt{PaymentRequestID: "WAKE-PAY-1", Method: db.MethodWallet, Currency: p.Currency, Amount: p.Price,
		Status: db.AttemptProcessing, ExpiresAt: now.Add(time.Hour), NextCheckAt: now.Add(time.Hour), CreatedAt: now}
	check(t, b.db.Tx(ctx, func(q *db.Queries) error {
		var err error
		attempt.OrderID, err = q.InsertOrder(ctx, db.Order{Ref: "WAKE1", ProductID: p.ID, Quantity: 1,
			Currency: p.Currency, Amount: p.Price, Status: db.OrderProcessing, CreatedAt: now})
		if err != nil {
			return err
		}
		_, err = q.InsertAttempt(ctx, attempt)
		return err
	}))
	relayed := make(chan string, 16)
	b.hub.mu.Lock()
	relay := b.hub.relay
	b.hub.relay = func(subject string) { relayed <- subject; relay(subject) }
	b.hub.mu.Unlock()

	wake, stop := a.hub.Subscribe(OrderSubject("WAKE1"))
	defer stop()
	verdict, err := b.ReceiveNotification(ctx, Inbound{Body: paymentBody(attempt, "S", attempt.Amount)})
	check(t, err)
	if verdict != VerdictApplied {
		t.Fatalf("verdict %q, want %q", verdict, VerdictApplied)
	}
	select {
	case <-wake:
	case <-time.After(10 * time.Second):
		t.Fatal("the order's waiter on the other instance never woke")
	}
	// What follows the commit ran before ReceiveNotification returned.
	select {
	case subject := <-relayed:
		t.Fatalf("%q was relayed after the commit, in a transaction of its own", subject)
	default:
	}
	o, err := a.db.OrderByRef(ctx, "WAKE1")
	check(t, err)
	if o.Status != db.OrderPaid {
		t.Fatalf("order %s, want %s", o.Status, db.OrderPaid)
	}
}

// While an instance's LISTEN connection is down, news is lost; once it
// listens again every waiter there wakes and looks again.
func TestWakeupsAfterTheConnectionIsLost(t *testing.T) {
	ss := instances(t, 2)
	a, b := ss[0], ss[1]
	relaying(t, b, a)
	waiting, stop := a.hub.Subscribe(LinkSubject(7))
	defer stop()

	// End every LISTEN connection of the database: a's among them.
	_, err := b.db.SQL().ExecContext(context.Background(), `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE datname = current_database() AND pid != pg_backend_pid() AND query ILIKE 'listen%'`)
	check(t, err)
	select {
	case <-waiting:
	case <-time.After(10 * time.Second):
		t.Fatal("the waiter was not woken when listening started again")
	}
}

// On SQLite there is one instance: nothing to relay, RunWakeups returns.
func TestWakeupsOnSQLiteStayInProcess(t *testing.T) {
	s := NewService(Deps{DB: dbtest.OpenOn(t, db.SQLite)})
	done := make(chan struct{})
	go func() { s.RunWakeups(context.Background()); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("RunWakeups did not return on SQLite")
	}
	if s.hub.relay != nil {
		t.Fatal("the hub relays on SQLite")
	}
}
