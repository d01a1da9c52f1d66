package checkout

import (
	"strings"
	"sync"
	"testing"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// authCodeRows are the inbox's AUTHCODE_CREATED rows, oldest first.
func (e *env) authCodeRows() []db.Notification {
	e.t.Helper()
	rows, err := e.db.RecentNotifications(e.ctx, 50)
	check(e.t, err)
	var out []db.Notification
	for i := len(rows) - 1; i >= 0; i-- {
		if rows[i].Kind == antom.NotifyAuthCodeCreated {
			out = append(out, rows[i])
		}
	}
	return out
}

// renewLink is "Show a new QR code" on attempt id, some seconds on: it is
// superseded and a new attempt, with a new code, is made.
func (e *env) renewLink(b Buyer, id int64) Link {
	e.t.Helper()
	e.pastRenewSpacing()
	l, err := e.svc.RenewLink(e.ctx, b.ID, id, antom.Env{ClientIP: "127.0.0.1", TerminalType: antom.TerminalWeb})
	check(e.t, err)
	if l.ID == id || l.Status != db.LinkPending || l.CodeValue == "" {
		e.t.Fatalf("renewed link: %+v", l)
	}
	return l
}

// A buyer who asked for a new code, then agreed in the wallet to the one
// they had already scanned, gets the wallet linked: the agreement is what
// they want. The replaced attempt links (one applyToken, its notification
// applied, not stale); the attempt that replaced it stops showing its
// code and reads as linked to the same wallet; a replay of the
// notification is a duplicate and calls nothing.
func TestAgreeingToAReplacedCodeLinks(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("renewed@example.com")
	first := e.startLink(b, "GCASH")
	second := e.renewLink(b, first.ID)
	old, err := e.svc.LinkForBuyer(e.ctx, b.ID, first.ID)
	check(t, err)
	assertEqual(t, [2]any{old.Status, old.StillLinks}, [2]any{db.LinkSuperseded, true}, "the replaced attempt before the agreement")
	assertEqual(t, old.Final(), false, "the replaced attempt is final while its code may still be agreed to")

	check(t, e.sb.Authorize(e.ctx, first.CodeValue, user(t, "GCASH")))
	linked := e.waitLink(b, first.ID, db.LinkLinked)
	e.svc.Wait()
	if linked.UserLoginID == "" {
		t.Fatal("the replaced attempt's page names no login")
	}
	ws, err := e.svc.BuyerWallets(e.ctx, b.ID)
	check(t, err)
	assertEqual(t, len(ws), 1, "wallets")
	assertEqual(t, ws[0].UserLoginID, linked.UserLoginID, "the wallet linked")

	// The attempt that replaced it: no code any more, linked.
	now, err := e.svc.LinkForBuyer(e.ctx, b.ID, second.ID)
	check(t, err)
	assertEqual(t, [3]any{now.Status, now.UserLoginID, now.CodeValue}, [3]any{db.LinkLinked, linked.UserLoginID, ""}, "the replacing attempt's page")
	assertEqual(t, now.LinkedAgain, false, "the replacing attempt says linked again")
	row, err := e.db.LinkAttemptByID(e.ctx, second.ID)
	check(t, err)
	assertEqual(t, [2]any{row.Status, row.WalletID}, [2]any{db.LinkSuperseded, ws[0].ID}, "the replacing attempt's row")
	assertEqual(t, e.sb.Calls("authorizations/applyToken"), 1, "applyToken calls")

	rows := e.authCodeRows()
	assertEqual(t, len(rows), 1, "AUTHCODE_CREATED rows")
	assertEqual(t, rows[0].Verdict, VerdictApplied, "the notification's verdict ("+rows[0].Detail+")")
	v, err := e.svc.Replay(e.ctx, "staff ops@example.com", rows[0].ID)
	check(t, err)
	assertEqual(t, v, VerdictDuplicate, "the replay")
	e.svc.Wait()
	assertEqual(t, e.sb.Calls("authorizations/applyToken"), 1, "applyToken calls after the replay")
	events, err := e.db.Events(e.ctx, LinkSubject(second.ID))
	check(t, err)
	if last := events[len(events)-1].Detail; !strings.Contains(last, "linked GCash (the buyer agreed to its code)") {
		t.Fatalf("the replacing attempt's timeline ends %q", last)
	}
}

// A replaced code agreed to past the attempt's time links nothing: an
// expired attempt stays expired, its notification stale.
func TestAgreeingToAReplacedCodePastItsTimeLinksNothing(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("toolate@example.com")
	first := e.startLink(b, "GCASH")
	e.renewLink(b, first.ID)
	row, err := e.db.LinkAttemptByID(e.ctx, first.ID)
	check(t, err)
	e.later(DefaultLinkTimeout + 1)
	v, err := e.svc.ReceiveNotification(e.ctx, Inbound{RequestTime: "t", Body: authCodeBody(row.AuthState, "late-code")})
	check(t, err)
	assertEqual(t, v, VerdictStale, "verdict")
	rows := e.authCodeRows()
	assertEqual(t, rows[0].Detail, "attempt is SUPERSEDED and past its time (expired)", "the inbox's words")
	e.svc.Wait()
	got, err := e.svc.LinkForBuyer(e.ctx, b.ID, first.ID)
	check(t, err)
	assertEqual(t, [2]any{got.Status, got.StillLinks}, [2]any{db.LinkSuperseded, false}, "the replaced attempt")
	assertEqual(t, e.sb.Calls("authorizations/applyToken"), 0, "applyToken calls")
}

// The buyer agreed to both codes, the replaced one and the one that
// replaced it, in either order or at once: each code is exchanged once
// (one applyToken per authCode), both attempts end linked, and the buyer
// has one wallet of the account, the other link's token revoked — as two
// agreements for one wallet always are (TestSameAccountLinkedTwiceAtOnce).
func TestAgreeingToBothTheReplacedAndTheNewCode(t *testing.T) {
	for _, order := range []string{"replaced first", "new first", "at once"} {
		t.Run(order, func(t *testing.T) {
			e := newEnv(t, Options{})
			b := e.buyer("both@example.com")
			login := user(t, "GCASH")
			first := e.startLink(b, "GCASH")
			second := e.renewLink(b, first.ID)
			agree := func(l Link) { check(t, e.sb.Authorize(e.ctx, l.CodeValue, login)) }
			switch order {
			case "replaced first":
				agree(first)
				e.waitLink(b, first.ID, db.LinkLinked)
				e.svc.Wait() // the new attempt has ended, read as linked
				agree(second)
			case "new first":
				agree(second)
				e.waitLink(b, second.ID, db.LinkLinked)
				e.svc.Wait()
				agree(first)
			default:
				var wg sync.WaitGroup
				wg.Go(func() { agree(first) })
				wg.Go(func() { agree(second) })
				wg.Wait()
			}
			e.waitUntil(second.ID, "both attempts linked by their own codes", func() bool {
				a, err1 := e.db.LinkAttemptByID(e.ctx, first.ID)
				c, err2 := e.db.LinkAttemptByID(e.ctx, second.ID)
				return err1 == nil && err2 == nil && a.Status == db.LinkLinked && c.Status == db.LinkLinked
			})
			e.svc.Wait()
			assertEqual(t, e.sb.Calls("authorizations/applyToken"), 2, "applyToken calls (one per code)")
			ws, err := e.svc.BuyerWallets(e.ctx, b.ID)
			check(t, err)
			assertEqual(t, len(ws), 1, "wallets")
			live := 0
			for _, s := range e.tokenStatuses() {
				if s == "live" {
					live++
				}
			}
			assertEqual(t, live, 1, "live tokens at the sandbox ("+strings.Join(e.tokenStatuses(), " ")+")")
			for _, id := range []int64{first.ID, second.ID} {
				l, err := e.svc.LinkForBuyer(e.ctx, b.ID, id)
				check(t, err)
				assertEqual(t, l.Status, db.LinkLinked, "attempt's page")
			}
			for _, r := range e.authCodeRows() {
				assertEqual(t, r.Verdict, VerdictApplied, "a notification's verdict ("+r.Detail+")")
			}
		})
	}
}

// Agreeing to the new code ends the replaced attempt too: its page, which
// said an agreement to its own code still links, reads as linked to the
// wallet the new code linked (a trial's replaced page kept saying so, and
// offered to link again, after the new code had linked).
func TestAgreeingToTheNewCodeEndsTheReplacedOne(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("renewed-new@example.com")
	first := e.startLink(b, "GCASH")
	second := e.renewLink(b, first.ID)
	check(t, e.sb.Authorize(e.ctx, second.CodeValue, user(t, "GCASH")))
	linked := e.waitLink(b, second.ID, db.LinkLinked)
	e.svc.Wait()
	old, err := e.svc.LinkForBuyer(e.ctx, b.ID, first.ID)
	check(t, err)
	assertEqual(t, [4]any{old.Status, old.StillLinks, old.UserLoginID, old.Final()}, [4]any{db.LinkLinked, false, linked.UserLoginID, true}, "the replaced attempt's page")
	assertEqual(t, e.sb.Calls("authorizations/applyToken"), 1, "applyToken calls")
}
