package app_test

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"antom-checkout/antom/sandbox"
	"antom-checkout/app/apptest"
)

// After a one-click payment, the metrics show it everywhere it went: the
// HTTP request by its route, Antom's pay call, the PAYMENT_RESULT
// notification and the payment's final status. A card payment waiting on
// Antom's hosted page is the reconciler's backlog. pprof answers too.
func TestMetricsAfterAPayment(t *testing.T) {
	srv := apptest.Start(t, map[string]string{"METRICS_ADDR": "127.0.0.1:0"})
	h := srv.App.MetricsHandler()
	if h == nil {
		t.Fatal("no metrics with METRICS_ADDR set")
	}
	metrics := httptest.NewServer(h)
	defer metrics.Close()
	scrape := func() map[string]*dto.MetricFamily { return scrapeMetrics(t, metrics.URL+"/metrics") }

	before := scrape()
	assertValue(t, before, "checkout_reconciler_backlog", map[string]string{"kind": "payments"}, 0)
	assertValue(t, before, "checkout_payments_total", map[string]string{"method": "WALLET", "status": "SUCCESS"}, 0)

	// A guest sent to Antom's card page: a payment PROCESSING.
	guest := newBrowser(t, srv.URL)
	ref := guest.order("coffee")
	card := guest.post("/checkout/"+ref+"/card", nil)
	if card.StatusCode != http.StatusSeeOther || !strings.HasPrefix(card.Header.Get("Location"), srv.SandboxURL) {
		t.Fatalf("card checkout: %d %s", card.StatusCode, card.Header.Get("Location"))
	}
	backlog := scrape()
	assertValue(t, backlog, "checkout_reconciler_backlog", map[string]string{"kind": "payments"}, 1)
	assertValue(t, backlog, "checkout_reconciler_backlog", map[string]string{"kind": "refunds"}, 0)
	if age := value(backlog, "checkout_reconciler_backlog_oldest_seconds", map[string]string{"kind": "payments"}); age <= 0 || age > 60 {
		t.Fatalf("oldest processing payment is %v s old", age)
	}

	// A buyer links a wallet and pays in one click.
	buyer := newBrowser(t, srv.URL)
	buyer.signUp("metrics@example.com")
	u := fundedUser(t)
	linkWallet(t, srv, buyer, u)
	ref = buyer.order("coffee")
	wallet := walletButton.FindStringSubmatch(buyer.page("/checkout/" + ref))
	if wallet == nil {
		t.Fatal("no wallet button on the checkout page")
	}
	pay := buyer.post("/checkout/"+ref+"/pay", url.Values{"wallet": {wallet[1]}})
	if pay.StatusCode != http.StatusSeeOther || pay.Header.Get("Location") != "/orders/"+ref {
		t.Fatalf("pay: %d %s", pay.StatusCode, pay.Header.Get("Location"))
	}

	// The notification comes on its own time.
	var after map[string]*dto.MetricFamily
	deadline := time.Now().Add(10 * time.Second)
	for after = scrape(); value(after, "checkout_notifications_total", map[string]string{"kind": "PAYMENT_RESULT"}) == 0; after = scrape() {
		if time.Now().After(deadline) {
			t.Fatal("no PAYMENT_RESULT notification counted within 10 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
	assertValue(t, after, "checkout_http_request_duration_seconds",
		map[string]string{"route": "/checkout/:ref/pay", "method": "POST", "status": "303"}, 1)
	assertValue(t, after, "checkout_http_request_duration_seconds",
		map[string]string{"route": "/antom/notify", "method": "POST", "status": "200"}, -1)
	assertValue(t, after, "checkout_antom_calls_total",
		map[string]string{"api": "pay", "result_status": "S", "result_code": "SUCCESS", "outcome": "ok"}, 1)
	assertValue(t, after, "checkout_antom_call_duration_seconds", map[string]string{"api": "pay"}, -1)
	assertValue(t, after, "checkout_payments_total", map[string]string{"method": "WALLET", "status": "SUCCESS"}, 1)
	if n := value(after, "checkout_notifications_total", map[string]string{"kind": "PAYMENT_RESULT", "verdict": "forged"}); n != 0 {
		t.Fatalf("%v genuine notifications counted as forged", n)
	}
	for _, name := range []string{"go_goroutines", "go_memstats_heap_alloc_bytes", "process_resident_memory_bytes", "go_sql_open_connections"} {
		if after[name] == nil {
			t.Errorf("no %s", name)
		}
	}

	checkAlertRules(t, after)

	// On SQLite both pools: the writer's one connection and the readers'.
	assertValue(t, after, "go_sql_max_open_connections", map[string]string{"db_name": "checkout"}, 1)
	assertValue(t, after, "go_sql_max_open_connections", map[string]string{"db_name": "checkout_read"}, -1)

	for _, path := range []string{"/debug/pprof/", "/debug/pprof/heap?debug=1", "/debug/pprof/goroutine?debug=1"} {
		resp, err := http.Get(metrics.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || len(body) == 0 {
			t.Errorf("GET %s: %d, %d bytes", path, resp.StatusCode, len(body))
		}
	}
}

// Without METRICS_ADDR nothing is counted and nothing is served.
func TestNoMetricsWithoutMetricsAddr(t *testing.T) {
	srv := apptest.Start(t, nil)
	if srv.App.MetricsHandler() != nil {
		t.Fatal("metrics without METRICS_ADDR")
	}
}

// scrapeHandler scrapes a metrics handler through a server of its own.
func scrapeHandler(t *testing.T, h http.Handler) map[string]*dto.MetricFamily {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	return scrapeMetrics(t, srv.URL+"/metrics")
}

func scrapeMetrics(t *testing.T, url string) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("scrape: %d", resp.StatusCode)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return fams
}

// value sums the series of name whose labels include want: counters and
// gauges by value, histograms by count.
func value(fams map[string]*dto.MetricFamily, name string, want map[string]string) float64 {
	f := fams[name]
	if f == nil {
		return 0
	}
	var sum float64
	for _, m := range f.GetMetric() {
		labels := map[string]string{}
		for _, l := range m.GetLabel() {
			labels[l.GetName()] = l.GetValue()
		}
		match := true
		for k, v := range want {
			if labels[k] != v {
				match = false
			}
		}
		if !match {
			continue
		}
		switch {
		case m.Counter != nil:
			sum += m.Counter.GetValue()
		case m.Gauge != nil:
			sum += m.Gauge.GetValue()
		case m.Histogram != nil:
			sum += float64(m.Histogram.GetSampleCount())
		}
	}
	return sum
}

// assertValue checks a sum; want -1 means "at least one".
func assertValue(t *testing.T, fams map[string]*dto.MetricFamily, name string, labels map[string]string, want float64) {
	t.Helper()
	got := value(fams, name, labels)
	if want < 0 && got < 1 || want >= 0 && got != want {
		t.Fatalf("%s%v = %v, want %v", name, labels, got, want)
	}
}

// browser is a cookie-keeping client that does not follow redirects.
type browser struct {
	t    *testing.T
	http *http.Client
	base string
}

func newBrowser(t *testing.T, base string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, base: base, http: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

func (b *browser) post(path string, form url.Values) *http.Response {
	b.t.Helper()
	resp, err := b.http.PostForm(b.base+path, form)
	if err != nil {
		b.t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

func (b *browser) page(path string) string {
	b.t.Helper()
	resp, err := b.http.Get(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		b.t.Fatalf("GET %s: %d", path, resp.StatusCode)
	}
	return string(body)
}

func (b *browser) signUp(email string) {
	b.t.Helper()
	if resp := b.post("/signup", url.Values{"email": {email}, "password": {"correct horse battery"}}); resp.StatusCode != http.StatusSeeOther {
		b.t.Fatalf("sign up: %d", resp.StatusCode)
	}
}

// order orders one of a product and returns the order's ref.
func (b *browser) order(slug string) string {
	b.t.Helper()
	resp := b.post("/orders", url.Values{"product": {slug}, "quantity": {"1"}})
	ref, ok := strings.CutPrefix(resp.Header.Get("Location"), "/checkout/")
	if resp.StatusCode != http.StatusSeeOther || !ok {
		b.t.Fatalf("order: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	return ref
}

var (
	walletButton = regexp.MustCompile(`name="wallet" value="(\d+)"`)
	codeValue    = regexp.MustCompile(`data-testid="code-value">([^<]+)<`)
)

func fundedUser(t *testing.T) sandbox.TestUser {
	for _, u := range sandbox.TestUsers() {
		if u.Balances["USD"] >= 100000 {
			return u
		}
	}
	t.Fatal("no funded sandbox user")
	return sandbox.TestUser{}
}

// linkWallet links u's wallet for the buyer, as the link page does.
func linkWallet(t *testing.T, srv *apptest.Server, b *browser, u sandbox.TestUser) {
	t.Helper()
	resp := b.post("/wallets/link", url.Values{"wallet": {u.Wallet}, "return_to": {"/wallets"}})
	var id int64
	if _, err := fmt.Sscanf(resp.Header.Get("Location"), "/wallets/link/%d", &id); err != nil {
		t.Fatalf("start link: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	code := codeValue.FindStringSubmatch(b.page(resp.Header.Get("Location")))
	if code == nil {
		t.Fatal("no QR code on the link page")
	}
	if err := srv.App.Sandbox().Authorize(context.Background(), html.UnescapeString(code[1]), u.Login); err != nil {
		t.Fatal(err)
	}
	for seen := "PENDING"; seen != "LINKED"; {
		body := b.page(fmt.Sprintf("/wallets/link/%d/status?seen=%s", id, seen))
		_, rest, _ := strings.Cut(body, `"status":"`)
		seen, _, _ = strings.Cut(rest, `"`)
		if seen == "FAILED" || seen == "EXPIRED" || seen == "" {
			t.Fatalf("link ended %q", seen)
		}
	}
}
