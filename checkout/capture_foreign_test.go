package checkout

import (
	"testing"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// A CAPTURE_RESULT S that names an authorization of ours (MANUAL capture
// mode) by its paymentId, with a captureRequestId that is none of ours —
// a capture made in Antom Dashboard, say — is not stale: Antom says money
// was taken for the order. It is quarantined on the order (the inbox row
// links it, its timeline says why), and applies nothing: the order stays
// AUTHORIZED and no capture of ours is made up.
func TestCaptureNotOursOfOurAuthorizationIsQuarantined(t *testing.T) {
	e := newEnv(t, Options{CaptureMode: antom.CaptureManual})
	o := e.authorized("capture-foreign@example.com")
	a := e.attempt(o.Ref)
	body := captureNotice(t, "EXT-CAPTURE-1", a.PaymentID, "CAP-ID-EXT", antom.MinorAmount(a.Currency, a.Amount))
	v, err := e.svc.ReceiveNotification(e.ctx, Inbound{Body: body})
	check(t, err)
	assertEqual(t, v, VerdictQuarantined, "CAPTURE_RESULT S of a capture not ours")
	row, err := e.db.OrderByRef(e.ctx, o.Ref)
	check(t, err)
	assertEqual(t, row.Status, db.OrderAuthorized, "the order")

	rows := e.captureRowsNow(0)
	entry, err := e.svc.NotificationEntry(e.ctx, rows[len(rows)-1].ID)
	check(t, err)
	assertEqual(t, entry.Verdict, VerdictQuarantined, "the inbox row")
	assertEqual(t, entry.OrderRef, o.Ref, "the inbox row's order")
	if !e.timelineHas(o.Ref, "EXT-CAPTURE-1") {
		t.Fatal("the order's timeline does not show the capture made outside the app")
	}
}
