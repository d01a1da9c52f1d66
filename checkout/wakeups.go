package checkout

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"

	"antom-checkout/db"
)

const (
	// wakeChannel is the database channel the instances tell each other
	// "look again" on.
	wakeChannel = "checkout_wake"
	// wakeQueue bounds the news waiting to be sent; past it a wake-up is
	// dropped (logged) and the pages on other instances see the change
	// at their next re-check instead.
	wakeQueue = 4096
	// wakeBatch bounds the subjects sent in one notification, well inside
	// PostgreSQL's 8000-byte payload.
	wakeBatch = 200
)

// RunWakeups relays the hub's news between the app instances that share
// one PostgreSQL database, until ctx ends (DESIGN.md §7). Every Publish
// is also sent to the others (NOTIFY, after the change has committed: the
// hub is only told then; a change published with publishAtCommit is told
// by its transaction's own NOTIFY instead); every notification from another instance wakes
// this instance's waiters of its subjects; and whenever listening
// (re)starts, every waiter here wakes, since news may have been missed
// while it was down. On SQLite there is only one instance and it returns
// at once.
func (s *Service) RunWakeups(ctx context.Context) {
	if !s.db.CanNotify() {
		return
	}
	b := make([]byte, 8)
	rand.Read(b)
	origin := hex.EncodeToString(b) // this instance, to skip its own news
	queue := make(chan string, wakeQueue)
	s.hub.setRelay(func(subject string) {
		select {
		case queue <- subject:
		default:
			s.log.Warn("wake-up queue full: other instances will see the change at their next re-check", "subject", subject)
		}
	}, origin)
	defer s.hub.setRelay(nil, "")
	sent := make(chan struct{})
	go func() { s.sendWakeups(ctx, origin, queue); close(sent) }()
	defer func() { <-sent }()

	err := s.db.Listen(ctx, wakeChannel, db.Listener{
		OnNotify: func(payload string) {
			from, subjects, _ := strings.Cut(payload, "\n")
			if from == origin {
				return
			}
			for _, subject := range strings.Split(subjects, "\n") {
				s.hub.wake(subject)
			}
		},
		OnListen: s.hub.wakeAll,
		OnError:  func(err error) { s.log.Warn("wake-ups", "err", err) },
	})
	if err != nil {
		s.log.Error("wake-ups: listen", "err", err)
	}
}

// publishAtCommit says that subject changes in q's transaction. While
// RunWakeups relays, the other instances are told by a NOTIFY sent with
// the transaction's COMMIT (db.NotifyAtCommit: the subjects of one
// transaction in one notification, delivered only if it commits), not
// by one of their own after it. The function returned wakes this
// instance's waiters (and, if the NOTIFY was not kept, the others'): call
// it once the transaction has committed, where Publish would be called.
func (s *Service) publishAtCommit(q *db.Queries, subject string) (publish func()) {
	if origin, ok := s.hub.relaying(); !ok || !q.NotifyAtCommit(wakeChannel, origin, subject) {
		return func() { s.hub.Publish(subject) } // not kept (outside a transaction): relayed after
	}
	return func() { s.hub.wake(subject) }
}

// sendWakeups sends what Publish queued, several subjects per
// notification when they come faster than one at a time: "origin\n" and
// one subject per line.
func (s *Service) sendWakeups(ctx context.Context, origin string, queue <-chan string) {
	for {
		var subject string
		select {
		case <-ctx.Done():
			return
		case subject = <-queue:
		}
		batch := []string{origin, subject}
	more:
		for len(batch) <= wakeBatch {
			select {
			case subject = <-queue:
				batch = append(batch, subject)
			default:
				break more
			}
		}
		if err := s.db.Notify(ctx, wakeChannel, strings.Join(batch, "\n")); err != nil && ctx.Err() == nil {
			s.log.Error("wake-ups: notify", "err", err)
		}
	}
}
