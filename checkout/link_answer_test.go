package checkout

import (
	"sync"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// applyToken answers S but the wallet cannot be saved (the database
// refuses the insert): the answer is kept sealed on the attempt, and the
// reconciler finishes from it once the database takes writes again. The
// single-use authCode is sent to applyToken once.
func TestWalletNotSavedIsFinishedFromTheKeptAnswer(t *testing.T) {
	e := newEnv(t, Options{})
	// The database refuses wallets: the table is away.
	e.exec(`ALTER TABLE wallets RENAME TO wallets_away`)
	b := e.buyer("kept@example.com")
	l := e.startLink(b, "GCASH")
	check(t, e.sb.Authorize(e.ctx, l.CodeValue, user(t, "GCASH")))
	// applyToken answered S and its answer is kept; then the wallet
	// cannot be saved.
	e.waitUntil(l.ID, "the S answer kept", func() bool {
		kept, err := e.db.LinkTokenAnswer(e.ctx, l.ID)
		check(t, err)
		return len(kept) > 0
	})
	e.svc.Wait()
	assertEqual(t, e.sb.Calls("authorizations/applyToken"), 1, "applyToken calls")
	if got, _ := e.svc.LinkForBuyer(e.ctx, b.ID, l.ID); got.Status != db.LinkAuthorized {
		t.Fatalf("attempt is %s while its wallet is not saved", got.Status)
	}

	// Still failing: the reconciler's turn for this attempt tries again
	// from the kept answer, not from the authCode.
	e.later(applyLease + time.Second)
	e.svc.completeLink(e.ctx, l.ID)
	assertEqual(t, e.sb.Calls("authorizations/applyToken"), 1, "applyToken calls after a failed finish")

	e.exec(`ALTER TABLE wallets_away RENAME TO wallets`)
	e.later(2*applyLease + 2*time.Second)
	check(t, e.svc.Reconcile(e.ctx))
	got, err := e.svc.LinkForBuyer(e.ctx, b.ID, l.ID)
	check(t, err)
	assertEqual(t, got.Status, db.LinkLinked, "attempt")
	assertEqual(t, e.sb.Calls("authorizations/applyToken"), 1, "applyToken calls")
	ws, err := e.svc.BuyerWallets(e.ctx, b.ID)
	check(t, err)
	assertEqual(t, len(ws), 1, "wallets")
	kept, err := e.db.LinkTokenAnswer(e.ctx, l.ID)
	check(t, err)
	assertEqual(t, len(kept), 0, "kept answer bytes after the wallet is saved")

	// The saved token is the one the sandbox issued: it pays.
	e.later(0)
	o := e.order(b, "mug", 1)
	paid, err := e.svc.PayWithWallet(e.ctx, b.ID, o.Ref, ws[0].ID, antom.Env{})
	check(t, err)
	assertEqual(t, paid.Status, db.OrderPaid, "order paid with the saved token")
}

// The same authCode on two link attempts (notifications for two
// authStates carrying one code) is applied to the first only, even when
// both arrive at once; the second is held for staff.
func TestAuthCodeOnTwoAttemptsIsAppliedOnce(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("twice@example.com")
	first := e.startLink(b, "GCASH")
	// From another page: a second press from the same one would show the
	// first attempt's code again (openLink).
	second, err := e.svc.StartLink(e.ctx, b.ID, "GCASH", "/shop", antom.Env{ClientIP: "127.0.0.1"})
	check(t, err)
	if second.ID == first.ID || second.CodeValue == "" {
		t.Fatalf("the second attempt: %+v", second)
	}
	a1, err := e.db.LinkAttemptByID(e.ctx, first.ID)
	check(t, err)
	a2, err := e.db.LinkAttemptByID(e.ctx, second.ID)
	check(t, err)

	verdicts := make(chan string, 2)
	var wg sync.WaitGroup
	for _, state := range []string{a1.AuthState, a2.AuthState} {
		wg.Go(func() {
			v, err := e.svc.ReceiveNotification(e.ctx, Inbound{RequestTime: "t", Body: authCodeBody(state, "one-code-for-two-attempts-0001")})
			check(t, err)
			verdicts <- v
		})
	}
	wg.Wait()
	close(verdicts)
	got := map[string]int{}
	for v := range verdicts {
		got[v]++
	}
	if got[VerdictApplied] != 1 || got[VerdictQuarantined] != 1 {
		t.Fatalf("verdicts %v, want one applied and one quarantined", got)
	}
	e.svc.Wait()
	assertEqual(t, e.sb.Calls("authorizations/applyToken"), 1, "applyToken calls")
}

// When the database refuses even to keep the S answer, this process holds
// it in memory: the reconciler finishes from it once writes work again,
// still without sending the authCode twice.
func TestAnswerHeldInMemoryWhileTheDatabaseRefusesToKeepIt(t *testing.T) {
	e := newEnv(t, Options{})
	// The database refuses wallets (the table is away) and kept answers.
	e.exec(`ALTER TABLE wallets RENAME TO wallets_away`)
	allow := e.refuseUpdates("link_attempts", "token_answer_sealed")
	b := e.buyer("held@example.com")
	l := e.startLink(b, "DANA")
	check(t, e.sb.Authorize(e.ctx, l.CodeValue, user(t, "DANA")))
	e.waitUntil(l.ID, "applyToken called", func() bool { return e.sb.Calls("authorizations/applyToken") == 1 })
	e.svc.Wait() // the background work that called it has ended: keeping and saving failed

	// The reconciler's turn for this attempt, while writes still fail.
	e.later(applyLease + time.Second)
	e.svc.completeLink(e.ctx, l.ID)
	assertEqual(t, e.sb.Calls("authorizations/applyToken"), 1, "applyToken calls while the answer is held")

	e.exec(`ALTER TABLE wallets_away RENAME TO wallets`)
	allow()
	kept, err := e.db.LinkTokenAnswer(e.ctx, l.ID)
	check(t, err)
	assertEqual(t, len(kept), 0, "kept answer bytes: the database refused them")
	e.later(2*applyLease + 2*time.Second)
	check(t, e.svc.Reconcile(e.ctx))
	got, err := e.svc.LinkForBuyer(e.ctx, b.ID, l.ID)
	check(t, err)
	assertEqual(t, got.Status, db.LinkLinked, "attempt")
	assertEqual(t, e.sb.Calls("authorizations/applyToken"), 1, "applyToken calls")
}

// waitUntil waits, with a 10 s deadline, until cond holds, looking again
// whenever link id's subject is published. Work that follows a
// notification starts after the link's new state is visible, so tests
// wait for a sign of that work before Wait.
func (e *env) waitUntil(id int64, what string, cond func() bool) {
	e.t.Helper()
	wake, stop := e.svc.Hub().Subscribe(LinkSubject(id))
	defer stop()
	deadline := time.After(10 * time.Second)
	for !cond() {
		select {
		case <-wake:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			e.t.Fatalf("link %d: still not %s", id, what)
		}
	}
}

// exec runs a statement both backends understand, for tests that take
// part of the schema away to make writes fail.
func (e *env) exec(stmt string) {
	e.t.Helper()
	_, err := e.db.SQL().ExecContext(e.ctx, stmt)
	check(e.t, err)
}

// refuseUpdates makes the database refuse every update of table's column
// (a trigger, in each backend's words) until the returned func is called.
func (e *env) refuseUpdates(table, column string) (allow func()) {
	e.t.Helper()
	name := "refuse_" + table + "_" + column
	if e.db.Backend() == db.PostgreSQL {
		e.exec(`CREATE FUNCTION ` + name + `() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused (test)'; END $$`)
		e.exec(`CREATE TRIGGER ` + name + ` BEFORE UPDATE OF ` + column + ` ON ` + table + ` FOR EACH ROW EXECUTE FUNCTION ` + name + `()`)
		return func() { e.exec(`DROP TRIGGER ` + name + ` ON ` + table) }
	}
	e.exec(`CREATE TRIGGER ` + name + ` BEFORE UPDATE OF ` + column + ` ON ` + table + ` BEGIN SELECT RAISE(ABORT, 'refused (test)'); END`)
	return func() { e.exec(`DROP TRIGGER ` + name) }
}
