package handlers

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/antom/sandbox/sandboxtest"
	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/db/dbtest"
	"antom-checkout/lang"
)

// sandboxApp is the handlers over a real database and the real sandbox
// on loopback, as `make run` has them, with the domain's clock a test can
// move ahead (skew) past a payment's expiry.
type sandboxApp struct {
	*testApp
	sb   *sandbox.Sandbox
	skew atomic.Int64 // nanoseconds the domain's clock runs ahead of the wall clock
}

func newSandboxApp(t *testing.T) *sandboxApp {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	dir := filepath.Join(t.TempDir(), "sandbox")
	creds := sandboxtest.Provision(t, dir)
	sbLn, err := net.Listen("tcp", "127.0.0.1:0")
	check(t, err)
	sb, err := sandbox.Open(ctx, sandbox.Config{DataDir: dir, BaseURL: "http://" + sbLn.Addr().String(), TimeScale: 1})
	check(t, err)
	sbSrv := &httptest.Server{Listener: sbLn, Config: &http.Server{Handler: sb.Handler()}}
	sbSrv.Start()
	sb.Start(ctx)
	client, err := antom.NewClient(antom.Config{GatewayURL: sbSrv.URL, ClientID: creds.ClientID, PrivateKey: creds.MerchantPrivateKey,
		AntomPublicKey: creds.AntomPublicKey, AllowAnyGateway: true})
	check(t, err)
	sealer, err := checkout.NewSealer([]byte("0123456789abcdef0123456789abcdef"))
	check(t, err)

	database := dbtest.Open(t) // TEST_DB=postgres: on PostgreSQL
	sa := &sandboxApp{sb: sb}
	now := func() time.Time { return time.Now().Add(time.Duration(sa.skew.Load())) }
	appLn, err := net.Listen("tcp", "127.0.0.1:0")
	check(t, err)
	notifyURL := "http://" + appLn.Addr().String() + "/antom/notify"
	log := slog.New(slog.DiscardHandler)
	svc := checkout.NewService(checkout.Deps{DB: database, Antom: client, Sealer: sealer, Log: log, Now: now,
		Options: checkout.Options{GatewayURL: sbSrv.URL, PublicURL: "http://shop.test", NotifyURL: notifyURL,
			RetryBase: time.Millisecond, PasswordCost: bcrypt.MinCost}})
	sa.testApp = &testApp{now: time.Now(), App: &App{
		Log: log, DB: database, Sessions: sessions(), Checkout: svc,
		Notify:   &antom.NotifyVerifier{PublicKey: sb.PublicKey(), ClientID: creds.ClientID, Path: "/antom/notify"},
		ClientID: creds.ClientID, Merchant: "Tea & Co.", Contact: "help@demo.example",
		Gateway: Gateway{URL: sbSrv.URL, Check: func(context.Context) error { return nil }},
		Now:     time.Now,
	}}
	appSrv := &httptest.Server{Listener: appLn, Config: &http.Server{Handler: sa.Routes()}}
	appSrv.Start()
	check(t, sb.Register(ctx, sandbox.Merchant{ClientID: creds.ClientID, PublicKey: creds.MerchantPublicKey, NotifyURL: notifyURL}))
	t.Cleanup(func() {
		cancel()
		appSrv.Close()
		svc.Wait()
		sbSrv.Close()
		sb.Close()
		database.Close()
	})
	return sa
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// linkDANA links a funded DANA wallet of the sandbox for the buyer, as
// scanning its QR code does, and returns the sandbox user's login.
func (sa *sandboxApp) linkDANA(t *testing.T, buyerID int64) string {
	t.Helper()
	ctx := context.Background()
	var login string
	for _, u := range sandbox.TestUsers() {
		if u.Wallet == "DANA" && u.Balances["USD"] >= 100_000 {
			login = u.Login
			break
		}
	}
	l, err := sa.Checkout.StartLink(ctx, buyerID, "DANA", "/wallets", antom.Env{ClientIP: "127.0.0.1"})
	check(t, err)
	check(t, sa.sb.Authorize(ctx, l.CodeValue, login))
	for deadline := time.Now().Add(10 * time.Second); ; {
		l, err = sa.Checkout.LinkForBuyer(ctx, buyerID, l.ID)
		check(t, err)
		if l.Status == db.LinkLinked {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("link stayed %s", l.Status)
		}
		time.Sleep(10 * time.Millisecond)
	}
	sa.Checkout.Wait()
	return login
}

// reconcileAt runs the reconciler's pass with the domain's clock d ahead
// of the wall clock, and waits for the work it started.
func (sa *sandboxApp) reconcileAt(t *testing.T, d time.Duration) {
	t.Helper()
	sa.Checkout.Wait()
	sa.skew.Store(int64(d))
	check(t, sa.Checkout.Reconcile(context.Background()))
	sa.Checkout.Wait()
}

// The trial's case, driven through the pages and the sandbox: the DANA
// payment's answer is lost (pay dropped three times) and Antom shows no
// such payment until after its expiry, so the app closes it itself —
// while the sandbox took the money. The result page then says no more
// than Antom told us (not "Nothing was charged"), and that a payment
// turning up after all is given back. The buyer pays again; the
// reconciler, still watching the closed payment, finds it went through:
// the result page, and its live update, say the DANA payment of that
// amount was refunded automatically.
func TestResultPageTellsALateChargeAndItsRefund(t *testing.T) {
	sa := newSandboxApp(t)
	ctx := context.Background()
	const email = "latecharge@example.com"
	b := sa.client(t)
	b.signUp(email)
	login := sa.linkDANA(t, sa.buyerID(t, email))
	before, err := sa.sb.Balance(ctx, login, "USD")
	check(t, err)
	ref := b.buy("coffee", "1")
	ws, err := sa.DB.BuyerWallets(ctx, sa.buyerID(t, email), db.WalletActive)
	check(t, err)
	wallet := url.Values{"wallet": {itoa(ws[0].ID)}}
	resultPage := func() page {
		t.Helper()
		p := b.get("/orders/" + ref)
		assertEqual(t, p.status, http.StatusOK, "result page")
		return p
	}

	sa.sb.Faults().SetAPI("payments/pay", sandbox.APIFault{DropNext: 3})
	sa.sb.Faults().SetAPI("payments/inquiryPayment", sandbox.APIFault{NotFoundNext: 40})
	sa.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100})
	if p := b.post("/checkout/"+ref+"/pay", wallet); p.status != http.StatusSeeOther {
		t.Fatalf("pay: %d %s", p.status, p.body)
	}
	first, err := sa.DB.LatestAttempt(ctx, sa.order(t, ref).ID)
	check(t, err)
	sa.reconcileAt(t, 2*time.Minute) // past the payment's expiry: Antom shows no such payment
	closed, err := sa.DB.AttemptByID(ctx, first.ID)
	check(t, err)
	assertEqual(t, closed.Status+"/"+closed.ResultCode+"/"+closed.FinalSource, "FAIL/ORDER_NOT_EXIST/OURS", "the DANA payment closed by us")
	taken, err := sa.sb.Balance(ctx, login, "USD")
	check(t, err)
	if taken >= before {
		t.Fatalf("the sandbox took nothing (%d, then %d): the case needs the money taken", before, taken)
	}

	d := html(t, resultPage().body)
	assertEqual(t, textOf(t, d, "result-headline-text"), lang.For(lang.English).T("latecharge.head_unconfirmed"), "headline of a payment closed by us")
	detail := textOf(t, d, "result-detail")
	assertEqual(t, detail, "When its time ran out, the payment service had no record of this payment, so as far as it told us, nothing was charged. "+
		"You can pay again. We keep checking for a day: if the payment shows up after all, it pays this order — or, if you have paid another way by then, "+
		"it is given back to you automatically and your order's page says so.", "detail of a payment closed by us")
	if strings.Contains(detail, "Nothing was charged") {
		t.Fatalf("the page claims nothing was charged: %q", detail)
	}
	checkoutPage := html(t, b.get("/checkout/"+ref).body)
	if last := textOf(t, checkoutPage, "last-attempt"); !strings.HasPrefix(last, "Your last payment could not be confirmed. When its time ran out") {
		t.Fatalf("the checkout page says of the last payment: %q", last)
	}

	// The buyer pays again; the first payment goes through after all.
	sa.sb.Faults().Reset()
	sa.skew.Store(0) // the sandbox's clock: a new pay's expiry must suit it
	if p := b.post("/checkout/"+ref+"/pay", wallet); p.status != http.StatusSeeOther {
		t.Fatalf("pay again: %d %s", p.status, p.body)
	}
	paid := html(t, resultPage().body)
	assertEqual(t, textOf(t, paid, "result-status"), "Paid", "paid")
	if n := testid(paid, "given-back").Length(); n != 0 {
		t.Fatalf("%d payments given back before the late success", n)
	}
	key, _ := testid(paid, "result").Attr("data-key")
	live := pollJSON[orderStatus](t, b, "/orders/"+ref+"/status?seen="+url.QueryEscape(key))

	sa.sb.Faults().SetNotify(sandbox.NotifyFault{DropNext: 100}) // found by the reconciler's watch, not told
	sa.reconcileAt(t, 10*time.Minute)
	refunds, err := sa.DB.OrderRefunds(ctx, sa.order(t, ref).ID)
	check(t, err)
	if len(refunds) != 1 || refunds[0].AttemptID != first.ID || refunds[0].Status != db.RefundSuccess {
		t.Fatalf("refunds: %+v, want the DANA payment's, made", refunds)
	}
	after, err := sa.sb.Balance(ctx, login, "USD")
	check(t, err)
	assertEqual(t, before-after, first.Amount, "the buyer paid once")

	refunded := "Your earlier payment of $18.50 with DANA " + ws[0].UserLoginID + " went through after all, after another payment had already been made for this order. " +
		"It was refunded to you automatically, in full, on "
	d = html(t, resultPage().body)
	assertEqual(t, textOf(t, d, "result-status"), "Paid", "the order stays paid by the second payment")
	if got := textOf(t, d, "given-back"); !strings.HasPrefix(got, refunded) {
		t.Fatalf("the result page says of the DANA payment %q, want %q…", got, refunded)
	}
	// The page open before the late success learns of it by its
	// long-poll, and of the refund's progress after.
	for seen := key; ; {
		var s orderStatus
		select {
		case s = <-live:
		case <-time.After(20 * time.Second):
			t.Fatalf("the page's long-poll (seen %q) did not answer", seen)
		}
		said := html(t, s.HTML).Text() // the wallet's name and account are boxed (walletSay)
		if s.Key == seen || !strings.Contains(said, "Your earlier payment of $18.50 with DANA") {
			t.Fatalf("the live update did not tell the DANA payment (key %q, was %q): %s", s.Key, seen, s.HTML)
		}
		if strings.Contains(said, "It was refunded to you automatically") {
			break
		}
		seen = s.Key
		live = pollJSON[orderStatus](t, b, "/orders/"+ref+"/status?seen="+url.QueryEscape(seen))
	}
}
