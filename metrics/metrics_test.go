package metrics

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	dto "github.com/prometheus/client_model/go"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// Labels a client controls cannot grow the series without bound: any
// unknown method is one label value (no route is one too: the handlers
// name it "unmatched").
func TestRequestLabelsStayFew(t *testing.T) {
	m := New(Config{})
	m.Request("unmatched", "GET", 404, time.Millisecond)
	m.Request("unmatched", "BREW", 404, time.Millisecond)
	m.Request("/orders/:ref", "GET", 200, time.Millisecond)
	if n := testutil.CollectAndCount(m.requests); n != 3 {
		t.Fatalf("%d series", n)
	}
	for _, labels := range [][]string{{"unmatched", "GET", "404"}, {"unmatched", "other", "404"}, {"/orders/:ref", "GET", "200"}} {
		if got := sampleCount(t, m, labels...); got != 1 {
			t.Errorf("%v: %d requests", labels, got)
		}
	}
}

func sampleCount(t *testing.T, m *Metrics, labels ...string) uint64 {
	t.Helper()
	o, err := m.requests.GetMetricWithLabelValues(labels...)
	if err != nil {
		t.Fatal(err)
	}
	var d dto.Metric
	if err := o.(prometheus.Metric).Write(&d); err != nil {
		t.Fatal(err)
	}
	return d.GetHistogram().GetSampleCount()
}

// An Antom call is counted by what the signed answer said and what the
// outcome means; an unsigned answer's result is not believed.
func TestAntomCallLabels(t *testing.T) {
	m := New(Config{})
	m.AntomCall(antom.Call{API: "pay", ResultStatus: "S", ResultCode: "SUCCESS", Latency: 40 * time.Millisecond})
	m.AntomCall(antom.Call{API: "pay", ResultStatus: "F", ResultCode: "USER_BALANCE_NOT_ENOUGH", Kind: antom.KindFailed,
		Err: &antom.Error{API: "pay", Kind: antom.KindFailed}})
	m.AntomCall(antom.Call{API: "pay", ResultStatus: "S", ResultCode: "SUCCESS", Kind: antom.KindUnknown,
		Err: &antom.Error{API: "pay", Kind: antom.KindUnknown, Unverified: true}})
	m.AntomCall(antom.Call{API: "inquiryPayment", Kind: antom.KindNotSent, Err: errors.New("dial refused")})
	// A hosted card page's pay: Antom has it, its outcome follows.
	m.AntomCall(antom.Call{API: "pay", ResultStatus: "U", ResultCode: "PAYMENT_IN_PROCESS", Kind: antom.KindUnknown,
		Err: &antom.Error{API: "pay", Kind: antom.KindUnknown}})
	m.AntomCall(antom.Call{API: "pay", ResultStatus: "U", ResultCode: "UNKNOWN_EXCEPTION", Kind: antom.KindUnknown,
		Err: &antom.Error{API: "pay", Kind: antom.KindUnknown}})
	// Unsigned, its claim of being in process is not believed.
	m.AntomCall(antom.Call{API: "refund", ResultStatus: "U", ResultCode: "REFUND_IN_PROCESS", Kind: antom.KindUnknown,
		Err: &antom.Error{API: "refund", Kind: antom.KindUnknown, Unverified: true}})

	for _, c := range []struct {
		labels []string
		want   float64
	}{
		{[]string{"pay", "S", "SUCCESS", "ok"}, 1},
		{[]string{"pay", "F", "USER_BALANCE_NOT_ENOUGH", "failed"}, 1},
		{[]string{"pay", "none", "", "unknown"}, 1},
		{[]string{"inquiryPayment", "none", "", "not_sent"}, 1},
		{[]string{"pay", "U", "PAYMENT_IN_PROCESS", "in_process"}, 1},
		{[]string{"pay", "U", "UNKNOWN_EXCEPTION", "unknown"}, 1},
		{[]string{"refund", "none", "", "unknown"}, 1},
	} {
		if got := testutil.ToFloat64(m.antomCalls.WithLabelValues(c.labels...)); got != c.want {
			t.Errorf("%v = %v, want %v", c.labels, got, c.want)
		}
	}
	if n := testutil.CollectAndCount(m.antomCalls); n != 7 {
		t.Fatalf("%d series", n)
	}
}

// The backlog is read at scrape time; ages count from the oldest item, and
// a failing read does not take the other metrics down with it.
func TestBacklogAtScrapeTime(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	items := []db.BacklogItem{
		{Kind: db.BacklogPayments, Count: 2, Oldest: now.Add(-90 * time.Second)},
		{Kind: db.BacklogRefunds},
	}
	var fail error
	m := New(Config{Now: func() time.Time { return now }, Backlog: func(context.Context) ([]db.BacklogItem, error) {
		return items, fail
	}})
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()

	body := get(t, srv.URL+"/metrics", http.StatusOK)
	for _, line := range []string{
		`checkout_reconciler_backlog{kind="payments"} 2`,
		`checkout_reconciler_backlog_oldest_seconds{kind="payments"} 90`,
		`checkout_reconciler_backlog{kind="refunds"} 0`,
		`checkout_reconciler_backlog_oldest_seconds{kind="refunds"} 0`,
	} {
		if !strings.Contains(body, line+"\n") {
			t.Errorf("no %q in the scrape", line)
		}
	}

	items[0].Count = 0
	fail = errors.New("db: database is locked")
	body = get(t, srv.URL+"/metrics", http.StatusOK)
	if strings.Contains(body, "checkout_reconciler_backlog{") || !strings.Contains(body, "go_goroutines") {
		t.Fatalf("scrape with a failing backlog read:\n%s", body)
	}
}

func TestPprofAnswers(t *testing.T) {
	srv := httptest.NewServer(New(Config{}).Handler())
	defer srv.Close()
	if !strings.Contains(get(t, srv.URL+"/debug/pprof/", http.StatusOK), "goroutine") {
		t.Fatal("no profile index")
	}
	get(t, srv.URL+"/debug/pprof/heap?debug=1", http.StatusOK)
	get(t, srv.URL+"/debug/pprof/cmdline", http.StatusOK)
}

func get(t *testing.T, url string, status int) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, b)
	}
	return string(b)
}

// checkout_settings_differ says 1 while a setting differs, 0 once the
// same again, one series per setting.
func TestSettingDiffers(t *testing.T) {
	m := New(Config{})
	m.SettingDiffers("CAPTURE_MODE", true)
	m.SettingDiffers("MERCHANT_NAME", false)
	if got := testutil.ToFloat64(m.settings.WithLabelValues("CAPTURE_MODE")); got != 1 {
		t.Fatalf("differs: %v", got)
	}
	m.SettingDiffers("CAPTURE_MODE", false)
	if got := testutil.ToFloat64(m.settings.WithLabelValues("CAPTURE_MODE")); got != 0 {
		t.Fatalf("same again: %v", got)
	}
	if n := testutil.CollectAndCount(m.settings); n != 2 {
		t.Fatalf("%d series", n)
	}
}
