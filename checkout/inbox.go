package checkout

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
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
	return []string{VerdictApplied, VerdictFailed, VerdictDuplicate, VerdictStale, VerdictQuarantined, VerdictForged, VerdictUnhandled, VerdictDeferred}
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
	Replayable    bool   // it has a sealed body and no replay yet (or only one that stalled: claimed over leaseTime ago, never finished): staff may replay it
	Replayed      bool   // it has a replay, running or finished
	Replaying     bool   // its replay is running (claimed within leaseTime, not finished)
	ReplayedAs    int64  // the inbox row of its finished replay; 0 if none
	ReplayVerdict string // its finished replay's verdict
	// ReplaySettledBy is, when that replay was deferred or quarantined
	// and has been dealt with since, the row that did (its SettledBy);
	// ReplaySettledVerdict that row's verdict. 0 and "" otherwise: the
	// replay's verdict is still what became of it.
	ReplaySettledBy      int64
	ReplaySettledVerdict string
	OrderRef             string // the order it was about, when it reached one
	ReplayOf             int64  // the notification this row is the finished replay of (by the id stored with the replay, as ReplayedAs); 0 if none
	// SettledBy is, for a deferred or quarantined row dealt with since,
	// the inbox row whose application did (the replay of it, or of its
	// replay, that was not deferred again); 0 otherwise. Such a row waits
	// no longer: the inbox's filter by its verdict and the dashboard's
	// count leave it out.
	SettledBy int64
	// SettledVerdict is SettledBy's verdict ("" if SettledBy is 0): the
	// same as Verdict when a quarantined row's replay was quarantined
	// again, so the problem is still open, in that replay.
	SettledVerdict string
	// ReapplyFailures is, for a deferred row, how often re-applying it
	// failed; SetAside, that it failed maxReapplyFailures times and is
	// not re-applied by itself any more: it waits for staff's replay.
	ReapplyFailures int
	SetAside        bool
	// FailedSince is, for Antom's automatic capture applied here, the
	// paymentRequestId of its payment when Antom has settled that
	// payment FAIL since (failedSince): money captured on a payment said
	// to have failed, which staff must look up. "" otherwise.
	FailedSince string
	// Review is staff's "Mark reviewed" of a quarantined row no replay
	// can resolve (ReviewNotification); zero while none. A reviewed row
	// waits for staff no longer: the quarantined filter and the
	// dashboard's count leave it out. SettledReview is the same of the
	// row that took this one's problem over (SettledBy), when that one is
	// quarantined and was reviewed.
	Review, SettledReview Review
}

// Review is a quarantined row marked reviewed: when, by whom, and their
// note ("" for none). At is zero when it was not.
type Review struct {
	At       time.Time
	By, Note string
}

// Reviewable tells whether staff may mark the row reviewed now: it is
// quarantined, no replay took it over, and nobody marked it yet.
func (e InboxEntry) Reviewable() bool {
	return e.Verdict == VerdictQuarantined && e.SettledBy == 0 && e.Review.At.IsZero()
}

// Inbox is one page of the notification inbox, newest first.
type Inbox struct {
	Entries []InboxEntry
	Verdict string // the filter, "" for all
	Within  string // the time filter (one of InboxWindows), "" for any time
	Page    int    // from 1
	HasNext bool
}

// ErrUnknownVerdict: the inbox filter was given a verdict that is none of
// Verdicts.
var ErrUnknownVerdict = errors.New("checkout: unknown notification verdict filter")

// ErrUnknownWindow: the inbox filter was given a time window that is
// none of InboxWindows.
var ErrUnknownWindow = errors.New("checkout: unknown notification time filter")

// InboxWindow is a time filter of the inbox: rows received within Span
// before now. Value is how the filter is written ("24h"), Label how it
// reads.
type InboxWindow struct {
	Value string
	Label string
	Span  time.Duration
}

// InboxWindows lists the inbox's time filters, shortest first.
func InboxWindows() []InboxWindow {
	return []InboxWindow{
		{"1h", "Last hour", time.Hour},
		{"24h", "Last 24 hours", 24 * time.Hour},
		{"7d", "Last 7 days", 7 * 24 * time.Hour},
	}
}

// InboxFilter narrows the inbox: one verdict ("" for all, in any case),
// and rows received within one of InboxWindows before now ("" for any
// time, in any case: "24H").
type InboxFilter struct {
	Verdict string
	Within  string
}

// NotificationInbox returns a page of received notifications, optionally
// only those with one verdict (in any case: "QUARANTINED"); "" for all,
// ErrUnknownVerdict for a verdict there is not.
func (s *Service) NotificationInbox(ctx context.Context, verdict string, page int) (Inbox, error) {
	return s.NotificationInboxFiltered(ctx, InboxFilter{Verdict: verdict}, page)
}

// NotificationInboxFiltered returns a page (from 1) of received
// notifications, newest first, as f narrows them (VerdictDeferred: only
// those still waiting, not those dealt with since, InboxEntry.SettledBy): ErrUnknownVerdict for
// a verdict there is not, ErrUnknownWindow for a time filter that is
// none of InboxWindows (the Inbox returned with either keeps what of f
// could be read).
func (s *Service) NotificationInboxFiltered(ctx context.Context, f InboxFilter, page int) (Inbox, error) {
	var since time.Time
	within, ok := "", strings.TrimSpace(f.Within) == ""
	for _, w := range InboxWindows() {
		if v, match := filterValue(f.Within, []string{w.Value}); match {
			within, ok, since = v, true, s.now().Add(-w.Span)
		}
	}
	verdict, verdictOK := filterValue(f.Verdict, append(Verdicts(), ""))
	if !verdictOK {
		return Inbox{Within: within}, ErrUnknownVerdict
	}
	if !ok {
		return Inbox{Verdict: verdict}, ErrUnknownWindow
	}
	page = max(page, 1)
	rows, err := s.db.NotificationsPageSince(ctx, verdict, since, InboxPageSize+1, (page-1)*InboxPageSize)
	if err != nil {
		return Inbox{}, err
	}
	out := Inbox{Verdict: verdict, Within: within, Page: page, HasNext: len(rows) > InboxPageSize}
	rows = rows[:min(len(rows), InboxPageSize)]
	if out.Entries, err = s.inboxEntries(ctx, rows); err != nil {
		return Inbox{}, err
	}
	return out, nil
}

// NotificationEntry returns one received notification as the inbox shows
// it; ErrNotFound if there is none with that id.
func (s *Service) NotificationEntry(ctx context.Context, id int64) (InboxEntry, error) {
	n, err := s.db.NotificationByID(ctx, id)
	if errors.Is(err, db.ErrNotFound) {
		return InboxEntry{}, ErrNotFound
	}
	if err != nil {
		return InboxEntry{}, err
	}
	entries, err := s.inboxEntries(ctx, []db.Notification{n})
	if err != nil {
		return InboxEntry{}, err
	}
	return entries[0], nil
}

// inboxEntries is rows as the inbox shows them, with their replays.
func (s *Service) inboxEntries(ctx context.Context, rows []db.Notification) ([]InboxEntry, error) {
	ids := make([]int64, 0, len(rows))
	for _, n := range rows {
		if len(n.BodySealed) > 0 {
			ids = append(ids, n.ID)
		}
	}
	replays, err := s.db.ReplaysOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	all := make([]int64, len(rows))
	for i, n := range rows {
		all[i] = n.ID
	}
	sources, err := s.db.ReplaySources(ctx, all)
	if err != nil {
		return nil, err
	}
	var settlers []int64
	for _, n := range rows {
		if n.SettledBy != 0 {
			settlers = append(settlers, n.SettledBy)
		}
	}
	replaySettled, err := s.replaysSettled(ctx, replays)
	if err != nil {
		return nil, err
	}
	for _, by := range replaySettled {
		settlers = append(settlers, by)
	}
	settled, err := s.db.NotificationVerdicts(ctx, settlers)
	if err != nil {
		return nil, err
	}
	ends, err := s.chainEnds(ctx, settled)
	if err != nil {
		return nil, err
	}
	end := func(by int64) int64 {
		if e, ok := ends[by]; ok {
			return e
		}
		return by
	}
	failed, err := s.failedSince(ctx, rows)
	if err != nil {
		return nil, err
	}
	out := make([]InboxEntry, 0, len(rows))
	stalledBefore := s.now().Add(-leaseTime)
	for _, n := range rows {
		r, replayed := replays[n.ID]
		if replayed && r.FinishedAt.IsZero() && r.StartedAt.Before(stalledBefore) {
			// Claimed and never finished (its app instance stopped
			// mid-way): Replay takes such a claim over, so it is
			// offered again rather than shown running for ever.
			replayed, r = false, db.Replay{}
		}
		out = append(out, InboxEntry{
			ID: n.ID, ReceivedAt: n.ReceivedAt, Kind: n.Kind, RequestTime: n.RequestTime,
			Verdict: n.Verdict, Detail: n.Detail, Body: antom.RedactStored(n.BodyRedacted), Replayable: len(n.BodySealed) > 0 && !replayed,
			Replayed: replayed, Replaying: replayed && r.FinishedAt.IsZero(), ReplayedAs: r.ReplayID, ReplayVerdict: r.Verdict,
			OrderRef: orderOfSubject(n.Subject), ReplayOf: sources[n.ID], SettledBy: end(n.SettledBy),
			SettledVerdict: settled[end(n.SettledBy)], ReapplyFailures: n.ReapplyFailures,
			SetAside:    n.ReapplyFailures >= maxReapplyFailures && n.SettledBy == 0,
			FailedSince: failed[n.ID],
			Review:      Review{At: n.ReviewedAt, By: n.ReviewedBy, Note: n.ReviewNote},
		})
		if by := end(n.SettledBy); by != 0 && settled[by] == VerdictQuarantined {
			if out[len(out)-1].SettledReview, err = s.reviewOf(ctx, by); err != nil {
				return nil, err
			}
		}
		if by := end(replaySettled[r.ReplayID]); replayed && by != 0 {
			out[len(out)-1].ReplaySettledBy, out[len(out)-1].ReplaySettledVerdict = by, settled[by]
		}
	}
	return out, nil
}

// reviewOf is staff's review of inbox row id (zero if none). Rare: a
// read per row whose problem another row, quarantined, took over.
func (s *Service) reviewOf(ctx context.Context, id int64) (Review, error) {
	n, err := s.db.NotificationByID(ctx, id)
	if err != nil {
		return Review{}, err
	}
	return Review{At: n.ReviewedAt, By: n.ReviewedBy, Note: n.ReviewNote}, nil
}

// maxSettledChain bounds how many rows chainEnds follows from one.
const maxSettledChain = 32

// chainEnds follows, from each row in settled (row → its verdict) that
// took another's problem over while still deferred or quarantined
// itself, the rows that dealt with it since (SettledBy: its replay,
// quarantined again, replayed later …) to the one not dealt with since:
// what became of the problem now. db.SettleDeferred re-points only the
// rows still waiting, so an older row keeps naming the row that took it
// over first. It returns row → the chain's end for those whose chain
// goes on, and adds each end's verdict to settled. Rare: one read per
// row followed, up to maxSettledChain.
func (s *Service) chainEnds(ctx context.Context, settled map[int64]string) (map[int64]int64, error) {
	ends, verdicts := map[int64]int64{}, map[int64]string{}
	for id, verdict := range settled {
		if verdict != VerdictDeferred && verdict != VerdictQuarantined {
			continue
		}
		n, err := s.db.NotificationByID(ctx, id)
		for hops := 0; err == nil && n.SettledBy != 0 && hops < maxSettledChain; hops++ {
			n, err = s.db.NotificationByID(ctx, n.SettledBy)
		}
		if err != nil {
			return nil, err
		}
		if n.ID != id {
			ends[id], verdicts[n.ID] = n.ID, n.Verdict
		}
	}
	maps.Copy(settled, verdicts)
	return ends, nil
}

// replaysSettled is, of the finished replays among replays (notification
// → its replay) whose own row was deferred or quarantined, those dealt
// with since: replay row → the row that dealt with it (its SettledBy).
// Such a replay's verdict is no longer what became of it. Rare: one read
// per such replay.
func (s *Service) replaysSettled(ctx context.Context, replays map[int64]db.Replay) (map[int64]int64, error) {
	out := map[int64]int64{}
	for _, r := range replays {
		if r.ReplayID == 0 || (r.Verdict != VerdictDeferred && r.Verdict != VerdictQuarantined) {
			continue
		}
		n, err := s.db.NotificationByID(ctx, r.ReplayID)
		if err != nil {
			return nil, err
		}
		if n.SettledBy != 0 {
			out[r.ReplayID] = n.SettledBy
		}
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
	ReplayID int64     // the replay's own inbox row once finished; 0 while it runs
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
		return "", &ReplayedError{ID: id, Actor: r.Actor, Started: r.StartedAt, Finished: r.FinishedAt, Verdict: r.Verdict, ReplayID: r.ReplayID}
	}
	work, cancel := context.WithTimeout(ctx, leaseWork)
	defer cancel()
	note := fmt.Sprintf("replay of #%d by %s", id, actor)
	got, err := s.receive(work, Inbound{RequestTime: n.RequestTime, Body: body, Note: note,
		replay: &replayClaim{of: id, holder: holder}})
	verdict := got.Verdict
	switch {
	case errors.Is(err, ErrUnhandled):
		verdict, err = VerdictUnhandled, nil
	case errors.Is(err, ErrDeferred):
		verdict, err = VerdictDeferred, nil
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
