package checkout

import (
	"strings"
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
)

// Antom sends TOKEN_CANCELED after a merchant-side revoke too (API.md
// §6.2). One that comes while our revoke is unconfirmed (REVOKING)
// confirms it: the wallet ends REVOKED, as the revoke's own answer ends
// it, with the same line saying what confirmed it — not CANCELED, which
// would tell the buyer for a week that it was cancelled in the wallet
// app. The reconciler sends no revoke after it, and a repeat of the
// notification changes nothing.
func TestTokenCanceledDuringOurRevokeConfirmsIt(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("revoke-notified@example.com")
	l := e.startLink(b, "GCASH")
	check(t, e.sb.Authorize(e.ctx, l.CodeValue, user(t, "GCASH")))
	e.waitLink(b, l.ID, db.LinkLinked)
	ws, err := e.db.BuyerWallets(e.ctx, b.ID, db.WalletActive)
	check(t, err)
	token, err := e.sealer.Open(ws[0].AccessTokenSealed, sealPurposeAccessToken)
	check(t, err)

	e.sb.Faults().SetAPI("authorizations/revoke", sandbox.APIFault{UnknownNext: 1})
	check(t, e.svc.Unlink(e.ctx, b.ID, ws[0].ID, "buyer "+b.Email))
	e.svc.Wait()
	w, err := e.db.WalletByID(e.ctx, ws[0].ID)
	check(t, err)
	assertEqual(t, w.Status, db.WalletRevoking, "the revoke not confirmed yet")
	revokes := e.sb.Calls("authorizations/revoke")

	v, err := e.svc.ReceiveNotification(e.ctx, Inbound{Body: tokenCanceledBody(string(token))})
	check(t, err)
	assertEqual(t, v, VerdictApplied, "TOKEN_CANCELED during our revoke")
	w, err = e.db.WalletByID(e.ctx, ws[0].ID)
	check(t, err)
	assertDeep(t, []any{w.Status, w.EndReason, w.AccessTokenSealed == nil}, []any{db.WalletRevoked, "revoked", true}, "the wallet once Antom said the token ended")
	events, err := e.db.Events(e.ctx, walletSubject(w.ID))
	check(t, err)
	var lines []string
	for _, ev := range events {
		lines = append(lines, ev.Kind+": "+ev.Detail)
	}
	all := strings.Join(lines, "\n")
	if !strings.Contains(all, EventState+": REVOKED: revoked (confirmed by Antom's TOKEN_CANCELED notification)") || strings.Contains(all, "CANCELED: cancelled") {
		t.Fatalf("the wallet's timeline does not say the revoke was confirmed:\n%s", all)
	}

	told, err := e.svc.BuyerWalletsTold(e.ctx, b.ID)
	check(t, err)
	assertDeep(t, []any{len(told.Told), told.Before}, []any{0, true}, "the buyer's box: unlinked here, not cancelled in the app")
	acct, err := e.svc.FindBuyerAccount(e.ctx, b.Email)
	check(t, err)
	assertEqual(t, acct.Wallets[0].EndReason, "unlinked by the buyer", "staff's words, as for a revoke Antom answered")

	e.later(time.Hour)
	check(t, e.svc.Reconcile(e.ctx))
	e.svc.Wait()
	assertEqual(t, e.sb.Calls("authorizations/revoke")-revokes, 0, "revokes sent once the notification confirmed it")
	v, err = e.svc.ReceiveNotification(e.ctx, Inbound{Body: tokenCanceledBody(string(token))})
	check(t, err)
	assertEqual(t, v, VerdictDuplicate, "the repeat")
	after, err := e.db.Events(e.ctx, walletSubject(w.ID))
	check(t, err)
	confirmed := 0
	for _, ev := range after {
		if strings.HasPrefix(ev.Detail, "REVOKED: ") {
			confirmed++
		}
	}
	assertEqual(t, confirmed, 1, "lines saying the wallet was revoked")
}
