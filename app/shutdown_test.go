package app_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
	"antom-checkout/app/apptest"
	"antom-checkout/db"
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
	if resp := a.resp; resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/orders/"+ref {
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
