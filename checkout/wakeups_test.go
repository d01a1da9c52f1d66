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
	for range n {
		d, err := db.Open(ctx, url)
		check(t, err)
		s := NewService(Deps{DB: d})
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
// and to listens.
func relaying(t *testing.T, from, to *Service) {
	t.Helper()
	wake, stop := to.hub.Subscribe("probe")
	defer stop()
	deadline := time.After(10 * time.Second)
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
