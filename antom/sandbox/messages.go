package sandbox

// The resultMessage texts Antom sends with success and in-process
// results, as the vectors (API.md §10) and the seeds' samples show them.
// Failure codes keep messages that say what went wrong.
const (
	// messageSuccess goes with SUCCESS on every API answer and on
	// AUTHCODE_CREATED, PAYMENT_RESULT, CAPTURE_RESULT and REFUND_RESULT
	// (vectors consult, applyToken, pay_agreement, notifyAuthorization,
	// notifyPayment; seed 002's inquiryPayment sample).
	messageSuccess = "success."
	// messageTokenCanceled goes with TOKEN_CANCELED, which says it
	// without the full stop (vector notifyAuthorization_tokenCanceled,
	// seed 000).
	messageTokenCanceled = "success"
	// messagePaymentInProcess goes with PAYMENT_IN_PROCESS (vector
	// pay_cashier_card).
	messagePaymentInProcess = "payment in process"
)
