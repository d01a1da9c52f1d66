package checkout

import (
	"encoding/json"
	"testing"
	"time"

	"antom-checkout/antom"
)

// notifyRefund's refundAmount is required (API.md §6.5). One without it
// cannot be checked against the refund, so, like a PAYMENT_RESULT
// without paymentAmount, it is quarantined for staff and settles nothing:
// the reconciler's inquiryRefund settles the refund instead.
func TestRefundResultWithoutAmountIsQuarantined(t *testing.T) {
	e := newEnv(t, Options{})
	o, _ := paidOrder(t, e, "refund-no-amount@example.com")
	e.sb.SetRefundDelay(time.Hour) // the sandbox will not settle it
	r, err := e.refund(o.Ref, "5")
	check(t, err)
	body, err := json.Marshal(antom.NotifyRefund{
		NotifyType: antom.NotifyRefundResult, RefundStatus: antom.RefundSuccess, RefundRequestID: r.RefundRequestID,
		RefundID: r.RefundID, RefundTime: time.Now().UTC().Format(time.RFC3339),
		Result: antom.Result{ResultCode: "SUCCESS", ResultStatus: "S", ResultMessage: "success"},
	})
	check(t, err)
	v, err := e.svc.ReceiveNotification(e.ctx, Inbound{RequestTime: "2026-11-22T10:00:00Z", Body: body})
	check(t, err)
	assertEqual(t, v, VerdictQuarantined, "REFUND_RESULT without refundAmount")
	assertEqual(t, e.adminOrder(o.Ref).Refunds[0].Status, RefundProcessing, "the refund")
}
