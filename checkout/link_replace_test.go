package checkout

import (
	"errors"
	"strings"
	"sync"
	"testing"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// tokenStatuses are the sandbox's link tokens' statuses (live, revoked,
// canceled), one per consult, in the order of the consults.
func (e *env) tokenStatuses() []string {
	e.t.Helper()
	l, err := e.sb.Ledger(e.ctx, e.clientCfg.ClientID)
	check(e.t, err)
	var out []string
	for _, link := range l.Links {
		out = append(out, link.TokenStatus)
	}
	return out
}

// The same GCash account linked again replaces the older link: the buyer
// has one wallet, the new one; the older one leaves checkout and its
// token is revoked at Antom (the unlink's revoke); the new attempt says
// it linked again, the first did not.
func TestSameAccountLinkedAgainReplacesTheOlderLink(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("twice@example.com")
	login := user(t, "GCASH")
	first := e.startLink(b, "GCASH")
	check(t, e.sb.Authorize(e.ctx, first.CodeValue, login))
	linked := e.waitLink(b, first.ID, db.LinkLinked)
	assertEqual(t, linked.LinkedAgain, false, "the first link says it linked again")
	before, err := e.svc.BuyerWallets(e.ctx, b.ID)
	check(t, err)

	second := e.startLink(b, "GCASH")
	check(t, e.sb.Authorize(e.ctx, second.CodeValue, login))
	again := e.waitLink(b, second.ID, db.LinkLinked)
	assertEqual(t, again.LinkedAgain, true, "the second link says it linked again")
	e.svc.Wait()

	ws, err := e.svc.BuyerWallets(e.ctx, b.ID)
	check(t, err)
	assertEqual(t, len(ws), 1, "wallets")
	if ws[0].ID == before[0].ID {
		t.Fatal("the older link stayed; the new one was dropped")
	}
	old, err := e.db.WalletByID(e.ctx, before[0].ID)
	check(t, err)
	assertEqual(t, [2]any{old.Status, old.ReplacedBy}, [2]any{db.WalletRevoked, ws[0].ID}, "the older wallet")
	assertEqual(t, strings.Join(e.tokenStatuses(), " "), "revoked live", "the sandbox's tokens")
	assertEqual(t, e.sb.Calls("authorizations/revoke"), 1, "revokes")
	acct, err := e.svc.FindBuyerAccount(e.ctx, "twice@example.com")
	check(t, err)
	reasons := map[string]string{}
	for _, w := range acct.Wallets {
		reasons[w.Status] = w.EndReason
	}
	assertEqual(t, reasons[db.WalletRevoked], "replaced by the same account linked again", "staff's words for the older wallet")
}

// Two links of the same account that finish at the same time leave one
// wallet, whichever saves first: the rule is the database's (one
// transaction, a unique index), not a check before an insert.
func TestSameAccountLinkedTwiceAtOnce(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("atonce@example.com")
	login := user(t, "GCASH")
	one := e.startLink(b, "GCASH")
	// From another page (the checkout): a second attempt, not the first's code again.
	two, err := e.svc.StartLink(e.ctx, b.ID, "GCASH", "/orders", antom.Env{ClientIP: "127.0.0.1"})
	check(t, err)
	if one.ID == two.ID || two.CodeValue == "" {
		t.Fatalf("the second press: %+v", two)
	}
	var wg sync.WaitGroup
	for _, l := range []Link{one, two} {
		wg.Go(func() { check(t, e.sb.Authorize(e.ctx, l.CodeValue, login)) })
	}
	wg.Wait()
	e.waitLink(b, one.ID, db.LinkLinked)
	e.waitLink(b, two.ID, db.LinkLinked)
	e.svc.Wait()
	ws, err := e.svc.BuyerWallets(e.ctx, b.ID)
	check(t, err)
	assertEqual(t, len(ws), 1, "wallets")
	statuses := e.tokenStatuses()
	live := 0
	for _, s := range statuses {
		if s == "live" {
			live++
		}
	}
	assertEqual(t, live, 1, "live tokens at the sandbox ("+strings.Join(statuses, " ")+")")
}

// An AUTHCODE_CREATED whose authCode applyToken refuses (INVALID_AUTHCODE:
// expired or used, as when the notification came only with Antom's
// resend, 2 minutes on) linked nothing: its inbox row says so — verdict
// failed, with the result code — instead of "applied".
func TestRefusedAuthCodeMarksItsNotificationFailed(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("refused@example.com")
	l := e.startLink(b, "GCASH")
	attempt, err := e.db.LinkAttemptByID(e.ctx, l.ID)
	check(t, err)
	verdict, err := e.svc.ReceiveNotification(e.ctx, Inbound{RequestTime: "t", Body: authCodeBody(attempt.AuthState, "code-expired-long-ago")})
	check(t, err)
	assertEqual(t, verdict, VerdictApplied, "the verdict as the notification is acknowledged")
	got := e.waitLink(b, l.ID, db.LinkFailed)
	assertEqual(t, got.FailureCode, "INVALID_AUTHCODE", "failure")
	e.svc.Wait()
	rows, err := e.db.RecentNotifications(e.ctx, 5)
	check(t, err)
	assertEqual(t, len(rows), 1, "inbox rows")
	assertEqual(t, [2]string{rows[0].Verdict, rows[0].Detail}, [2]string{VerdictFailed,
		"link failed: applyToken failed (INVALID_AUTHCODE); nothing was linked"}, "the inbox row")
}

// A page shown before the same account was linked again (and again)
// offers the oldest link, under the same name as the newest: Pay pays
// with the newest, once — never "no longer usable" beside the same
// button, never with a token revoked since. A link ended otherwise
// (unlinked, not replaced) stays refused.
func TestPayWithALinkReplacedSincePaysWithTheNewest(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("relinked@example.com")
	login := user(t, "GCASH")
	link := func() SavedWallet {
		l := e.startLink(b, "GCASH")
		check(t, e.sb.Authorize(e.ctx, l.CodeValue, login))
		e.waitLink(b, l.ID, db.LinkLinked)
		e.svc.Wait()
		ws, err := e.svc.BuyerWallets(e.ctx, b.ID)
		check(t, err)
		assertEqual(t, len(ws), 1, "wallets")
		return ws[0]
	}
	oldest := link()
	link()
	newest := link()

	o := e.order(b, "mug", 1)
	paid, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, oldest.ID, antom.Env{})
	check(t, err)
	assertEqual(t, paid.Status, db.OrderPaid, "the order paid from the page showing the oldest link")
	as := e.attempts(o.Ref)
	assertEqual(t, len(as), 1, "attempts")
	assertEqual(t, as[0].WalletID, newest.ID, "the wallet the payment used")
	assertEqual(t, e.sb.Calls("payments/pay"), 1, "pay calls")

	check(t, e.svc.Unlink(e.ctx, b.ID, newest.ID, "buyer relinked@example.com"))
	e.svc.Wait()
	o = e.order(b, "mug", 1)
	_, err = e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, oldest.ID, antom.Env{})
	var input *InputError
	if !errors.As(err, &input) || input.Fields["wallet"] != "checkout.wallet_unusable" {
		t.Fatalf("pay with a link whose newest was unlinked: %v, want the wallet no longer usable", err)
	}
	assertEqual(t, e.sb.Calls("payments/pay"), 1, "pay calls")
}
