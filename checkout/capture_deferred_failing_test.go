package checkout

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"antom-checkout/db"
)

// lockedBuffer is a log's output, read while background work may write.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// count is how many lines hold s.
func (l *lockedBuffer) count(s string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Count(l.b.String(), s)
}

// Deferred rows whose re-application fails every time (here: bodies that
// no longer open) neither keep a later row from being re-applied — a
// full pass of them (maxReapply) goes behind it — nor log a line every
// reconciler pass: each backs off, and at maxReapplyFailures is set
// aside for staff, which its inbox row says.
func TestDeferredRowsThatFailDoNotBlockOthers(t *testing.T) {
	e := newEnv(t, Options{})
	var logged lockedBuffer
	e.svc.log = slog.New(slog.NewTextHandler(&logged, nil))
	b := e.buyer("failingrows@example.com")
	a := e.waitingCard(b)
	check(t, e.db.SetAttemptPaymentID(e.ctx, a.ID, "PAY-KNOWN", e.svc.now()))
	deferredRow := func(sealed []byte) int64 {
		t.Helper()
		id, err := e.db.InsertNotification(e.ctx, db.Notification{ReceivedAt: e.svc.now(), Kind: "CAPTURE_RESULT",
			BodySealed: sealed, BodyRedacted: `{}`, Verdict: VerdictDeferred, Awaits: "PAY-KNOWN", AwaitsAttempt: a.ID})
		check(t, err)
		return id
	}
	failing := make([]int64, maxReapply)
	for i := range failing {
		failing[i] = deferredRow([]byte("not a sealed body"))
	}
	body := captureBody(db.Capture{CaptureRequestID: "AUTO_PAY-KNOWN", CaptureID: "CAPID-KNOWN", Currency: a.Currency, Amount: a.Amount},
		"PAY-KNOWN", "S", "SUCCESS")
	good := deferredRow(e.sealer.Seal(body, sealPurposeNotification))

	for range 3 {
		e.svc.reapplyDeferred(e.ctx, "")
	}
	n, err := e.db.NotificationByID(e.ctx, good)
	check(t, err)
	if n.SettledBy == 0 {
		t.Fatal("the row behind a full pass of failing rows was not re-applied")
	}
	assertEqual(t, logged.count("re-apply deferred notification"), maxReapply, "log lines after three passes: one per failing row")

	for i := 1; i < maxReapplyFailures; i++ {
		e.later(time.Duration(i) * 2 * reapplyBackoff.most) // past every row's backoff
		e.svc.reapplyDeferred(e.ctx, "")
	}
	assertEqual(t, logged.count("set aside for staff"), maxReapply, "rows set aside")
	before := logged.count("re-apply deferred notification")
	assertEqual(t, before, maxReapply*maxReapplyFailures, "log lines: one per try")
	e.later(time.Duration(maxReapplyFailures) * 2 * reapplyBackoff.most)
	e.svc.reapplyDeferred(e.ctx, "")
	assertEqual(t, logged.count("re-apply deferred notification"), before, "log lines once set aside")

	entry, err := e.svc.NotificationEntry(e.ctx, failing[0])
	check(t, err)
	assertEqual(t, entry.ReapplyFailures, maxReapplyFailures, "failures on the inbox row")
	assertEqual(t, entry.SetAside, true, "set aside for staff")
	assertEqual(t, entry.Verdict, VerdictDeferred, "still waiting, for staff")
}
