package app_test

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/app"
	"antom-checkout/app/apptest"
	"antom-checkout/db"
	"antom-checkout/internal/syncbuf"
)

// Stopping lets what is under way finish: a pay request whose Antom call
// is in flight gets its answer and the payment settles; the reconciler's
// inquiry in flight completes instead of being cut off (which would leave
// its outcome unknown).
func TestStopFinishesRequestsAndAntomCallsInFlight(t *testing.T) {
	srv := apptest.Start(t, map[string]string{"METRICS_ADDR": "127.0.0.1:0"})
	faults := srv.App.Sandbox().Faults()
	calls := srv.App.Sandbox().Calls

	// A buyer ready to pay in one click.
	buyer := newBrowser(t, srv.URL)
	buyer.signUp("inflight@example.com")
	linkWallet(t, srv, buyer, fundedUser(t))
	ref := buyer.order("coffee")
	wallet := walletButton.FindStringSubmatch(buyer.page("/checkout/" + ref))
	if wallet == nil {
		t.Fatal("no wallet button")
	}

	// A guest goes to Antom's card page (a pay call too); the reconciler
	// asks about that payment two seconds later, slowly. Meanwhile the
	// buyer's pay call is slow too. Stop while both wait on Antom.
	faults.SetAPI("payments/inquiryPayment", sandbox.APIFault{Latency: 1500 * time.Millisecond})
	guest := newBrowser(t, srv.URL)
	if card := guest.post("/checkout/"+guest.order("mug")+"/card", nil); card.StatusCode != http.StatusSeeOther {
		t.Fatalf("card checkout: %d", card.StatusCode)
	}
	faults.SetAPI("payments/pay", sandbox.APIFault{Latency: 3 * time.Second})
	type answer struct {
		resp *http.Response
		err  error
	}
	paid := make(chan answer, 1)
	go func() {
		resp, err := buyer.http.PostForm(srv.URL+"/checkout/"+ref+"/pay", url.Values{"wallet": {wallet[1]}})
		if err == nil {
			resp.Body.Close()
		}
		paid <- answer{resp, err}
	}()
	waitUntil(t, "pay and inquiryPayment in flight", func() bool {
		return calls("payments/pay") == 2 && calls("payments/inquiryPayment") == 1
	})
	stopping := time.Now()
	if err := srv.Stop(); err != nil {
		t.Fatalf("serve: %v", err)
	}
	t.Logf("stopped in %v", time.Since(stopping))

	a := <-paid
	if a.err != nil {
		t.Fatalf("pay: %v", a.err)
	}
	// To the result page, maybe with the token of the notice it shows
	// ("?notice=…": Antom still being asked, as here).
	if resp := a.resp; resp.StatusCode != http.StatusSeeOther || strings.Split(resp.Header.Get("Location"), "?")[0] != "/orders/"+ref {
		t.Fatalf("pay: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	o, err := srv.App.Checkout().AdminOrderDetail(t.Context(), ref)
	if err != nil {
		t.Fatal(err)
	}
	if o.Order.Status != db.OrderPaid {
		t.Fatalf("order %s after stopping with its pay call in flight", o.Order.Status)
	}
	m := scrapeHandler(t, srv.App.MetricsHandler())
	assertValue(t, m, "checkout_antom_calls_total", map[string]string{"api": "inquiryPayment", "outcome": "ok"}, -1)
	if n := value(m, "checkout_antom_calls_total", map[string]string{"result_status": "none"}); n != 0 {
		t.Fatalf("%v Antom calls ended without a signed answer", n)
	}
}

func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within 10 s: %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// A request still running at the shutdown deadline is cut off, and its
// lines say so: "request cut off at the shutdown deadline" and status 503,
// not "request ended by its client" and 499 (the client did not leave).
// Stopping waits for the handlers it cut off, so "stopped" is the last
// line.
func TestRequestCutOffAtTheDeadlineIsLoggedAsSuchBeforeStopped(t *testing.T) {
	_, ref, logs, _ := cutOffCardPay(t)

	out := logs.String()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !strings.Contains(lines[len(lines)-1], "msg=stopped") {
		t.Errorf("the last line is not \"stopped\":\n%s", out)
	}
	if !strings.Contains(out, `msg="request cut off at the shutdown deadline" method=POST path=/checkout/`+ref+"/card") {
		t.Errorf("no line saying the card request was cut off:\n%s", out)
	}
	if !strings.Contains(out, "route=/checkout/:ref/card path=/checkout/"+ref+"/card status=503") {
		t.Errorf("the card request's line is not 503:\n%s", out)
	}
	if strings.Contains(out, "request ended by its client") {
		t.Errorf("a request cut off logged as its client's doing:\n%s", out)
	}
}

// cutOffCardPay starts the app with a 300 ms shutdown grace, sends a
// guest to Antom's card page while Antom takes a minute to answer, and
// stops the app with that pay call in flight: the request is cut off at
// the deadline. It returns the app (stopped, not yet closed), the order,
// the app's log and what the guest's browser got.
func cutOffCardPay(t *testing.T) (*app.App, string, *syncbuf.Buffer, <-chan cardAnswer) {
	t.Helper()
	logs := &syncbuf.Buffer{}
	ln, sln := listen(t), listen(t)
	env := map[string]string{"ADDR": ln.Addr().String(), "SANDBOX_ADDR": sln.Addr().String(), "DATA_DIR": t.TempDir()}
	cfg, err := app.Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	cfg.ShutdownGrace = 300 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	a, err := app.New(ctx, cfg, slog.New(slog.NewTextHandler(logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	served := make(chan error, 1)
	go func() { served <- a.Serve(ctx, app.Listeners{App: ln, Sandbox: sln}) }()

	a.Sandbox().Faults().SetAPI("payments/pay", sandbox.APIFault{Latency: time.Minute})
	guest := newBrowser(t, "http://"+ln.Addr().String())
	ref := guest.order("mug")
	answered := make(chan cardAnswer, 1)
	go func() {
		resp, err := guest.http.PostForm(guest.base+"/checkout/"+ref+"/card", nil)
		if err != nil {
			answered <- cardAnswer{err: err}
			return
		}
		resp.Body.Close()
		answered <- cardAnswer{status: resp.StatusCode}
	}()
	waitUntil(t, "the card pay call in flight", func() bool { return a.Sandbox().Calls("payments/pay") == 1 })
	cancel()
	if err := <-served; err != nil {
		t.Fatalf("serve: %v", err)
	}
	return a, ref, logs, answered
}

// cardAnswer is what the guest's browser got for its card request.
type cardAnswer struct {
	status int
	err    error
}

// The request cut off at the deadline is answered 503, as its log line
// says, not left with a closed connection: the server was closed at the
// deadline, before the handler it cut off could answer.
func TestRequestCutOffAtTheDeadlineIsAnswered503(t *testing.T) {
	_, _, logs, answered := cutOffCardPay(t)
	got := <-answered
	if got.err != nil || got.status != http.StatusServiceUnavailable {
		t.Fatalf("the cut-off request got status %d, error %v; want 503\n%s", got.status, got.err, logs.String())
	}
}

func listen(t *testing.T) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln
}

// A pay whose Antom call outlives the shutdown deadline is cut off with
// its request, and its timeline still says so: "outcome not known yet"
// is written with a context the cut-off did not end (bounded by its own
// short timeout), under the order, before the app stops.
func TestPayCutOffAtTheDeadlineKeepsItsTimelineLine(t *testing.T) {
	a, ref, logs, _ := cutOffCardPay(t)

	o, err := a.Checkout().AdminOrderDetail(context.Background(), ref)
	if err != nil {
		t.Fatal(err)
	}
	said := 0
	for _, e := range o.Timeline {
		if strings.Contains(e.Detail, "outcome not known yet") {
			said++
		}
	}
	if said != 1 {
		t.Fatalf("%d \"outcome not known yet\" lines on the order's timeline, want 1: %+v\n%s", said, o.Timeline, logs.String())
	}
}
