package checkout

import (
	"bytes"
	"context"
	"errors"
	"strings"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// Verdicts: what we made of a notification. The admin inbox and the order
// timeline show them.
const (
	VerdictApplied     = "applied"     // it changed our state, or is expected news (PAYMENT_PENDING, an automatic capture)
	VerdictDuplicate   = "duplicate"   // seen before; nothing changed
	VerdictStale       = "stale"       // older than what we know; nothing changed
	VerdictQuarantined = "quarantined" // inconsistent with our records; held for staff
	VerdictForged      = "forged"      // signature, client id or time refused; never acknowledged
	VerdictUnhandled   = "unhandled"   // a kind this version does not apply yet; not acknowledged
	VerdictDeferred    = "deferred"    // about what a call of ours still in flight has not recorded yet; not acknowledged, so Antom sends it again
	// VerdictFailed: applied, but what it started failed afterwards: an
	// AUTHCODE_CREATED whose authCode applyToken refused (linkFailed), so
	// nothing was linked. Set after the fact, on the row that was applied.
	VerdictFailed = "failed"
)

// sealPurposeNotification binds sealed notification bodies to the inbox.
const sealPurposeNotification = "notification-body"

// ErrUnhandled means the notification was recorded but this version has no
// rule for its kind, so it must not be acknowledged: Antom will send it
// again, by which time a newer version may apply it.
var ErrUnhandled = errors.New("checkout: notification kind not handled")

// ErrDeferred means the notification was recorded (verdict VerdictDeferred)
// but names something a call of ours still in flight has not recorded
// yet — notifyCapture of an automatic capture, which names the payment
// only by the paymentId that pay's answer brings, overtaking that answer.
// It is not acknowledged: Antom in production sends it again on its
// schedule (API.md §6.1; its sandbox does not). Either way the stored row
// is re-applied once a payment of ours has that paymentId
// (reapplyDeferred), and a resend after that is a duplicate. A deferral
// ends: once none of the payments that waited for their paymentId when
// it came can have it any more, it and its resends are stale — a capture
// of a payment we do not know, acknowledged — and the reconciler settles
// the stored row so.
var ErrDeferred = errors.New("checkout: notification about what we have not recorded yet")

// Inbound is a notification whose signature, client id and time have been
// verified.
type Inbound struct {
	RequestTime string
	Body        []byte
	Note        string // put before the inbox row's detail and the timeline line (e.g. "replay of #12 by …")

	replay *replayClaim // set by Replay: the inbox row is the replay's own
	// validJSON: receive decoded Body as it was sent (antom.TextJSON
	// changed nothing), so it is valid JSON and its redaction need not
	// check that again (antom.RedactValid).
	validJSON bool
}

// replayClaim is a replay's claim on the notification it replays
// (db.ClaimReplay): its inbox row is stored with it (db.InsertReplayRow).
type replayClaim struct {
	of     int64 // the notification replayed
	holder string
}

// storeRow adds a notification's inbox row in the batch's transaction: a
// replay's with its id stored on the replay, any other kept to be
// written at the commit. A replay that is not deferred again deals with
// the deferred or quarantined rows it replays (db.SettleDeferred): they
// wait no longer.
func storeRow(ctx context.Context, q *db.Queries, row db.Notification, n Inbound) error {
	if n.replay != nil {
		id, err := q.InsertReplayRow(ctx, row, n.replay.of, n.replay.holder)
		if err != nil || row.Verdict == VerdictDeferred {
			return err
		}
		return q.SettleDeferred(ctx, n.replay.of, id)
	}
	return q.QueueNotification(ctx, row)
}

// outcome is what applying a notification decided. after, if set, runs
// once the transaction has committed (e.g. calling Antom, waking pages).
type outcome struct {
	verdict string
	detail  string
	subject string // the timeline it belongs to, if any
	// quiet: no line on subject's timeline (news told there already);
	// the inbox row still links the order.
	quiet  bool
	awaits string // a deferred notification's paymentId, to re-apply it once a payment has it (reapplyDeferred)
	// awaitsAttempt: of a deferred notification, the newest attempt it
	// waits for (db.Notification.AwaitsAttempt)
	awaitsAttempt int64
	after         func(ctx context.Context)
}

// applier applies one kind of notification, decoded once
// (antom.ParseNotification), inside the inbox transaction.
type applier func(s *Service, ctx context.Context, q *db.Queries, n *antom.Notification) (outcome, error)

// appliers maps a notification kind (see kindName) to its rule. Built
// once, in init: the rules reach receive again (replays), which a
// variable's initializer may not.
var appliers map[string]applier

func init() {
	appliers = map[string]applier{
		antom.NotifyAuthCodeCreated: (*Service).applyAuthCodeCreated,
		antom.NotifyTokenCanceled:   (*Service).applyTokenCanceled,
		antom.NotifyPaymentResult:   (*Service).applyPaymentResult,
		antom.NotifyPaymentPending:  (*Service).applyPaymentPending,
		antom.NotifyCaptureResult:   (*Service).applyCaptureResult,
		antom.NotifyRefundResult:    (*Service).applyRefundResult,
	}
}

// Received is what a notification was, for the request's log line: its
// kind (AUTHCODE_CREATED, PAYMENT_RESULT, …; "UNKNOWN" if it names
// none), the paymentRequestId it names ("" if none) and our verdict (""
// if it was not stored).
type Received struct {
	Kind             string
	PaymentRequestID string
	Verdict          string
}

// ReceiveNotification stores a verified notification in the inbox and
// applies it, in one transaction (shared with other notifications that
// arrive meanwhile, each in its own savepoint: notify_commit.go), and
// returns once it has committed, with the verdict. Only a nil error may
// be acknowledged.
func (s *Service) ReceiveNotification(ctx context.Context, n Inbound) (string, error) {
	r, err := s.Receive(ctx, n)
	return r.Verdict, err
}

// Receive is ReceiveNotification telling also what the notification was
// about (its kind and paymentRequestId), read from its one decoding.
func (s *Service) Receive(ctx context.Context, n Inbound) (Received, error) {
	r, err := s.receive(ctx, n)
	if err != nil && !errors.Is(err, ErrUnhandled) && !errors.Is(err, ErrDeferred) {
		s.obs.Notification(r.Kind, VerdictError)
	} else {
		s.obs.Notification(r.Kind, r.Verdict)
	}
	return r, err
}

// receive is Receive without the counting (replays use it).
func (s *Service) receive(ctx context.Context, n Inbound) (Received, error) {
	// Decoded as text (antom.TextJSON: NUL and bytes that are not UTF-8
	// as U+FFFD), so none of its values fails a text column; the body as
	// sent is what the inbox keeps (sealed). Decoded once: its rule reads
	// its kind's members from what this decoded.
	text := antom.TextJSON(n.Body)
	parsed, err := antom.ParseNotification(text)
	if err != nil {
		// Signed, but naming no kind we can read (no notifyType, not
		// JSON): kept as a kind this version does not apply is — sealed,
		// redacted, answered 501 — so that Antom sends it again and staff
		// see it in the inbox, never only in a log line.
		n.Note = joinNote(n.Note, "names no notification kind")
		r := Received{Kind: "UNKNOWN"}
		r.Verdict, err = s.applyNotification(ctx, r.Kind, "", n, nil)
		return r, err
	}
	n.validJSON = bytes.Equal(text, n.Body)
	kind := parsed.Kind()
	r := Received{Kind: kindName(kind), PaymentRequestID: kind.PaymentRequestID}
	r.Verdict, err = s.applyNotification(ctx, r.Kind, kind.PaymentRequestID, n, parsed)
	return r, err
}

// applyNotification stores and applies a notification of kind name, in
// its savepoint of a batch's transaction (notify_commit.go); it returns
// once that has committed, or with the error that kept it from it.
// payment is the paymentRequestId the body names, if any; parsed is n's
// body decoded (as text: antom.TextJSON).
func (s *Service) applyNotification(ctx context.Context, name, payment string, n Inbound, parsed *antom.Notification) (string, error) {
	apply, ok := appliers[name]
	// Sealed and redacted before queuing: the batch's transaction holds
	// the one writer only for the database work.
	row := s.inboxRow(name, n, "", "")
	if !ok {
		row.Verdict = VerdictUnhandled
		if err := s.notify.commit(ctx, func(ctx context.Context, q *db.Queries) error {
			return storeRow(ctx, q, row, n)
		}); err != nil {
			return "", err
		}
		return VerdictUnhandled, ErrUnhandled
	}
	var out outcome
	if name != antom.NotifyPaymentResult && name != antom.NotifyPaymentPending {
		payment = "" // not looked up by it
	}
	then := func() {
		if out.after != nil {
			out.after(context.WithoutCancel(ctx))
		}
	}
	err := s.notify.commitAbout(ctx, payment, func(ctx context.Context, q *db.Queries) error {
		var err error
		if out, err = apply(s, ctx, q, parsed); err != nil {
			return err
		}
		if out.subject != "" && !out.quiet {
			s.record(ctx, q, out.subject, EventNotification, name+": "+out.verdict+detailSuffix(joinNote(n.Note, out.detail)))
		}
		row.Verdict, row.Detail, row.Subject, row.Awaits = out.verdict, joinNote(n.Note, out.detail), out.subject, out.awaits
		row.AwaitsAttempt = out.awaitsAttempt
		if err = storeRow(ctx, q, row, n); err != nil {
			return err
		}
		s.hit(PointNotifyTx)
		return nil
	}, then)
	if err != nil {
		return "", err
	}
	if out.verdict == VerdictDeferred {
		return out.verdict, ErrDeferred
	}
	return out.verdict, nil
}

func detailSuffix(detail string) string {
	if detail == "" {
		return ""
	}
	return " (" + detail + ")"
}

func (s *Service) inboxRow(kind string, n Inbound, verdict, detail string) db.Notification {
	redact := antom.Redact
	if n.validJSON {
		redact = antom.RedactValid
	}
	return db.Notification{
		ReceivedAt:  s.now(),
		Kind:        kind,
		RequestTime: n.RequestTime,
		BodySealed:  s.sealer.Seal(n.Body, sealPurposeNotification),
		// Shown as text: JSON's \u0000 escape is kept, a byte that is not
		// UTF-8 (which a text column refuses) is shown as U+FFFD's escape.
		BodyRedacted: strings.ToValidUTF8(string(redact(n.Body)), `\ufffd`),
		Verdict:      verdict,
		Detail:       joinNote(n.Note, detail),
	}
}

// joinNote puts an inbound note before a detail.
func joinNote(note, detail string) string {
	switch {
	case note == "":
		return detail
	case detail == "":
		return note
	}
	return note + "; " + detail
}

// kindName names a notification by its type: AUTHCODE_CREATED,
// TOKEN_CANCELED, PAYMENT_RESULT, CAPTURE_RESULT, REFUND_RESULT, …
func kindName(k antom.NotifyKind) string {
	if k.AuthorizationNotifyType != "" {
		return k.AuthorizationNotifyType
	}
	if k.NotifyType != "" {
		return k.NotifyType
	}
	return "UNKNOWN"
}
