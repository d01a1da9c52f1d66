// Package metrics keeps the app's Prometheus metrics on a registry of its
// own and serves them, with net/http/pprof, on the operator's listener
// (METRICS_ADDR). README.md lists every metric.
package metrics

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"net/http/pprof"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"antom-checkout/antom"
	"antom-checkout/db"
)

const namespace = "checkout"

// Config is what New needs; every field is optional.
type Config struct {
	// Backlog reads the reconciler's unfinished work at scrape time.
	Backlog func(ctx context.Context) ([]db.BacklogItem, error)
	// SQL adds the connection pool's statistics (go_sql_*,
	// db_name="checkout"); SQLReader those of the pool for reads, when it
	// is another (SQLite's read-only pool: db_name="checkout_read").
	SQL, SQLReader *sql.DB
	// LongPolls counts the long-polls waiting right now.
	LongPolls func() int
	// Expiring reads at scrape time how many card authorizations waiting
	// for staff expire within ExpiringWithin, and the soonest expiry
	// (zero when none): checkout_authorizations_expiring and
	// checkout_authorizations_expiring_soonest_seconds.
	Expiring       func(ctx context.Context) (int, time.Time, error)
	ExpiringWithin time.Duration
	// Now is the clock for the backlog's ages and the expiries' seconds
	// left; nil → time.Now.
	Now func() time.Time
}

// Metrics counts what the app does. It is safe for concurrent use; every
// observation is a few hundred nanoseconds and never blocks.
type Metrics struct {
	reg           *prometheus.Registry
	requests      *prometheus.HistogramVec
	antomCalls    *prometheus.CounterVec
	antomLatency  *prometheus.HistogramVec
	notifications *prometheus.CounterVec
	payments      *prometheus.CounterVec
	settings      *prometheus.GaugeVec
}

// New registers every metric on a new registry, with the Go runtime and
// process collectors.
func New(cfg Config) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Name: "http_request_duration_seconds",
			Help:    "HTTP requests served, by gin route pattern (\"cross-origin\" when the cross-origin check refused it, \"unmatched\" for none), method and status, and how long they took.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"route", "method", "status"}),
		antomCalls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "antom_calls_total",
			Help: "Antom API calls by API, the signed answer's resultStatus and resultCode (\"none\" and \"\" without one), and outcome (ok, in_process, failed, unknown, not_sent).",
		}, []string{"api", "result_status", "result_code", "outcome"}),
		antomLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Name: "antom_call_duration_seconds",
			Help:    "Antom API call latency by API, signing and verifying included.",
			Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"api"}),
		notifications: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "notifications_total",
			Help: "Notifications Antom sent, by kind and verdict (applied, duplicate, stale, quarantined, forged, unhandled, deferred, error).",
		}, []string{"kind", "verdict"}),
		payments: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Name: "payments_total",
			Help: "Payment attempts that reached their final status, by method (WALLET, CARD) and status (SUCCESS, FAIL, CANCELLED); each attempt once (a close we decided ourselves counts when Antom settles it or its day of watching ends).",
		}, []string{"method", "status"}),
		settings: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Namespace: namespace, Name: "settings_differ",
			Help: "1 while this instance's setting (CAPTURE_MODE, MERCHANT_NAME, MERCHANT_CONTACT, SHOP_TIMEZONE, PUBLIC_URL) differs from the shop's, the one the latest start of any instance stored; 0 when the same.",
		}, []string{"setting"}),
	}
	m.reg.MustRegister(m.requests, m.antomCalls, m.antomLatency, m.notifications, m.payments, m.settings,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Backlog != nil {
		m.reg.MustRegister(newBacklogCollector(cfg.Backlog, cfg.Now))
	}
	if cfg.Expiring != nil {
		m.reg.MustRegister(newExpiringCollector(cfg.Expiring, cfg.ExpiringWithin, cfg.Now))
	}
	if cfg.LongPolls != nil {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Namespace: namespace, Name: "longpolls_waiting",
			Help: "Long-polls (link and result pages) waiting for a change right now.",
		}, func() float64 { return float64(cfg.LongPolls()) }))
	}
	if cfg.SQL != nil {
		m.reg.MustRegister(collectors.NewDBStatsCollector(cfg.SQL, "checkout"))
	}
	if cfg.SQLReader != nil && cfg.SQLReader != cfg.SQL {
		m.reg.MustRegister(collectors.NewDBStatsCollector(cfg.SQLReader, "checkout_read"))
	}
	return m
}

// Handler serves /metrics and net/http/pprof's /debug/pprof/. It belongs
// on a listener only operators reach: profiles show the program's inner
// workings.
func (m *Metrics) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
		Registry: m.reg, ErrorHandling: promhttp.ContinueOnError,
	}))
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

// Request counts one HTTP request. route is the gin route pattern
// ("/orders/:ref"), or "unmatched" when no route matched (as the request
// log names it).
func (m *Metrics) Request(route, method string, status int, d time.Duration) {
	m.requests.WithLabelValues(route, knownMethod(method), strconv.Itoa(status)).Observe(d.Seconds())
}

// knownMethod keeps the label's values few: a client can send any method.
func knownMethod(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions:
		return method
	}
	return "other"
}

// AntomCall counts one Antom API call; wire it into antom.Config.OnCall.
// A result from an answer whose signature did not verify is not
// trusted with a label.
func (m *Metrics) AntomCall(c antom.Call) {
	status, code := c.ResultStatus, c.ResultCode
	var e *antom.Error
	if status == "" || errors.As(c.Err, &e) && e.Unverified {
		status, code = "none", ""
	}
	m.antomCalls.WithLabelValues(c.API, status, code, outcome(c, status, code)).Inc()
	m.antomLatency.WithLabelValues(c.API).Observe(c.Latency.Seconds())
}

// outcome names what a call's error means for the money (antom.Kind).
// A signed U whose resultCode says the request is in process
// (antom.InProcess) is "in_process", not "unknown": Antom has
// the request and its outcome follows (a hosted card page's pay always
// answers so). "unknown" is left for what may or may not have been acted
// on: UNKNOWN_EXCEPTION, throttling, no answer, an unsigned answer.
// status and code are the answer's as believed: "none" and "" unless it
// was signed.
func outcome(c antom.Call, status, code string) string {
	if c.Err == nil {
		return "ok"
	}
	switch c.Kind {
	case antom.KindFailed:
		return "failed"
	case antom.KindNotSent:
		return "not_sent"
	}
	if status == "U" && antom.InProcess(code) {
		return "in_process"
	}
	return "unknown"
}

// Notification counts one notification Antom sent (checkout.Observer).
func (m *Metrics) Notification(kind, verdict string) {
	m.notifications.WithLabelValues(kind, verdict).Inc()
}

// PaymentSettled counts one payment attempt's final status
// (checkout.Observer).
func (m *Metrics) PaymentSettled(method, status string) {
	m.payments.WithLabelValues(method, status).Inc()
}

// SettingDiffers sets checkout_settings_differ for setting: 1 while this
// instance's value differs from the shop's, 0 when it is the same.
func (m *Metrics) SettingDiffers(setting string, differs bool) {
	v := 0.0
	if differs {
		v = 1
	}
	m.settings.WithLabelValues(setting).Set(v)
}
