package db

import (
	"context"
	"fmt"
	"time"
)

// Payment attempt statuses, after Antom's paymentStatus. PROCESSING is the
// only non-final one; a final status is only ever written over it.
const (
	AttemptProcessing = "PROCESSING"
	AttemptSuccess    = "SUCCESS"
	AttemptFail       = "FAIL"
	AttemptCancelled  = "CANCELLED"
)

// Where a final status came from: Antom said it (a pay answer, a
// notification, an inquiry, a confirmed cancel), or we decided it
// ourselves (ORDER_NOT_EXIST past expiry) and Antom has not confirmed it.
const (
	SourceAntom = "ANTOM"
	SourceOurs  = "OURS"
)

// Cancel statuses: a cancel we asked Antom for (API.md §5.5). PROCESSING
// waits for Antom's answer and is asked again until it comes.
const (
	CancelProcessing = "PROCESSING"
	CancelSuccess    = "SUCCESS"
	CancelFail       = "FAIL"
	// CancelInDoubt: Antom said SUCCESS while a cancel of ours was under
	// way; the cancel may still have taken effect (cancelling a paid
	// payment gives the money back, API.md §5.5), so inquiryPayment is
	// asked until it is known.
	CancelInDoubt = "IN_DOUBT"
)

// Attempt methods.
const (
	MethodWallet = "WALLET"
	MethodCard   = "CARD"
)

// Attempt is one pay call (one paymentRequestId) for an order.
type Attempt struct {
	ID               int64
	OrderID          int64
	PaymentRequestID string
	Method           string
	WalletID         int64
	Currency         string
	Amount           int64
	Status           string
	ResultCode       string
	PaymentID        string
	PaidAt           time.Time
	ExpiresAt        time.Time
	NextCheckAt      time.Time
	Checks           int
	ManualCheckAt    time.Time
	CreatedAt        time.Time
	UpdatedAt        time.Time
	FinalSource      string // "" while PROCESSING, then SourceAntom or SourceOurs
	CancelStatus     string // "" or the cancel we asked for: CancelProcessing, …
	Surplus          bool   // it succeeded after another attempt had paid the order: given back
	// An attempt CANCELLED with a PaidAt was paid, then cancelled by a
	// cancel of ours that Antom confirmed: the money went back to the
	// buyer (see CancelledAfterPayment).

	// Card attempts (hosted page).
	KeepCard      bool      // the buyer asked to keep the card
	CardID        int64     // paying with a kept card
	CaptureMode   string    // AUTOMATIC or MANUAL
	RedirectURL   string    // Antom's normalUrl for this attempt
	AuthExpiresAt time.Time // a MANUAL authorization must be captured before this
	CardBrand     string
	CardLast4     string
	// ReturnedAt is when the buyer came back from the hosted page through
	// our paymentRedirectUrl while the attempt was open; zero when not, or
	// once an inquiry since said the payment is still PROCESSING (the
	// buyer left the page without paying).
	ReturnedAt time.Time
	// AbandonedAt is when the buyer chose to pay another way instead of
	// finishing this card payment (MarkAbandoned); zero when they did not
	// — a cancel of ours then had another reason (its card page expired,
	// another attempt paid the order).
	AbandonedAt time.Time
	// ConflictHeldAt is when the app first held a cancel of its own of
	// this attempt for a paymentId conflict (HoldPaymentIDConflict,
	// HoldStoredCancel); zero when it never did. See CancelHeld.
	ConflictHeldAt time.Time
	// CancelAskedBy is who asked for the attempt's cancel, and why, as
	// stored with it (checkout's CancelBy* values); "" for a cancel
	// stored before migration 50, and for none.
	CancelAskedBy string
	// EndChecksStoppedAt is when the reconciler stopped asking Antom
	// whether this authorization, ended uncaptured in our books, was
	// captured outside this app (StopEndChecks): Antom never answered so
	// for as long as an authorization can be held, and the order stays
	// AUTHORIZED for staff to decide; zero while it asks, and for none.
	EndChecksStoppedAt time.Time
}

// CancelHeld reports whether a's cancel is stored (PROCESSING) but held
// for a paymentId conflict: a cancel the app decided by itself (not the
// buyer's "pay another way": AbandonedAt zero) of a payment Antom has not
// settled (PROCESSING, or closed by us), which the app no longer sends
// since it learned the conflict (ConflictHeldAt). Staff decide; Antom's
// settlement still ends it (SettleAttempt). The SQL twin is heldCancelA.
func (a Attempt) CancelHeld() bool {
	return a.CancelStatus == CancelProcessing && a.AbandonedAt.IsZero() && !a.ConflictHeldAt.IsZero() &&
		(a.Status == AttemptProcessing || a.FinalSource == SourceOurs)
}

// heldForConflictA is, of a payment_attempts row a still PROCESSING, that
// the app holds it for a paymentId conflict: a cancel of its own (at the
// payment's expiry, or its stored one: heldCancelA) is not sent, and staff
// decide — the buyer's "pay another way" (abandoned_at) is never held.
// The dashboard counts such a payment once, as a paymentId conflict
// (CountOpenAttemptsBefore leaves it out).
const heldForConflictA = `(a.payment_id_conflict_held_at != '' AND a.abandoned_at = '')`

// conflictAlarmedA is, of a payment_attempts row a, that it has a
// PaymentIDConflict whose alarm staff have not resolved: the dashboard's
// paymentId conflicts count (PaymentIDConflictOrders) has it, held or
// not yet (before its expiry), so CountOpenAttemptsBefore leaves it out
// — it is counted once, as the conflict.
const conflictAlarmedA = `(EXISTS (SELECT 1 FROM payment_id_conflicts c WHERE c.attempt_id = a.id)
	AND NOT EXISTS (SELECT 1 FROM alarm_resolutions r WHERE r.attempt_id = a.id AND r.alarm = '` + AlarmPaymentIDConflict + `'))`

// heldCancelA is Attempt.CancelHeld over payment_attempts alias a.
const heldCancelA = `(a.cancel_status = 'PROCESSING' AND a.abandoned_at = '' AND a.payment_id_conflict_held_at != ''
	AND (a.status = 'PROCESSING' OR a.final_source = 'OURS'))`

// An attempt's card page (CardPage): where a card attempt's page (a new
// card's hosted page, or a kept card's 3-D Secure page) stands before
// the buyer is sent there. CardPageAsking while our pay call is out (set
// in the transaction that inserts the attempt, cleared once the call's
// answer is applied), CardPageRefused when Antom's answer pointed
// outside the gateway's host; "" otherwise — the page's address is
// Attempt.RedirectURL, or the call ended without one (its outcome then
// settles as any other), or an attempt made before its mark existed
// (migration 38 for new cards; kept cards were marked later).
const (
	CardPageAsking  = "asking"
	CardPageRefused = "refused"
)

const attemptColumns = `id, order_id, payment_request_id, method, COALESCE(wallet_id, 0), currency, amount,
	status, result_code, payment_id, paid_at, expires_at, next_check_at, checks, manual_check_at,
	created_at, updated_at, keep_card, COALESCE(card_id, 0), capture_mode, redirect_url, auth_expires_at,
	card_brand, card_last4, final_source, cancel_status, surplus, returned_at, abandoned_at,
	payment_id_conflict_held_at, cancel_asked_by, end_checks_stopped_at`

func scanAttempt(row scanner) (Attempt, error) {
	var a Attempt
	var t attemptTimes
	err := row.Scan(t.into(&a)...)
	t.set(&a)
	return a, err
}

// attemptTimes holds an attempt's time columns as read (text), between a
// scan into attemptColumns and setting them on the Attempt.
type attemptTimes struct {
	paid, expires, next, manual, created, updated, authExpires, returned, abandoned, held, endStopped string
}

// into lists the scan destinations of attemptColumns, in their order,
// for a and t.
func (t *attemptTimes) into(a *Attempt) []any {
	return []any{&a.ID, &a.OrderID, &a.PaymentRequestID, &a.Method, &a.WalletID, &a.Currency, &a.Amount,
		&a.Status, &a.ResultCode, &a.PaymentID, &t.paid, &t.expires, &t.next, &a.Checks, &t.manual, &t.created, &t.updated,
		&a.KeepCard, &a.CardID, &a.CaptureMode, &a.RedirectURL, &t.authExpires, &a.CardBrand, &a.CardLast4,
		&a.FinalSource, &a.CancelStatus, &a.Surplus, &t.returned, &t.abandoned, &t.held, &a.CancelAskedBy, &t.endStopped}
}

// set parses the times read into a.
func (t *attemptTimes) set(a *Attempt) {
	a.PaidAt, a.ExpiresAt, a.NextCheckAt = parseTime(t.paid), parseTime(t.expires), parseTime(t.next)
	a.ManualCheckAt, a.CreatedAt, a.UpdatedAt = parseTime(t.manual), parseTime(t.created), parseTime(t.updated)
	a.AuthExpiresAt, a.ReturnedAt, a.AbandonedAt = parseTime(t.authExpires), parseTime(t.returned), parseTime(t.abandoned)
	a.ConflictHeldAt, a.EndChecksStoppedAt = parseTime(t.held), parseTime(t.endStopped)
}

// InsertAttempt records an attempt before pay is called. ErrDuplicate
// means the order already has a PROCESSING attempt.
func (q *Queries) InsertAttempt(ctx context.Context, a Attempt) (int64, error) {
	q.attemptInserted()
	return insertNew(ctx, q.q, "insert attempt", `INSERT INTO payment_attempts (order_id, payment_request_id, method,
		wallet_id, currency, amount, status, expires_at, next_check_at, created_at, updated_at,
		keep_card, card_id, capture_mode) VALUES (?, ?, ?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), ?)
		ON CONFLICT DO NOTHING RETURNING id`,
		a.OrderID, a.PaymentRequestID, a.Method, a.WalletID, a.Currency, a.Amount, a.Status,
		formatTime(a.ExpiresAt), formatTime(a.NextCheckAt), formatTime(a.CreatedAt), formatTime(a.CreatedAt),
		a.KeepCard, a.CardID, a.CaptureMode)
}

// AttemptByID returns an attempt; ErrNotFound if there is none.
func (q *Queries) AttemptByID(ctx context.Context, id int64) (Attempt, error) {
	return q.attempt(ctx, `WHERE id = ?`, id)
}

// AttemptByRequestID returns the attempt of a paymentRequestId.
func (q *Queries) AttemptByRequestID(ctx context.Context, requestID string) (Attempt, error) {
	if q.knownAbsent(requestID) {
		return Attempt{}, ErrNotFound
	}
	return q.attempt(ctx, `WHERE payment_request_id = ?`, requestID)
}

// AttemptAndOrderByRequestID returns the attempt of a paymentRequestId and
// its order, in one query; ErrNotFound if there is no such attempt. In a
// transaction, what PrefetchAttempts read answers without a query.
func (q *Queries) AttemptAndOrderByRequestID(ctx context.Context, requestID string) (Attempt, Order, error) {
	if q.knownAbsent(requestID) {
		return Attempt{}, Order{}, ErrNotFound
	}
	if a, o, ok := q.prefetched(requestID); ok {
		return a, o, nil
	}
	v, err := queryOne(ctx, q.q, "attempt and order", scanAttemptAndOrder,
		`SELECT a.*, o.* FROM (SELECT `+attemptColumns+` FROM payment_attempts WHERE payment_request_id = ?) a
		JOIN (SELECT `+orderColumns+` FROM orders) o ON o.id = a.order_id`, requestID)
	return v.a, v.o, err
}

// LatestAttempt returns the attempt that speaks for an order: the one
// that paid it, else its newest (surplus attempts never); ErrNotFound if
// none.
func (q *Queries) LatestAttempt(ctx context.Context, orderID int64) (Attempt, error) {
	return queryOne(ctx, q.q, "attempt", scanAttempt, `SELECT `+attemptColumns+` FROM payment_attempts WHERE order_id = ? AND `+latestAttempt, orderID)
}

// latestAttempt picks, among an order's attempts, the one LatestAttempt
// returns.
const latestAttempt = `surplus = 0 ORDER BY CASE WHEN status = 'SUCCESS' THEN 0 ELSE 1 END, id DESC LIMIT 1`

// AttemptByPaymentID returns the attempt Antom gave a paymentId.
func (q *Queries) AttemptByPaymentID(ctx context.Context, paymentID string) (Attempt, error) {
	if paymentID == "" {
		return Attempt{}, ErrNotFound
	}
	return q.attempt(ctx, `WHERE payment_id = ?`, paymentID)
}

// OpenAttempt returns an order's PROCESSING attempt; ErrNotFound if none.
func (q *Queries) OpenAttempt(ctx context.Context, orderID int64) (Attempt, error) {
	return q.attempt(ctx, `WHERE order_id = ? AND status = 'PROCESSING'`, orderID)
}

func (q *Queries) attempt(ctx context.Context, where string, args ...any) (Attempt, error) {
	return queryOne(ctx, q.q, "attempt", scanAttempt, `SELECT `+attemptColumns+` FROM payment_attempts `+where, args...)
}

// AttemptsToCheck returns the attempts whose next check is due: open
// ones, ones with a cancel waiting for Antom's answer, and ones we closed
// ourselves that are still watched.
func (q *Queries) AttemptsToCheck(ctx context.Context, now time.Time) ([]Attempt, error) {
	return queryAll(ctx, q.q, "attempts to check", scanAttempt, `SELECT `+attemptColumns+` FROM payment_attempts
		WHERE next_check_at != '' AND next_check_at <= ? ORDER BY next_check_at, id`, formatTime(now))
}

// SetAttemptPaymentID records the paymentId Antom gave an attempt.
func (q *Queries) SetAttemptPaymentID(ctx context.Context, id int64, paymentID string, now time.Time) error {
	_, err := q.q.ExecContext(ctx, `UPDATE payment_attempts SET payment_id = ?, updated_at = ?
		WHERE id = ? AND payment_id = ''`, paymentID, formatTime(now), id)
	if err != nil {
		return fmt.Errorf("db: set payment id: %w", err)
	}
	return nil
}

// Settlement is a final outcome written over an attempt.
type Settlement struct {
	Status      string
	Code        string
	PaymentID   string // kept when empty
	PaidAt      time.Time
	Source      string    // SourceAntom or SourceOurs
	NextCheckAt time.Time // zero: nothing left to ask Antom
	// DoubtCheckAt is when to ask about a SUCCESS written over a cancel of
	// ours still under way (see SettleAttempt).
	DoubtCheckAt time.Time
}

// CancelledAfterPayment reports an attempt that was paid and then
// cancelled at Antom by a cancel of ours: the money went back.
func (a Attempt) CancelledAfterPayment() bool {
	return a.Status == AttemptCancelled && !a.PaidAt.IsZero()
}

// SettleAttempt writes a final outcome over an attempt that is still in
// the state it was read in: PROCESSING (fromSource ""), or a final status
// we decided ourselves (fromSource SourceOurs) that Antom now settles. A
// cancel still waiting for Antom's answer is no longer wanted: it is
// dropped — unless the outcome is SUCCESS, when it may still have taken
// effect: it is IN_DOUBT and the attempt is checked again at doubtCheck.
// It reports false when the attempt has moved meanwhile — or has another
// paymentId on record than s.PaymentID ("" names none): a paymentId once
// stored never changes, and an answer naming another one for the same
// paymentRequestId settles nothing (the caller tells it).
func (q *Queries) SettleAttempt(ctx context.Context, id int64, fromStatus, fromSource string, s Settlement, now time.Time) (bool, error) {
	q.tx.forgetAttempt(id)
	st := settleAttemptStatement(id, fromStatus, fromSource, s, now)
	return q.declaredWrite().changed(ctx, "settle attempt", st.query, st.args...)
}

// settleAttemptStatement is SettleAttempt's UPDATE.
func settleAttemptStatement(id int64, fromStatus, fromSource string, s Settlement, now time.Time) statement {
	doubt := 0
	if s.Status == AttemptSuccess {
		doubt = 1
	}
	return statement{`UPDATE payment_attempts SET status = ?, result_code = ?,
		payment_id = CASE WHEN ? != '' THEN ? ELSE payment_id END, paid_at = ?, final_source = ?,
		next_check_at = CASE WHEN cancel_status = 'PROCESSING' AND ? = 1 THEN ? ELSE ? END,
		cancel_status = CASE WHEN cancel_status != 'PROCESSING' THEN cancel_status WHEN ? = 1 THEN 'IN_DOUBT' ELSE '' END,
		updated_at = ?
		WHERE id = ? AND status = ? AND final_source = ? AND (? = '' OR payment_id = '' OR payment_id = ?)`, []any{
		s.Status, s.Code, s.PaymentID, s.PaymentID, formatTime(s.PaidAt), s.Source,
		doubt, formatTime(s.DoubtCheckAt), formatTime(s.NextCheckAt), doubt,
		formatTime(now), id, fromStatus, fromSource, s.PaymentID, s.PaymentID}}
}

// CancelPaidAttempt records that Antom cancelled a SUCCESS attempt at our
// request (API.md §5.5: the buyer gets the money back): CANCELLED as
// Antom says, its PaidAt kept, nothing left to ask. False if the attempt
// is not SUCCESS.
func (q *Queries) CancelPaidAttempt(ctx context.Context, id int64, now time.Time) (bool, error) {
	return q.changed(ctx, "cancel paid attempt", `UPDATE payment_attempts SET status = 'CANCELLED',
		result_code = 'ORDER_IS_CANCELED', final_source = 'ANTOM', cancel_status = 'SUCCESS', next_check_at = '',
		updated_at = ? WHERE id = ? AND status = 'SUCCESS'`, formatTime(now), id)
}

// PaidBeforeCancel records that an attempt Antom cancelled at our
// request (CANCELLED, as Antom says, with no paid time) had been paid
// before the cancel reached it — Antom's SUCCESS, or its capture, came
// after the cancel's answer — so the cancel gave the buyer the money
// back (API.md §5.5): paidAt (UTC; must not be zero) is set, and
// paymentID where the attempt has none. The attempt stays CANCELLED,
// nothing left to ask. False if the attempt is not such a one (already
// paid-then-cancelled, or in another state).
func (q *Queries) PaidBeforeCancel(ctx context.Context, id int64, paidAt time.Time, paymentID string, now time.Time) (bool, error) {
	if paidAt.IsZero() {
		return false, fmt.Errorf("db: paid before cancel: no paid time")
	}
	return q.changed(ctx, "paid before cancel", `UPDATE payment_attempts SET paid_at = ?,
		payment_id = CASE WHEN payment_id = '' THEN ? ELSE payment_id END, cancel_status = 'SUCCESS',
		next_check_at = '', updated_at = ?
		WHERE id = ? AND status = 'CANCELLED' AND final_source = 'ANTOM' AND paid_at = ''`,
		formatTime(paidAt), paymentID, formatTime(now), id)
}

// EndCancelDoubt ends the doubt over a cancel of a SUCCESS attempt with
// status (SUCCESS: Antom voided the authorization; FAIL: the payment
// stands) and stops asking. False if there was nothing to end.
func (q *Queries) EndCancelDoubt(ctx context.Context, id int64, status string, now time.Time) (bool, error) {
	return q.changed(ctx, "end cancel doubt", `UPDATE payment_attempts SET cancel_status = ?, next_check_at = '',
		updated_at = ? WHERE id = ? AND status = 'SUCCESS' AND cancel_status != 'SUCCESS'`, status, formatTime(now), id)
}

// ScheduleCheck counts a check that changed nothing and sets when to ask
// again; a zero next stops asking. It leaves an attempt nobody needs to
// ask about alone.
func (q *Queries) ScheduleCheck(ctx context.Context, id int64, next, now time.Time) error {
	_, err := q.q.ExecContext(ctx, `UPDATE payment_attempts SET checks = checks + 1, next_check_at = ?,
		updated_at = ? WHERE id = ? AND next_check_at != ''`, formatTime(next), formatTime(now), id)
	if err != nil {
		return fmt.Errorf("db: schedule check: %w", err)
	}
	return nil
}

// EndWatch stops asking about an attempt we closed ourselves (FAIL or
// CANCELLED, SourceOurs): our close is final. False if it was not
// watched (another instance ended it, or Antom settled it).
func (q *Queries) EndWatch(ctx context.Context, id int64, now time.Time) (bool, error) {
	return q.changed(ctx, "end watch", `UPDATE payment_attempts SET next_check_at = '', updated_at = ?
		WHERE id = ? AND final_source = 'OURS' AND next_check_at != ''`, formatTime(now), id)
}

// CheckSoon brings an attempt's next check forward to at (an open
// attempt, or one we closed ourselves that is still watched).
func (q *Queries) CheckSoon(ctx context.Context, id int64, at, now time.Time) error {
	_, err := q.q.ExecContext(ctx, `UPDATE payment_attempts SET next_check_at = ?, updated_at = ?
		WHERE id = ? AND next_check_at > ?`, formatTime(at), formatTime(now), id, formatTime(at))
	if err != nil {
		return fmt.Errorf("db: check soon: %w", err)
	}
	return nil
}

// RequestCancel records that Antom is to cancel an attempt, asked by
// askedBy (who and why: Attempt.CancelAskedBy): its cancel is PROCESSING
// and due at once, until SetCancelStatus ends it; a cancel not
// PROCESSING before starts its count of unanswered sends and their calls
// (CancelTally) from 0, and is askedBy's. One PROCESSING already keeps
// its asker. False if Antom has cancelled it already.
func (q *Queries) RequestCancel(ctx context.Context, id int64, askedBy string, now time.Time) (bool, error) {
	return q.changed(ctx, "request cancel", `UPDATE payment_attempts SET cancel_status = 'PROCESSING',
		cancel_requested_at = CASE WHEN cancel_status = 'PROCESSING' THEN cancel_requested_at ELSE ? END,
		cancel_sends = CASE WHEN cancel_status = 'PROCESSING' THEN cancel_sends ELSE 0 END,
		cancel_calls = CASE WHEN cancel_status = 'PROCESSING' THEN cancel_calls ELSE 0 END,
		cancel_asked_by = CASE WHEN cancel_status = 'PROCESSING' THEN cancel_asked_by ELSE ? END,
		next_check_at = ?, updated_at = ? WHERE id = ? AND cancel_status != 'SUCCESS'`,
		formatTime(now), askedBy, formatTime(now), formatTime(now), id)
}

// RequestCancelOfOpen records, as RequestCancel, that Antom is to cancel
// an attempt asked by askedBy, but only one still PROCESSING with no
// cancel stored yet: a buyer's choice to pay another way that nothing
// could send at once (another worker held the attempt, or Antom did not
// answer in time) is left to the reconciler, which asks inquiryPayment
// before it cancels. False if the attempt was settled or already has a
// cancel.
func (q *Queries) RequestCancelOfOpen(ctx context.Context, id int64, askedBy string, now time.Time) (bool, error) {
	return q.changed(ctx, "request cancel of open", `UPDATE payment_attempts SET cancel_status = 'PROCESSING',
		cancel_requested_at = ?, cancel_sends = 0, cancel_calls = 0, cancel_asked_by = ?, next_check_at = ?, updated_at = ?
		WHERE id = ? AND status = 'PROCESSING' AND cancel_status = ''`,
		formatTime(now), askedBy, formatTime(now), formatTime(now), id)
}

// SetCancelStatus ends a PROCESSING cancel with Antom's answer; false if
// it was not PROCESSING. next is when to ask about the attempt again
// (zero: never).
func (q *Queries) SetCancelStatus(ctx context.Context, id int64, status string, next, now time.Time) (bool, error) {
	return q.changed(ctx, "set cancel status", `UPDATE payment_attempts SET cancel_status = ?, next_check_at = ?,
		updated_at = ? WHERE id = ? AND cancel_status = 'PROCESSING'`, status, formatTime(next), formatTime(now), id)
}

// MarkSurplus marks a successful attempt the order did not need: another
// attempt paid it, so this one is given back.
func (q *Queries) MarkSurplus(ctx context.Context, id int64, now time.Time) (bool, error) {
	return q.changed(ctx, "mark surplus", `UPDATE payment_attempts SET surplus = 1, updated_at = ?
		WHERE id = ? AND status = 'SUCCESS' AND surplus = 0`, formatTime(now), id)
}

// ClaimManualCheck lets a buyer's "check again" through at most once per
// interval: it reports false when the last one was too recent.
func (q *Queries) ClaimManualCheck(ctx context.Context, id int64, notBefore, now time.Time) (bool, error) {
	return q.changed(ctx, "claim manual check", `UPDATE payment_attempts SET manual_check_at = ?
		WHERE id = ? AND manual_check_at < ?`, formatTime(now), id, formatTime(notBefore))
}

// SetAttemptRedirect records Antom's hosted-page URL for an attempt.
func (q *Queries) SetAttemptRedirect(ctx context.Context, id int64, url string, now time.Time) error {
	_, err := q.q.ExecContext(ctx, `UPDATE payment_attempts SET redirect_url = ?, updated_at = ? WHERE id = ?`,
		url, formatTime(now), id)
	if err != nil {
		return fmt.Errorf("db: set redirect: %w", err)
	}
	return nil
}

// CardPage returns attempt id's card page (CardPageAsking, …); ErrNotFound
// if there is no such attempt.
func (q *Queries) CardPage(ctx context.Context, id int64) (string, error) {
	return queryOne(ctx, q.q, "card page", func(row scanner) (string, error) {
		var page string
		err := row.Scan(&page)
		return page, err
	}, `SELECT card_page FROM payment_attempts WHERE id = ?`, id)
}

// SetCardPage moves attempt id's card page (CardPage) from one value to
// another: "" to CardPageAsking as it is inserted, CardPageAsking to ""
// once its pay call's answer is applied, or to CardPageRefused. False if
// it was not from.
func (q *Queries) SetCardPage(ctx context.Context, id int64, from, to string, now time.Time) (bool, error) {
	return q.changed(ctx, "set card page", `UPDATE payment_attempts SET card_page = ?, updated_at = ?
		WHERE id = ? AND card_page = ?`, to, formatTime(now), id, from)
}

// SetAttemptCard records what the buyer will recognise a card payment by,
// and when its authorization expires.
func (q *Queries) SetAttemptCard(ctx context.Context, id int64, brand, last4 string, authExpires, now time.Time) error {
	_, err := q.q.ExecContext(ctx, `UPDATE payment_attempts SET card_brand = ?, card_last4 = ?, auth_expires_at = ?,
		updated_at = ? WHERE id = ?`, brand, last4, formatTime(authExpires), formatTime(now), id)
	if err != nil {
		return fmt.Errorf("db: set attempt card: %w", err)
	}
	return nil
}

// MarkReturned records that the buyer came back from the hosted page of
// an open attempt (Attempt.ReturnedAt). False if it is not open.
func (q *Queries) MarkReturned(ctx context.Context, id int64, now time.Time) (bool, error) {
	return q.changed(ctx, "mark returned", `UPDATE payment_attempts SET returned_at = ?, updated_at = ?
		WHERE id = ? AND status = 'PROCESSING'`, formatTime(now), formatTime(now), id)
}

// MarkClosedUnseen records that attempt id, which we closed (CANCELLED or
// FAIL) before its buyer could act on it, was followed at once by a new
// attempt: its pay answer had no payment page (checkout's
// closeWithoutPage). The buyer saw nothing go wrong, so it is no failed
// payment (attemptCounted). False if it is not closed so, or was marked
// already.
func (q *Queries) MarkClosedUnseen(ctx context.Context, id int64) (bool, error) {
	return q.changed(ctx, "mark closed unseen", `UPDATE payment_attempts SET closed_unseen = 1
		WHERE id = ? AND status IN ('CANCELLED', 'FAIL') AND closed_unseen = 0`, id)
}

// MarkAbandoned records when the buyer chose to pay another way instead
// of finishing attempt id (left Antom's card page: checkout's
// PayAnotherWay), the first time only. It changes nothing else: the
// attempt is settled as Antom says. False if it was marked already.
func (q *Queries) MarkAbandoned(ctx context.Context, id int64, now time.Time) (bool, error) {
	return q.changed(ctx, "mark abandoned", `UPDATE payment_attempts SET abandoned_at = ?
		WHERE id = ? AND abandoned_at = ''`, formatTime(now), id)
}

// ClearReturned forgets the buyer's return (Attempt.ReturnedAt): Antom
// said the payment is still open, so the buyer left the page unfinished.
// False if there was nothing to forget.
func (q *Queries) ClearReturned(ctx context.Context, id int64, now time.Time) (bool, error) {
	return q.changed(ctx, "clear returned", `UPDATE payment_attempts SET returned_at = '', updated_at = ?
		WHERE id = ? AND returned_at != ''`, formatTime(now), id)
}
