package checkout

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/antom/sandbox/sandboxtest"
	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// env is the domain over a real database and the real sandbox on
// loopback, with a minimal notification endpoint standing in for the
// handler (verify, ReceiveNotification, acknowledge).
type env struct {
	t      *testing.T
	ctx    context.Context
	svc    *Service
	db     *db.DB
	sb     *sandbox.Sandbox
	sealer *Sealer
	now    func() time.Time
	obs    *countingObserver
	// clientCfg is the Antom client's configuration, for tests that put
	// something between the client and the sandbox.
	clientCfg antom.Config
}

func newEnv(t *testing.T, opts Options) *env {
	t.Helper()
	return newEnvScaled(t, opts, 0.001)
}

// newEnvScaled is newEnv with the sandbox's clocks scaled by scale (1 is
// real time: payments stay open for their full minute).
func newEnvScaled(t *testing.T, opts Options, scale float64) *env {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	dir := t.TempDir()
	creds := sandboxtest.Provision(t, filepath.Join(dir, "sandbox"))

	sbLn, err := net.Listen("tcp", "127.0.0.1:0")
	check(t, err)
	sb, err := sandbox.Open(ctx, sandbox.Config{DataDir: filepath.Join(dir, "sandbox"), BaseURL: "http://" + sbLn.Addr().String(), TimeScale: scale})
	check(t, err)
	sbSrv := &httptest.Server{Listener: sbLn, Config: &http.Server{Handler: sb.Handler()}}
	sbSrv.Start()
	sb.Start(ctx)

	database := dbtest.Open(t) // TEST_DB=postgres: on PostgreSQL
	sealer, err := NewSealer([]byte("0123456789abcdef0123456789abcdef"))
	check(t, err)
	e := &env{t: t, ctx: ctx, db: database, sb: sb, sealer: sealer, obs: newCountingObserver()}

	e.clientCfg = antom.Config{
		GatewayURL: sbSrv.URL, ClientID: creds.ClientID, PrivateKey: creds.MerchantPrivateKey,
		AntomPublicKey: creds.AntomPublicKey, AllowAnyGateway: true,
		OnSend: func(ctx context.Context, api, id string) context.Context { return e.svc.ObserveSend(ctx, api, id) },
		OnCall: func(ctx context.Context, c antom.Call) { e.svc.ObserveCall(ctx, c) },
	}
	client, err := antom.NewClient(e.clientCfg)
	check(t, err)
	notifySrv := httptest.NewServer(e.notifyHandler(creds.ClientID))
	if opts.RetryBase == 0 {
		opts.RetryBase = time.Millisecond
	}
	if opts.ActionWait == 0 {
		// A test of what the buyer is told when Antom is slow sets its own
		// wait; any other must not turn into "still asking" because a
		// loaded machine made the sandbox's answers (each syncing its
		// SQLite) slower than the default 3 s.
		opts.ActionWait = time.Minute
	}
	if opts.PasswordCost == 0 {
		opts.PasswordCost = bcrypt.MinCost // a hash at the default cost takes ~1 s under -race
	}
	opts.PublicURL, opts.NotifyURL, opts.GatewayURL = "http://shop.test", notifySrv.URL+"/antom/notify", sbSrv.URL
	e.svc = NewService(Deps{DB: database, Antom: client, Sealer: sealer, Observer: e.obs, Options: opts})
	check(t, sb.Register(ctx, sandbox.Merchant{ClientID: creds.ClientID, PublicKey: creds.MerchantPublicKey, NotifyURL: opts.NotifyURL}))

	t.Cleanup(func() {
		cancel()
		notifySrv.Close()
		e.svc.Wait()
		sbSrv.Close()
		sb.Close()
		database.Close()
	})
	return e
}

// notifyHandler is the smallest correct notification endpoint.
func (e *env) notifyHandler(clientID string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, "read", 400)
			return
		}
		v := antom.NotifyVerifier{PublicKey: e.sb.PublicKey(), ClientID: clientID, Path: "/antom/notify"}
		if err := v.Verify(r.Header, body); err != nil {
			http.Error(w, "refused", 401)
			return
		}
		if _, err := e.svc.ReceiveNotification(r.Context(), Inbound{RequestTime: r.Header.Get("request-time"), Body: body}); err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		antom.WriteAck(w, clientID, time.Now())
	})
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func assertEqual[T comparable](t *testing.T, got, want T, what string) {
	t.Helper()
	if got != want {
		t.Fatalf("%s = %v, want %v", what, got, want)
	}
}

// buyer signs up a new buyer.
func (e *env) buyer(email string) Buyer {
	e.t.Helper()
	b, err := e.svc.SignUp(e.ctx, email, "correct horse battery", "192.0.2.1")
	check(e.t, err)
	return b
}

// startLink starts linking a wallet and checks a QR code came back.
func (e *env) startLink(b Buyer, wallet string) Link {
	e.t.Helper()
	l, err := e.svc.StartLink(e.ctx, b.ID, wallet, "/wallets", antom.Env{ClientIP: "127.0.0.1"})
	check(e.t, err)
	if l.Status == LinkPreparing {
		// The consult outlasted Options.ActionWait (a test's short one,
		// on a loaded machine): it goes on in the background.
		l = e.waitLink(b, l.ID, "PENDING")
	}
	if l.Status != "PENDING" || l.CodeValue == "" {
		e.t.Fatalf("link did not start: %+v", l)
	}
	return l
}

// waitLink waits until the attempt reaches status, failing after 10 s.
func (e *env) waitLink(b Buyer, id int64, status string) Link {
	e.t.Helper()
	wake, stop := e.svc.Hub().Subscribe(LinkSubject(id))
	defer stop()
	deadline := time.After(10 * time.Second)
	for {
		l, err := e.svc.LinkForBuyer(e.ctx, b.ID, id)
		check(e.t, err)
		if l.Status == status {
			return l
		}
		select {
		case <-wake:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			e.t.Fatalf("link %d stayed %s, want %s", id, l.Status, status)
		}
	}
}

// user returns the login of a seeded sandbox wallet user with money.
func user(t *testing.T, wallet string) string {
	t.Helper()
	for _, u := range sandbox.TestUsers() {
		if u.Wallet == wallet {
			return u.Login
		}
	}
	t.Fatalf("no sandbox user for %s", wallet)
	return ""
}

// later moves the domain's clock ahead, once background work is done.
func (e *env) later(d time.Duration) {
	e.svc.Wait()
	e.svc.now = func() time.Time { return time.Now().Add(d) }
}

// pastRenewSpacing moves the clock LinkRenewEvery on from where it
// stands: a renew the same way then replaces a code just made, as a
// buyer's press some seconds on does.
func (e *env) pastRenewSpacing() {
	e.later(e.svc.now().Sub(time.Now()) + LinkRenewEvery)
}

// linkedWallet links a wallet of the given sandbox user for b and returns
// its id.
func (e *env) linkedWallet(b Buyer, wallet, login string) int64 {
	e.t.Helper()
	l := e.startLink(b, wallet)
	check(e.t, e.sb.Authorize(e.ctx, l.CodeValue, login))
	e.waitLink(b, l.ID, db.LinkLinked)
	e.svc.Wait()
	ws, err := e.db.BuyerWallets(e.ctx, b.ID, db.WalletActive)
	check(e.t, err)
	return ws[0].ID
}

// order creates an order of a product for b.
func (e *env) order(b Buyer, slug string, qty int) Order {
	e.t.Helper()
	o, err := e.svc.CreateOrder(e.ctx, Viewer{BuyerID: b.ID}, slug, fmt.Sprint(qty))
	check(e.t, err)
	return o
}

// waitOrder waits until the order reaches status.
func (e *env) waitOrder(b Buyer, ref, status string) Order {
	e.t.Helper()
	wake, stop := e.svc.Hub().Subscribe(OrderSubject(ref))
	defer stop()
	deadline := time.After(10 * time.Second)
	for {
		o, err := e.svc.OrderFor(e.ctx, Viewer{BuyerID: b.ID}, ref)
		check(e.t, err)
		if o.Status == status {
			return o
		}
		select {
		case <-wake:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			e.t.Fatalf("order %s stayed %s, want %s", ref, o.Status, status)
		}
	}
}

// attempt returns the order's latest attempt.
func (e *env) attempt(ref string) db.Attempt {
	e.t.Helper()
	o, err := e.db.OrderByRef(e.ctx, ref)
	check(e.t, err)
	a, err := e.db.LatestAttempt(e.ctx, o.ID)
	check(e.t, err)
	return a
}

// verdicts waits until the inbox holds n notifications of kind and
// returns their verdicts, oldest first.
func (e *env) verdicts(kind string, n int) []string {
	e.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		rows, err := e.db.RecentNotifications(e.ctx, 100)
		check(e.t, err)
		var out []string
		for i := len(rows) - 1; i >= 0; i-- {
			if rows[i].Kind == kind {
				out = append(out, rows[i].Verdict)
			}
		}
		if len(out) >= n {
			return out
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("inbox has %d %s notifications, want %d", len(out), kind, n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// testUsers returns the sandbox users of a wallet: funded ones first,
// then the low-balance one.
func testUsers(wallet string) (funded []string, low string) {
	for _, u := range sandbox.TestUsers() {
		if u.Wallet != wallet {
			continue
		}
		if u.Balances["USD"] < 1000 {
			low = u.Login
		} else {
			funded = append(funded, u.Login)
		}
	}
	return funded, low
}

func waitBriefly() { time.Sleep(10 * time.Millisecond) }

func toString(v any) string {
	switch x := v.(type) {
	case []byte:
		return string(x)
	case string:
		return x
	}
	return fmt.Sprint(v)
}
