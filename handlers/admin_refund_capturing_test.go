package handlers

import (
	"net/http"
	"net/url"
	"testing"
)

// A refund form sent while the order's capture is under way (Antom has
// not answered it: its gateway cannot be reached here) is refused with
// what is true — wait for the capture, then refund — as neutral news,
// not as "capture it (or void it) first" in red. Nothing is stored.
func TestAdminRefundWhileCapturing(t *testing.T) {
	ta := newAdminApp(t)
	ref := ta.authorizedOrder(t, "holder@example.com") // $37.00
	order := "/admin/orders/" + ref
	b := ta.client(t)
	b.staffSignIn()
	ask := b.get(confirmationOf(t, b.post(order+"/capture", url.Values{"amount": {"25.00"}}).location, order+"/capture"))
	assertEqual(t, ask.status, http.StatusOK, "capture asks first")
	b.post(order+"/capture", confirmForm(t, ask.body))
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM captures WHERE status = 'PROCESSING'"), 1, "the capture under way")

	p := b.post(order+"/refunds", url.Values{"amount": {"10.00"}, "reason": {"customer asked"}, "key": {"KEY1"}})
	assertNotices(t, pageNotices(t, b, noticed(t, p, order)),
		"pending: Not sent: a capture of $25.00 is under way, and Antom has not confirmed it yet. Wait for the capture to be confirmed, then refund (up to what it captured).")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds"), 0, "refunds stored")
}
