package checkout

import (
	"antom-checkout/antom"
	"antom-checkout/db"
)

// Attempt states in the payment tables: the attempt's status, and for a
// final one we decided ourselves (Antom has not confirmed it) "(ours)".
const (
	stateProcessing    = db.AttemptProcessing
	stateSuccess       = db.AttemptSuccess
	stateFail          = db.AttemptFail      // Antom said so
	stateCancelled     = db.AttemptCancelled // Antom confirmed the cancel
	stateFailOurs      = "FAIL (ours)"       // e.g. ORDER_NOT_EXIST past its expiry
	stateCancelledOurs = "CANCELLED (ours)"
)

// attemptState names an attempt's state for the tables.
func attemptState(a db.Attempt) string {
	if a.CancelledAfterPayment() {
		return stateCancelledPaid
	}
	if a.Status != db.AttemptProcessing && a.FinalSource == db.SourceOurs {
		return a.Status + " (ours)"
	}
	return a.Status
}

// lateSuccess is the reason of the cells where Antom's SUCCESS meets an
// attempt we had closed ourselves: the buyer paid, so the order is paid —
// or, if another attempt paid it already, this payment is given back.
const lateSuccess = "late success: we had closed it ourselves, Antom says it was paid"

// paymentResultRules is notifyPayment PAYMENT_RESULT (API.md §6.3): only
// resultStatus S settles success and only F settles failure. Anything
// else (U, empty, missing, lower-case) changes nothing and is
// quarantined; the attempt's next inquiry is brought forward.
var paymentResultRules = table{field: "resultStatus", cells: map[cell]rule{
	{stateProcessing, "S"}: {to: stateSuccess, verdict: VerdictApplied},
	{stateProcessing, "F"}: {to: stateFail, verdict: VerdictApplied},
	{stateProcessing, "U"}: {verdict: VerdictQuarantined, ask: true,
		reason: "resultStatus U is not a result: the attempt stays open and inquiryPayment decides"},

	{stateSuccess, "S"}:   {verdict: VerdictDuplicate},
	{stateSuccess, "F"}:   {verdict: VerdictQuarantined, reason: "Antom said SUCCESS before and says FAIL now"},
	{stateFail, "F"}:      {verdict: VerdictDuplicate},
	{stateFail, "S"}:      {verdict: VerdictQuarantined, reason: "Antom said FAIL before and says SUCCESS now"},
	{stateCancelled, "F"}: {verdict: VerdictStale, reason: "cancelled at Antom already: FAIL changes nothing"},
	// Antom confirmed our cancel, and says now that the payment was paid:
	// it was paid before the cancel reached it, and the cancel gave the
	// money back (API.md §5.5) — the end the SUCCESS-first order reaches
	// (paidCancelIn). Both are Antom's signed word; inquiryPayment would
	// only say CANCELLED again, so it is not asked.
	{stateCancelled, "S"}: {to: stateCancelledPaid, verdict: VerdictApplied, reason: paidBeforeCancel},

	{stateFailOurs, "S"}:      {to: stateSuccess, verdict: VerdictApplied, reason: lateSuccess},
	{stateFailOurs, "F"}:      {to: stateFail, verdict: VerdictApplied, reason: "Antom confirms the failure we had decided"},
	{stateCancelledOurs, "S"}: {to: stateSuccess, verdict: VerdictApplied, reason: lateSuccess},
	{stateCancelledOurs, "F"}: {to: stateFail, verdict: VerdictApplied, reason: "Antom confirms the payment did not complete"},

	{stateCancelledPaid, "S"}: {verdict: VerdictStale, reason: "paid, then cancelled at our request: the money went back already"},
}}

// paymentPendingRules is notifyPayment PAYMENT_PENDING: the buyer
// finished and the result is still to come (resultStatus S, API.md §6.3).
// It never changes an attempt.
var paymentPendingRules = table{field: "resultStatus", cells: map[cell]rule{
	{stateProcessing, "S"}:    {verdict: VerdictApplied, reason: "buyer finished; final result to follow"},
	{stateSuccess, "S"}:       {verdict: VerdictStale, reason: "the attempt is SUCCESS already"},
	{stateFail, "S"}:          {verdict: VerdictStale, reason: "the attempt is FAIL already"},
	{stateCancelled, "S"}:     {verdict: VerdictStale, reason: "the attempt is CANCELLED already"},
	{stateCancelledPaid, "S"}: {verdict: VerdictStale, reason: "the attempt is CANCELLED already"},
	{stateFailOurs, "S"}: {verdict: VerdictStale, ask: true,
		reason: "we had closed it ourselves, but the buyer finished: asking inquiryPayment"},
	{stateCancelledOurs, "S"}: {verdict: VerdictStale, ask: true,
		reason: "we had closed it ourselves, but the buyer finished: asking inquiryPayment"},
}}

// paymentInquiryRules is inquiryPayment's paymentStatus (API.md §5.3) for
// the attempts the reconciler asks about: open ones, and ones we closed
// ourselves (watched for a late outcome), and SUCCESS ones whose cancel
// of ours was under way (watched until the cancel is known). A payment
// still open at Antom that we closed is cancelled so that it cannot
// complete; a paid one our cancel reached was given back (paidCancelIn).
var paymentInquiryRules = table{field: "paymentStatus", cells: map[cell]rule{
	{stateProcessing, antom.PaymentSuccess}:    {to: stateSuccess},
	{stateProcessing, antom.PaymentFail}:       {to: stateFail},
	{stateProcessing, antom.PaymentCancelled}:  {to: stateCancelled},
	{stateProcessing, antom.PaymentProcessing}: {reason: "still open"},
	{stateProcessing, antom.PaymentPending}:    {reason: "buyer finished; final result to follow"},

	{stateFailOurs, antom.PaymentSuccess}:    {to: stateSuccess, reason: lateSuccess},
	{stateFailOurs, antom.PaymentFail}:       {to: stateFail, reason: "Antom confirms the failure we had decided"},
	{stateFailOurs, antom.PaymentCancelled}:  {to: stateCancelled, reason: "Antom confirms it did not complete"},
	{stateFailOurs, antom.PaymentProcessing}: {cancel: true, reason: "still open at Antom: cancelling it so that it cannot complete"},
	{stateFailOurs, antom.PaymentPending}:    {reason: "buyer finished at Antom; asking again"},

	{stateCancelledOurs, antom.PaymentSuccess}:    {to: stateSuccess, reason: lateSuccess},
	{stateCancelledOurs, antom.PaymentFail}:       {to: stateFail, reason: "Antom confirms it did not complete"},
	{stateCancelledOurs, antom.PaymentCancelled}:  {to: stateCancelled, reason: "Antom confirms the cancel"},
	{stateCancelledOurs, antom.PaymentProcessing}: {cancel: true, reason: "still open at Antom: cancelling it so that it cannot complete"},
	{stateCancelledOurs, antom.PaymentPending}:    {reason: "buyer finished at Antom; asking again"},

	{stateSuccessCancelInDoubt, antom.PaymentCancelled}: {to: stateCancelledPaid, reason: cancelledPaid},
	{stateSuccessCancelInDoubt, antom.PaymentSuccess}:   {reason: "our cancel has not taken effect: the payment stands"},
}}
