package checkout

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// Replaying an applied notification goes through the same path: it is a
// duplicate, changes nothing, and is a new inbox row naming the original.
func TestReplayOfAppliedNotificationIsDuplicate(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "replay@example.com")
	e.svc.Wait()
	in, err := e.svc.NotificationInbox(e.ctx, "", 1)
	check(t, err)
	var original InboxEntry
	for _, n := range in.Entries {
		if n.Kind == "PAYMENT_RESULT" {
			original = n
		}
	}
	if original.ID == 0 || !original.Replayable {
		t.Fatalf("no replayable PAYMENT_RESULT in the inbox: %+v", in.Entries)
	}
	if strings.Contains(original.Body, "paymentMethodId") && !strings.Contains(original.Body, "[redacted]") {
		t.Fatalf("body not redacted: %s", original.Body)
	}
	before := e.attempt(o.Ref)
	timeline := len(e.adminOrder(o.Ref).Timeline)

	verdict, err := e.svc.Replay(e.ctx, staffActor, original.ID)
	check(t, err)
	assertEqual(t, verdict, VerdictDuplicate, "replay verdict")
	after := e.attempt(o.Ref)
	assertEqual(t, after.Status, before.Status, "attempt status")
	assertEqual(t, after.UpdatedAt, before.UpdatedAt, "attempt updated")

	in, err = e.svc.NotificationInbox(e.ctx, VerdictDuplicate, 1)
	check(t, err)
	if len(in.Entries) == 0 || !strings.HasPrefix(in.Entries[0].Detail, "replay of #") ||
		!strings.Contains(in.Entries[0].Detail, staffActor) {
		t.Fatalf("replay row: %+v", in.Entries)
	}
	d := e.adminOrder(o.Ref)
	assertEqual(t, len(d.Timeline), timeline+1, "timeline lines")
	assertTimeline(t, d, EventNotification, "PAYMENT_RESULT: duplicate (replay of #")
}

func TestForgedNotificationCannotBeReplayed(t *testing.T) {
	e := newEnv(t, Options{})
	check(t, e.svc.RecordForged(e.ctx, "2026-11-22T10:00:00Z", []byte(`{"notifyType":"PAYMENT_RESULT","accessToken":"secret"}`), "bad signature"))
	in, err := e.svc.NotificationInbox(e.ctx, VerdictForged, 1)
	check(t, err)
	if len(in.Entries) != 1 || in.Entries[0].Replayable || strings.Contains(in.Entries[0].Body, "secret") {
		t.Fatalf("forged row: %+v", in.Entries)
	}
	if _, err := e.svc.Replay(e.ctx, staffActor, in.Entries[0].ID); !errors.Is(err, ErrNotReplayable) {
		t.Fatalf("replay of a forged notification: %v", err)
	}
	if _, err := e.svc.Replay(e.ctx, staffActor, 9999); !errors.Is(err, ErrNotFound) {
		t.Fatalf("replay of nothing: %v", err)
	}
}

func TestInboxPagesAndFilters(t *testing.T) {
	e := newEnv(t, Options{})
	for i := 0; i < InboxPageSize+3; i++ {
		check(t, e.svc.RecordForged(e.ctx, "t", []byte(`{"notifyType":"PAYMENT_RESULT"}`), "bad signature"))
	}
	first, err := e.svc.NotificationInbox(e.ctx, "", 1)
	check(t, err)
	second, err := e.svc.NotificationInbox(e.ctx, "", 2)
	check(t, err)
	if len(first.Entries) != InboxPageSize || !first.HasNext || len(second.Entries) != 3 || second.HasNext {
		t.Fatalf("pages: %d (next %v), %d (next %v)", len(first.Entries), first.HasNext, len(second.Entries), second.HasNext)
	}
	if first.Entries[0].ID < first.Entries[1].ID {
		t.Fatal("not newest first")
	}
	none, err := e.svc.NotificationInbox(e.ctx, VerdictApplied, 1)
	check(t, err)
	assertEqual(t, len(none.Entries), 0, "applied notifications")
	if _, err := e.svc.NotificationInbox(e.ctx, "nonsense", 1); !errors.Is(err, ErrUnknownVerdict) {
		t.Fatalf("an unknown verdict: %v", err)
	}
	odd, err := e.svc.NotificationInbox(e.ctx, " Forged", 0)
	check(t, err)
	assertEqual(t, odd.Verdict+"/"+strings.Repeat("x", odd.Page)+"/"+strconv.Itoa(len(odd.Entries)), "forged/x/20", "a verdict in another case, page 0")
}
