package checkout

import (
	"antom-checkout/antom"
	"antom-checkout/db"
)

// foreignCapture is a CAPTURE_RESULT naming a payment of ours (attempt a,
// of the order subject names) by its paymentId but a captureRequestId
// that is none of ours, of a payment Antom does not capture by itself
// (not a card payment in AUTOMATIC mode): a capture made outside this
// app — in Antom Dashboard, or by another system on the same merchant
// account. Antom signed it, so money may have been taken that the order
// does not show; it is not applied (no capture of ours to settle), but
// quarantined on the order — counted on the dashboard, on the order's
// timeline — rather than stale, which would say nothing changed.
func foreignCapture(a db.Attempt, subject string, n antom.NotifyCapture) outcome {
	return outcome{verdict: VerdictQuarantined, subject: subject,
		detail: a.PaymentRequestID + ": Antom reports capture " + n.CaptureRequestID + " (resultStatus " + n.Result.ResultStatus +
			"), which is none of ours: a capture made outside this app? Look the payment up in Antom Dashboard before capturing, voiding or letting the authorization expire"}
}
