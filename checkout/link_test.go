package checkout

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/db"
	"antom-checkout/lang"
)

func TestLinkHappyPath(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("ann@example.com")
	l := e.startLink(b, "GCASH")
	check(t, e.sb.Authorize(e.ctx, l.CodeValue, user(t, "GCASH")))
	linked := e.waitLink(b, l.ID, db.LinkLinked)
	if linked.UserLoginID == "" {
		t.Fatal("no userLoginId shown")
	}
	ws, err := e.svc.BuyerWallets(e.ctx, b.ID)
	check(t, err)
	assertEqual(t, len(ws), 1, "wallets")
	assertEqual(t, ws[0].Wallet, "GCASH", "wallet")
	assertEqual(t, ws[0].UserLoginID, linked.UserLoginID, "userLoginId")
	assertEqual(t, e.sb.Calls("authorizations/applyToken"), 1, "applyToken calls")
}

// A linked attempt whose wallet the buyer unlinked since says so
// (LinkUnlinked), still naming the login it linked, and only to its
// buyer.
func TestLinkOfAWalletUnlinkedSince(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("una@example.com")
	l := e.startLink(b, "GCASH")
	check(t, e.sb.Authorize(e.ctx, l.CodeValue, user(t, "GCASH")))
	linked := e.waitLink(b, l.ID, db.LinkLinked)
	ws, err := e.svc.BuyerWallets(e.ctx, b.ID)
	check(t, err)
	assertEqual(t, len(ws), 1, "wallets")
	check(t, e.svc.Unlink(e.ctx, b.ID, ws[0].ID, "buyer una@example.com"))
	got, err := e.svc.LinkForBuyer(e.ctx, b.ID, l.ID)
	check(t, err)
	assertEqual(t, [2]string{got.Status, got.UserLoginID}, [2]string{LinkUnlinked, linked.UserLoginID}, "status and login once unlinked")
	other := e.buyer("oz@example.com")
	if _, err := e.svc.LinkForBuyer(e.ctx, other.ID, l.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("another buyer reads the attempt: %v", err)
	}
}

// The same AUTHCODE_CREATED delivered 8 times, some at once, gives one
// applyToken and one wallet; the repeats are recorded as duplicates.
func TestAuthCodeDeliveredEightTimes(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("ben@example.com")
	l := e.startLink(b, "ALIPAY_HK")
	attempt, err := e.db.LinkAttemptByID(e.ctx, l.ID)
	check(t, err)
	body := authCodeBody(attempt.AuthState, "code-that-the-sandbox-never-issued-0001")
	// Deliver the first copy alone, then seven more, six of them at once.
	receive := func() string {
		v, err := e.svc.ReceiveNotification(e.ctx, Inbound{RequestTime: "t", Body: body})
		check(t, err)
		return v
	}
	assertEqual(t, receive(), VerdictApplied, "first delivery")
	var wg sync.WaitGroup
	verdicts := make(chan string, 7)
	for i := 0; i < 7; i++ {
		wg.Add(1)
		go func() { defer wg.Done(); verdicts <- receive() }()
	}
	wg.Wait()
	close(verdicts)
	for v := range verdicts {
		assertEqual(t, v, VerdictDuplicate, "repeat delivery")
	}
	// The code is not one the sandbox issued, so applyToken fails once.
	got := e.waitLink(b, l.ID, db.LinkFailed)
	assertEqual(t, got.FailureCode, "INVALID_AUTHCODE", "failure")
	e.svc.Wait()
	assertEqual(t, e.sb.Calls("authorizations/applyToken"), 1, "applyToken calls")
	rows, err := e.db.RecentNotifications(e.ctx, 20)
	check(t, err)
	assertEqual(t, len(rows), 8, "inbox rows")
}

// The real thing through the sandbox: the dispatcher duplicates the
// notification; still one applyToken and one wallet.
func TestDuplicatedNotificationLinksOnce(t *testing.T) {
	e := newEnv(t, Options{})
	e.sb.Faults().SetNotify(sandbox.NotifyFault{DuplicateNext: 1})
	b := e.buyer("cat@example.com")
	l := e.startLink(b, "DANA")
	check(t, e.sb.Authorize(e.ctx, l.CodeValue, user(t, "DANA")))
	e.waitLink(b, l.ID, db.LinkLinked)
	e.svc.Wait()
	ws, err := e.svc.BuyerWallets(e.ctx, b.ID)
	check(t, err)
	assertEqual(t, len(ws), 1, "wallets")
	assertEqual(t, e.sb.Calls("authorizations/applyToken"), 1, "applyToken calls")
}

func TestApplyTokenUnknownTwiceThenLinksOnce(t *testing.T) {
	e := newEnv(t, Options{})
	e.sb.Faults().SetAPI("authorizations/applyToken", sandbox.APIFault{UnknownNext: 2})
	b := e.buyer("dan@example.com")
	l := e.startLink(b, "TNG")
	check(t, e.sb.Authorize(e.ctx, l.CodeValue, user(t, "TNG")))
	e.waitLink(b, l.ID, db.LinkLinked)
	assertEqual(t, e.sb.Calls("authorizations/applyToken"), 3, "applyToken calls (2 unknown, 1 success)")
	ws, err := e.svc.BuyerWallets(e.ctx, b.ID)
	check(t, err)
	assertEqual(t, len(ws), 1, "wallets")
}

// A lost applyToken answer (the work was done) is asked again with the
// same code, as API.md §4.2 says for no answer; Antom's codes are
// single-use, so the code is refused and the page offers a new QR code.
// The refusal after an unanswered call is told apart (LinkAnswerLost:
// Antom may hold a token for it), on the link and on the inbox row of
// its AUTHCODE_CREATED, from a code refused at its first call.
func TestApplyTokenAnswerLostThenCodeRefused(t *testing.T) {
	e := newEnv(t, Options{})
	e.sb.Faults().SetAPI("authorizations/applyToken", sandbox.APIFault{DropNext: 1})
	b := e.buyer("eve@example.com")
	l := e.startLink(b, "KAKAOPAY")
	check(t, e.sb.Authorize(e.ctx, l.CodeValue, user(t, "KAKAOPAY")))
	got := e.waitLink(b, l.ID, db.LinkFailed)
	assertEqual(t, got.FailureCode, LinkAnswerLost, "failure")
	assertEqual(t, e.sb.Calls("authorizations/applyToken"), 2, "applyToken calls")
	e.svc.Wait()
	rows, err := e.db.RecentNotifications(e.ctx, 5)
	check(t, err)
	var said []string
	for _, r := range rows {
		said = append(said, r.Detail)
		if strings.HasPrefix(r.Detail, "link failed") {
			assertEqual(t, r.Detail, "link failed: applyToken refused the authCode (INVALID_AUTHCODE) after an earlier applyToken with it went unanswered"+
				" (TOKEN_ANSWER_LOST); Antom may hold a token for it (an orphaned link) that we never received", "the inbox row")
			return
		}
	}
	t.Fatalf("no inbox row says the link failed: %q", said)
}

func TestStaleAndForeignAuthStatesLinkNothing(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("fay@example.com")

	v, err := e.svc.ReceiveNotification(e.ctx, Inbound{Body: authCodeBody("nobody-issued-this-state", "c1")})
	check(t, err)
	assertEqual(t, v, VerdictStale, "unknown authState")

	old := e.startLink(b, "GCASH")
	e.pastRenewSpacing()
	renewed, err := e.svc.RenewLink(e.ctx, b.ID, old.ID, antom.Env{})
	check(t, err)
	if renewed.ID == old.ID || renewed.CodeValue == old.CodeValue {
		t.Fatal("a new QR code must be a new attempt")
	}
	oldAttempt, _ := e.db.LinkAttemptByID(e.ctx, old.ID)
	newAttempt, _ := e.db.LinkAttemptByID(e.ctx, renewed.ID)
	if oldAttempt.AuthState == newAttempt.AuthState {
		t.Fatal("authState reused")
	}
	// A superseded attempt's code still links within its time
	// (TestAgreeingToAReplacedCodeLinks); past it, not.
	e.later(16 * time.Minute)
	v, err = e.svc.ReceiveNotification(e.ctx, Inbound{Body: authCodeBody(oldAttempt.AuthState, "c2")})
	check(t, err)
	assertEqual(t, v, VerdictStale, "superseded authState past its time")

	v, err = e.svc.ReceiveNotification(e.ctx, Inbound{Body: authCodeBody(newAttempt.AuthState, "c3")})
	check(t, err)
	assertEqual(t, v, VerdictStale, "expired attempt")
	e.svc.Wait()
	assertEqual(t, e.sb.Calls("authorizations/applyToken"), 0, "applyToken calls")
	ws, _ := e.svc.BuyerWallets(e.ctx, b.ID)
	assertEqual(t, len(ws), 0, "wallets")
}

// Two buyers link at once: each gets exactly their own wallet.
func TestTwoBuyersLinkingAtOnce(t *testing.T) {
	e := newEnv(t, Options{})
	a, b := e.buyer("gil@example.com"), e.buyer("hal@example.com")
	la, lb := e.startLink(a, "GCASH"), e.startLink(b, "GCASH")
	users := sandbox.TestUsers()
	var logins []string
	for _, u := range users {
		if u.Wallet == "GCASH" {
			logins = append(logins, u.Login)
		}
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() { defer wg.Done(); check(t, e.sb.Authorize(e.ctx, la.CodeValue, logins[0])) }()
	go func() { defer wg.Done(); check(t, e.sb.Authorize(e.ctx, lb.CodeValue, logins[1])) }()
	wg.Wait()
	ga, gb := e.waitLink(a, la.ID, db.LinkLinked), e.waitLink(b, lb.ID, db.LinkLinked)
	if ga.UserLoginID == gb.UserLoginID {
		t.Fatal("both buyers got the same wallet account")
	}
	for _, p := range []struct {
		buyer Buyer
		login string
	}{{a, ga.UserLoginID}, {b, gb.UserLoginID}} {
		ws, err := e.svc.BuyerWallets(e.ctx, p.buyer.ID)
		check(t, err)
		if len(ws) != 1 || ws[0].UserLoginID != p.login {
			t.Fatalf("buyer %s has %+v", p.buyer.Email, ws)
		}
	}
	if _, err := e.svc.LinkForBuyer(e.ctx, b.ID, la.ID); err != ErrNotFound {
		t.Fatal("a buyer can see another buyer's link attempt")
	}
}

func TestExpiredAttemptAndReconciler(t *testing.T) {
	e := newEnv(t, Options{LinkTimeout: time.Minute})
	b := e.buyer("ida@example.com")
	l := e.startLink(b, "TRUEMONEY")
	e.later(2 * time.Minute)
	check(t, e.svc.Reconcile(e.ctx))
	attempt, err := e.db.LinkAttemptByID(e.ctx, l.ID)
	check(t, err)
	assertEqual(t, attempt.Status, db.LinkExpired, "status after reconcile")
	events, err := e.db.Events(e.ctx, LinkSubject(l.ID))
	check(t, err)
	if !strings.Contains(events[len(events)-1].Detail, "expired") {
		t.Fatalf("timeline: %+v", events)
	}
	// No request asked for the pass: its entry names the pass instead.
	if id := events[len(events)-1].HTTPRequestID; !strings.HasPrefix(id, ReconcilerRequestPrefix) || len(id) <= len(ReconcilerRequestPrefix) {
		t.Fatalf("the reconciler's entry has request id %q", id)
	}
}

// Tokens are sealed: no column of the wallets table holds them in the clear.
func TestTokensAreEncryptedAtRest(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("jon@example.com")
	l := e.startLink(b, "ALIPAY_CN")
	check(t, e.sb.Authorize(e.ctx, l.CodeValue, user(t, "ALIPAY_CN")))
	e.waitLink(b, l.ID, db.LinkLinked)
	ws, _ := e.db.BuyerWallets(e.ctx, b.ID, db.WalletActive)
	access, err := e.sealer.Open(ws[0].AccessTokenSealed, sealPurposeAccessToken)
	check(t, err)
	refresh, err := e.sealer.Open(ws[0].RefreshTokenSealed, sealPurposeRefreshToken)
	check(t, err)
	if len(access) < 16 || len(refresh) < 16 {
		t.Fatal("tokens look empty")
	}
	dump := dumpTable(t, e, "wallets")
	for _, secret := range [][]byte{access, refresh} {
		if strings.Contains(dump, string(secret)) {
			t.Fatal("a token is stored in the clear")
		}
	}
}

func TestTokenCanceledRemovesWallet(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("kim@example.com")
	l := e.startLink(b, "GCASH")
	check(t, e.sb.Authorize(e.ctx, l.CodeValue, user(t, "GCASH")))
	e.waitLink(b, l.ID, db.LinkLinked)
	ws, _ := e.db.BuyerWallets(e.ctx, b.ID, db.WalletActive)
	token, _ := e.sealer.Open(ws[0].AccessTokenSealed, sealPurposeAccessToken)

	check(t, e.sb.CancelToken(e.ctx, string(token), "test"))
	deadline := time.Now().Add(10 * time.Second)
	for {
		active, err := e.svc.BuyerWallets(e.ctx, b.ID)
		check(t, err)
		if len(active) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("cancelled wallet still offered")
		}
		time.Sleep(10 * time.Millisecond)
	}
	w, _ := e.db.WalletByID(e.ctx, ws[0].ID)
	assertEqual(t, w.Status, db.WalletCanceled, "status")
	if w.AccessTokenSealed != nil {
		t.Fatal("a cancelled wallet keeps its token")
	}
	// The repeat changes nothing.
	v, err := e.svc.ReceiveNotification(e.ctx, Inbound{Body: tokenCanceledBody(string(token))})
	check(t, err)
	assertEqual(t, v, VerdictDuplicate, "repeat TOKEN_CANCELED")
}

func TestUnlinkRevokesAndRetriesUnknown(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("lee@example.com")
	l := e.startLink(b, "GCASH")
	check(t, e.sb.Authorize(e.ctx, l.CodeValue, user(t, "GCASH")))
	e.waitLink(b, l.ID, db.LinkLinked)
	ws, _ := e.svc.BuyerWallets(e.ctx, b.ID)

	e.sb.Faults().SetAPI("authorizations/revoke", sandbox.APIFault{UnknownNext: 2})
	check(t, e.svc.Unlink(e.ctx, b.ID, ws[0].ID, "test"))
	active, _ := e.svc.BuyerWallets(e.ctx, b.ID)
	assertEqual(t, len(active), 0, "wallets offered right after unlink")
	w, _ := e.db.WalletByID(e.ctx, ws[0].ID)
	assertEqual(t, w.Status, db.WalletRevoking, "status while revoke is unconfirmed")

	e.later(time.Hour)
	check(t, e.svc.Reconcile(e.ctx))
	e.later(2 * time.Hour)
	check(t, e.svc.Reconcile(e.ctx))
	w, _ = e.db.WalletByID(e.ctx, ws[0].ID)
	assertEqual(t, w.Status, db.WalletRevoked, "status after the reconciler")
	assertEqual(t, e.sb.Calls("authorizations/revoke"), 3, "revoke calls")

	if err := e.svc.Unlink(e.ctx, 999, ws[0].ID, "x"); err != ErrNotFound {
		t.Fatalf("another buyer unlinking: %v", err)
	}
}

func TestRefreshNearExpiry(t *testing.T) {
	e := newEnv(t, Options{RefreshWindow: time.Hour})
	e.sb.SetTokenLifetime(30 * time.Minute)
	b := e.buyer("max@example.com")
	l := e.startLink(b, "GCASH")
	check(t, e.sb.Authorize(e.ctx, l.CodeValue, user(t, "GCASH")))
	e.waitLink(b, l.ID, db.LinkLinked)
	before, _ := e.db.BuyerWallets(e.ctx, b.ID, db.WalletActive)
	e.sb.SetTokenLifetime(0)
	check(t, e.svc.Reconcile(e.ctx))
	after, _ := e.db.WalletByID(e.ctx, before[0].ID)
	if after.AccessTokenHash == before[0].AccessTokenHash || !after.AccessTokenExpiresAt.After(time.Now().Add(24*time.Hour)) {
		t.Fatalf("not refreshed: expires %v", after.AccessTokenExpiresAt)
	}
	assertEqual(t, after.Status, db.WalletActive, "status")
	// The timeline says until when, with its zone (UTC, as every stored
	// time; the page writes it in the shop's): not a bare date.
	events, err := e.db.Events(e.ctx, walletSubject(after.ID))
	check(t, err)
	want := "access token refreshed; now valid until " + lang.StaffTime(after.AccessTokenExpiresAt, time.UTC)
	if !slices.ContainsFunc(events, func(ev db.Event) bool { return ev.Detail == want }) || !strings.HasSuffix(want, "\u00a0UTC") {
		t.Fatalf("the wallet's timeline, want %q:\n%+v", want, events)
	}
}

func authCodeBody(state, code string) []byte {
	b, _ := json.Marshal(antom.NotifyAuthorization{
		AuthorizationNotifyType: antom.NotifyAuthCodeCreated, AuthState: state, AuthCode: antom.Secret(code),
		UserLoginID: "0917****123", Result: antom.Result{ResultCode: "SUCCESS", ResultStatus: "S", ResultMessage: "success"},
	})
	return b
}

func tokenCanceledBody(token string) []byte {
	b, _ := json.Marshal(antom.NotifyAuthorization{
		AuthorizationNotifyType: antom.NotifyTokenCanceled, AccessToken: antom.Secret(token),
		Result: antom.Result{ResultCode: "SUCCESS", ResultStatus: "S", ResultMessage: "success"},
	})
	return b
}
