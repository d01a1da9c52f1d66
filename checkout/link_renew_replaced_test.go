package checkout

import (
	"testing"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// "Show a new QR code" on a page whose code was replaced since (another
// tab asked for a new one) shows that newer code while it has time left
// to scan: no third consult, and the newer code, perhaps being scanned in
// the other tab, is not superseded by it.
func TestRenewOfAReplacedCodeShowsTheNewerOne(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("two-tabs-link@example.com")
	first := e.startLink(b, "GCASH")
	e.pastRenewSpacing()
	newer, err := e.svc.RenewLink(e.ctx, b.ID, first.ID, antom.Env{}) // the other tab
	check(t, err)
	consults := e.sb.Calls("authorizations/consult")

	again, err := e.svc.RenewLink(e.ctx, b.ID, first.ID, antom.Env{}) // the replaced page's button
	check(t, err)
	assertEqual(t, again.ID, newer.ID, "the attempt the replaced page's renew shows")
	assertEqual(t, e.sb.Calls("authorizations/consult")-consults, 0, "consults")
	l, err := e.db.LinkAttemptByID(e.ctx, newer.ID)
	check(t, err)
	assertEqual(t, l.Status, db.LinkPending, "the newer attempt")
}
