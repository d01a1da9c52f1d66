package checkout

// RefundKeyOK reports whether key can be a refund form's idempotency key
// (NewRefundKey's shape: 1 to maxRefundKey characters A–Z, 0–9) — the
// refund form's and "Try this refund again"'s alike. A form whose key is
// missing or not so (a page from before a change, a hand-made post) is
// refused by RefundOrder, PreviewRefund and RetryRefund with an
// *InputError and nothing done; callers use this to say which form it was.
func RefundKeyOK(key string) bool {
	_, err := refundRequestID("", key)
	return err == nil
}
