package antom

// Result codes the app acts on (API.md §4.2, §5.2–§5.7, §7). Others are
// shown as they come.
const (
	CodeSuccess                   = "SUCCESS"
	CodePaymentInProcess          = "PAYMENT_IN_PROCESS" // U: wait for notifyPayment or inquire
	CodeCaptureInProcess          = "CAPTURE_IN_PROCESS" // U
	CodeAuthInProcess             = "AUTH_IN_PROCESS"    // U: call applyToken again
	CodeRefundInProcess           = "REFUND_IN_PROCESS"  // U: wait for notifyRefund (API.md §5.6: a guess, not in Antom's tables)
	CodeUnknownException          = "UNKNOWN_EXCEPTION"  // U: resend the same request
	CodeRequestTrafficExceedLimit = "REQUEST_TRAFFIC_EXCEED_LIMIT"
	CodeInvalidAccessToken        = "INVALID_ACCESS_TOKEN" // F: relink
	CodeInvalidAuthCode           = "INVALID_AUTHCODE"     // F: start over with consult
	CodeInvalidRefreshToken       = "INVALID_REFRESH_TOKEN"
	CodeUserBalanceNotEnough      = "USER_BALANCE_NOT_ENOUGH"
	CodeRepeatReqInconsistent     = "REPEAT_REQ_INCONSISTENT"
	CodeOrderNotExist             = "ORDER_NOT_EXIST"
	CodeOrderIsCanceled           = "ORDER_IS_CANCELED"
	CodeOrderIsClosed             = "ORDER_IS_CLOSED"
	CodeAuthExpired               = "AUTH_EXPIRED"
	CodeAuthCancelled             = "AUTH_CANCELLED"
	CodeInvalidSignature          = "INVALID_SIGNATURE" // F, comes unsigned
	CodeParamIllegal              = "PARAM_ILLEGAL"
	CodeProcessFail               = "PROCESS_FAIL"
	CodeRefundAmountExceed        = "REFUND_AMOUNT_EXCEED" // F: refunds would exceed what was paid (§5.6)
)

// InProcess reports whether a U answer's resultCode says Antom has the
// request and is still working on it — PAYMENT_IN_PROCESS (a hosted card
// page's pay always answers so), AUTH_IN_PROCESS, CAPTURE_IN_PROCESS,
// REFUND_IN_PROCESS — rather than that its outcome is unknown
// (UNKNOWN_EXCEPTION, throttling). API.md §5.2–§5.6, §7.
func InProcess(code string) bool {
	switch code {
	case CodePaymentInProcess, CodeAuthInProcess, CodeCaptureInProcess, CodeRefundInProcess:
		return true
	}
	return false
}
