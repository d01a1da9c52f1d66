package checkout

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// InboxPageSize is how many notifications one inbox page shows.
const InboxPageSize = 20

// ErrNotReplayable means the notification has no sealed body to replay:
// it was refused (forged) and nothing in it can be trusted.
var ErrNotReplayable = errors.New("checkout: this notification cannot be replayed")

// Verdicts lists every verdict, for the inbox filter.
func Verdicts() []string {
	return []string{VerdictApplied, VerdictDuplicate, VerdictStale, VerdictQuarantined, VerdictForged, VerdictUnhandled}
}

// InboxEntry is one received notification as staff see it. Body is
// redacted: tokens and auth codes never leave the database (a body
// stored by an older, weaker redaction is masked again on its way out:
// antom.RedactStored).
type InboxEntry struct {
	ID            int64
	ReceivedAt    time.Time
	Kind          string
	RequestTime   string
	Verdict       string
	Detail        string
	Body          string
	Replayable    bool   // it has a sealed body and no replay yet: staff may replay it
	Replayed      bool   // it has a replay, running or finished
	Replaying     bool   // its replay is running
	ReplayedAs    int64  // the inbox row of its finished replay; 0 if none
	ReplayVerdict string // its finished replay's verdict
	OrderRef      string // the order it was about, when it reached one
}

// Inbox is one page of the notification inbox, newest first.
type Inbox struct {
	Entries []InboxEntry
	Verdict string // the filter, "" for all
	Page    int    // from 1
	HasNext bool
}

// ErrUnknownVerdict: the inbox filter was given a verdict that is none of
// Verdicts.
var ErrUnknownVerdict = errors.New("checkout: unknown notification verdict filter")

// NotificationInbox returns a page of received notifications, optionally
// only those with one verdict (in any case: "QUARANTINED"); "" for all,
// ErrUnknownVerdict for a verdict there is not.
func (s *Service) NotificationInbox(ctx context.Context, verdict string, page int) (Inbox, error) {
	verdict, ok := filterValue(verdict, append(Verdicts(), ""))
	if !ok {
		return Inbox{}, ErrUnknownVerdict
	}
	page = max(page, 1)
	rows, err := s.db.NotificationsPage(ctx, verdict, InboxPageSize+1, (page-1)*InboxPageSize)
	if err != nil {
		return Inbox{}, err
	}
	out := Inbox{Verdict: verdict, Page: page, HasNext: len(rows) > InboxPageSize}
	rows = rows[:min(len(rows), InboxPageSize)]
	ids := make([]int64, 0, len(rows))
	for _, n := range rows {
		if len(n.BodySealed) > 0 {
			ids = append(ids, n.ID)
		}
	}
	replays, err := s.db.ReplaysOf(ctx, ids)
	if err != nil {
		return Inbox{}, err
	}
	for _, n := range rows {
		r, replayed := replays[n.ID]
		out.Entries = append(out.Entries, InboxEntry{
			ID: n.ID, ReceivedAt: n.ReceivedAt, Kind: n.Kind, RequestTime: n.RequestTime,
			Verdict: n.Verdict, Detail: n.Detail, Body: antom.RedactStored(n.BodyRedacted), Replayable: len(n.BodySealed) > 0 && !replayed,
			Replayed: replayed, Replaying: replayed && r.FinishedAt.IsZero(), ReplayedAs: r.ReplayID, ReplayVerdict: r.Verdict,
			OrderRef: orderOfSubject(n.Subject),
		})
	}
	return out, nil
}

// ReplayedError answers a replay of a notification that has one
// already: running now (Finished zero) or done, with its verdict. Only
// one replay of a notification is ever made, however many staff ask at
// once; to run it again, staff replay the replay's own inbox row.
type ReplayedError struct {
	ID       int64     // the notification
	Actor    string    // who asked for the replay there is
	Started  time.Time // when it started
	Finished time.Time // when it finished; zero while it runs
	Verdict  string    // its verdict once finished
}

func (e *ReplayedError) Error() string {
	if e.Finished.IsZero() {
		return fmt.Sprintf("checkout: notification #%d is being replayed by %s", e.ID, e.Actor)
	}
	return fmt.Sprintf("checkout: notification #%d was replayed by %s: %s", e.ID, e.Actor, e.Verdict)
}

// Replay runs a stored notification through ReceiveNotification again,
// the very path it took when it arrived, so it changes nothing that was
// already applied. The replay is a new inbox row whose detail begins
// "replay of #id by …", its id stored with the replay (InboxEntry's
// ReplayedAs); it returns the replay's verdict. A notification
// is replayed once: asked while its replay runs or after it, Replay
// answers a *ReplayedError and changes nothing. A replay that fails
// before its verdict is stored may be asked for again; one whose app
// instance died is taken over after leaseTime (it runs within leaseWork).
func (s *Service) Replay(ctx context.Context, actor string, id int64) (string, error) {
	n, err := s.db.NotificationByID(ctx, id)
	if errors.Is(err, db.ErrNotFound) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", err
	}
	if len(n.BodySealed) == 0 {
		return "", ErrNotReplayable
	}
	body, err := s.sealer.Open(n.BodySealed, sealPurposeNotification)
	if err != nil {
		return "", fmt.Errorf("checkout: replay #%d: %w", id, err)
	}
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	holder, now := hex.EncodeToString(b), s.now()
	claimed, err := s.db.ClaimReplay(ctx, id, holder, actor, now, now.Add(-leaseTime))
	if err != nil {
		return "", err
	}
	if !claimed {
		r, err := s.db.ReplayOf(ctx, id)
		if err != nil {
			return "", err
		}
		return "", &ReplayedError{ID: id, Actor: r.Actor, Started: r.StartedAt, Finished: r.FinishedAt, Verdict: r.Verdict}
	}
	work, cancel := context.WithTimeout(ctx, leaseWork)
	defer cancel()
	note := fmt.Sprintf("replay of #%d by %s", id, actor)
	_, verdict, err := s.receive(work, Inbound{RequestTime: n.RequestTime, Body: body, Note: note,
		replay: &replayClaim{of: id, holder: holder}})
	if errors.Is(err, ErrUnhandled) {
		verdict, err = VerdictUnhandled, nil
	}
	// Stored whatever the request's own context: the claim must not be
	// left running.
	done := context.WithoutCancel(ctx)
	if err != nil {
		if dropErr := s.db.DropReplay(done, id, holder); dropErr != nil {
			return "", errors.Join(err, dropErr)
		}
		return "", err
	}
	if err := s.db.FinishReplay(done, id, holder, verdict, s.now()); err != nil {
		return "", err
	}
	return verdict, nil
}

// orderOfSubject is the order ref of an order's timeline subject, else "".
func orderOfSubject(subject string) string {
	ref, _ := strings.CutPrefix(subject, OrderSubject(""))
	if ref == subject {
		return ""
	}
	return ref
}
