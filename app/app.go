package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/handlers"
	"antom-checkout/metrics"
)

// App is the assembled checkout, ready to serve.
type App struct {
	cfg      Config
	checkout *checkout.Service
	log      *slog.Logger
	db       *db.DB
	sessions *scs.SessionManager
	store    sessionStore
	sandbox  *sandbox.Sandbox // nil when talking to real Antom
	handler  http.Handler
	metrics  *metrics.Metrics // nil without METRICS_ADDR
	settings settingsWatch    // the shared settings' last check (settings.go)
	instance *instanceName    // what /healthz calls this instance (instance.go)
}

// New opens the database, starts the built-in sandbox when no Antom
// credentials are configured, and wires the handlers. It listens on
// nothing; Serve does, on the listeners Listen opened. The database comes
// first: one that cannot be opened stops the start before the sandbox's
// keys or the token key are written to DATA_DIR; before it, an
// ADMIN_PASSWORD too easy to guess for the first staff account stops a
// first start, which then writes nothing (refuseEasyFirstPassword).
func New(ctx context.Context, cfg Config, log *slog.Logger) (*App, error) {
	warnExposed(cfg, log)
	if err := refuseEasyFirstPassword(ctx, cfg); err != nil {
		return nil, err
	}
	database, err := openDatabase(ctx, cfg)
	if err != nil {
		return nil, err
	}
	from, to := database.Migrated()
	logSchema(log, from, to, database.Backend())
	a := &App{cfg: cfg, log: log, db: database, instance: newInstanceName(cfg.Addr)}
	if err := a.syncCatalog(ctx); err != nil {
		a.Close()
		return nil, err
	}
	if cfg.Sandbox {
		open := a.openSandbox
		if cfg.SandboxURL != "" {
			open = a.connectSandbox
		}
		if err := open(ctx); err != nil {
			a.Close()
			return nil, err
		}
	}
	if err := a.wire(); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.checkTokenKey(ctx); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.keepSettings(ctx); err != nil {
		a.Close()
		return nil, err
	}
	if err := a.bootstrapStaff(ctx); err != nil {
		a.Close()
		return nil, fmt.Errorf("app: first staff account: %w", err)
	}
	return a, nil
}

// wire builds the Antom client, the domain and the handlers.
func (a *App) wire() error {
	cfg := a.cfg
	sealer, err := checkout.NewSealer(cfg.TokenKey)
	if err != nil {
		return err
	}
	httpClient := &http.Client{Timeout: 30 * time.Second, Transport: antom.KeepAliveTransport()}
	obs, requests := a.newMetrics()
	hook := crashHook(cfg.CrashAt, func(msg string) { a.log.Warn(msg) })
	var svc *checkout.Service
	client, err := antom.NewClient(antom.Config{
		GatewayURL:      cfg.GatewayURL,
		ClientID:        cfg.ClientID,
		PrivateKey:      cfg.PrivateKey,
		AntomPublicKey:  cfg.AntomPublicKey,
		HTTPClient:      httpClient,
		AllowAnyGateway: cfg.Sandbox,
		OnSend: func(ctx context.Context, api, requestID string) context.Context {
			return svc.ObserveSend(ctx, api, requestID)
		},
		OnCall: func(ctx context.Context, c antom.Call) {
			a.logCall(ctx, c)
			svc.ObserveCall(ctx, c)
			if a.metrics != nil {
				a.metrics.AntomCall(c)
			}
			if hook != nil {
				hook("after:" + c.API)
			}
		},
	})
	if err != nil {
		return fmt.Errorf("app: antom client: %w", err)
	}
	svc = checkout.NewService(checkout.Deps{
		DB: a.db, Antom: client, Sealer: sealer, Log: a.log, Observer: obs,
		Options: checkout.Options{
			PublicURL:   cfg.PublicURL.String(),
			NotifyURL:   cfg.NotifyURL(),
			LinkTimeout: cfg.linkTimeout(),
			// The follow-up schedules scale with the reconciler's period.
			ReconcileEvery: cfg.ReconcileEvery,
			CaptureMode:    cfg.CaptureMode,
			GatewayURL:     cfg.GatewayURL,
			TestHook:       hook,
			TestPayments:   cfg.Sandbox,
			OrderLimits:    cfg.OrderLimits,
			Catalog:        cfg.Catalog,
			Zone:           cfg.Zone,
		},
	})
	a.checkout = svc
	a.store = newSessionStore(a.db)
	a.sessions = newSessions(a.store, cfg.PublicURL)
	a.sessions.ErrorFunc = sessionError(a.log)
	h := &handlers.App{
		Log:      a.log,
		DB:       a.db,
		Sessions: a.sessions,
		Checkout: svc,
		Notify: &antom.NotifyVerifier{
			PublicKey: cfg.AntomPublicKey,
			ClientID:  cfg.ClientID,
			Path:      cfg.NotifyPath(),
		},
		ClientID: cfg.ClientID,
		Merchant: cfg.MerchantName,
		Contact:  cfg.MerchantContact,
		Zone:     cfg.Zone,
		Gateway: handlers.Gateway{
			URL:     cfg.GatewayURL,
			Sandbox: cfg.Sandbox,
			Check:   cachedCheck(10*time.Second, func(ctx context.Context) error { return antom.Ping(ctx, httpClient, cfg.GatewayURL) }),
		},
		Now:            time.Now,
		Metrics:        requests,
		TrustedProxies: cfg.TrustedProxies,
		SettingsDiffer: a.settingsDiffer,
		Instance:       a.instance.String,
		HTTPS:          cfg.PublicURL.Scheme == "https",
	}
	if cfg.Sandbox {
		h.Gateway.ControlURL = cfg.GatewayURL + "/sandbox/control"
	}
	a.handler = h.Routes()
	return nil
}

// linkTimeout is the Scan to Link limit: as configured, else 15 minutes,
// scaled like the sandbox's QR codes so that both expire together.
func (c Config) linkTimeout() time.Duration {
	if c.LinkTimeout != 0 || !c.Sandbox {
		return c.LinkTimeout
	}
	return time.Duration(float64(checkout.DefaultLinkTimeout) * c.SandboxTimeScale)
}

// logCall writes one line per Antom call: which API, which request, what
// came back and how long it took. Never a body: bodies carry tokens. An
// answer whose signature did not verify is marked unverified=true: its
// result_status and result_code are only what its body claims (the
// metrics count it with result_status "none"). A call that failed as
// such (antom.Call.Failed) is a WARN line; any answer Antom signed, a
// refusal included, is INFO.
func (a *App) logCall(ctx context.Context, c antom.Call) {
	attrs := []any{"api", c.API, "request_id", c.RequestID, "result_status", c.ResultStatus,
		"result_code", c.ResultCode, "latency_ms", c.Latency.Milliseconds(),
		"http_request_id", checkout.HTTPRequestID(ctx)}
	if c.Unverified {
		attrs = append(attrs, "unverified", true)
	}
	if c.Err != nil {
		attrs = append(attrs, "err", c.Err.Error())
	}
	level := slog.LevelInfo
	if c.Failed() { // not sent, no answer, HTTP error, unsigned: WARN, so that an outage shows
		level = slog.LevelWarn
	}
	a.log.Log(ctx, level, "antom call", attrs...)
}

// Handler is the app's HTTP handler (for tests that bring their own server).
func (a *App) Handler() http.Handler { return a.handler }

// Config is the configuration the app runs with, sandbox credentials
// filled in.
func (a *App) Config() Config { return a.cfg }

// Checkout is the domain service (for tests and benchmarks).
func (a *App) Checkout() *checkout.Service { return a.checkout }

// Sandbox is the built-in sandbox, or nil with real Antom credentials.
func (a *App) Sandbox() *sandbox.Sandbox { return a.sandbox }

// Serve serves the app on l.App (the sandbox on l.Sandbox when it runs,
// the metrics on l.Metrics when METRICS_ADDR is set) until ctx ends, then
// stops gracefully (stop) and logs "stopped", its last line. It closes
// the listeners.
func (a *App) Serve(ctx context.Context, l Listeners) error {
	switch {
	case a.sandbox != nil && l.Sandbox == nil:
		l.Close()
		return errors.New("app: the sandbox needs a listener")
	case a.metrics != nil && l.Metrics == nil:
		l.Close()
		return errors.New("app: the metrics need a listener")
	}
	ctx, stopRunning := context.WithCancel(ctx) // also when a server fails
	defer stopRunning()
	// The app stops taking requests first; the sandbox and the metrics
	// stay until the app's work is done (it may still call Antom).
	front := []served{serving(newServer(a.handler, a.log), l.App)}
	var back []served
	if a.metrics != nil {
		back = append(back, serving(newMetricsServer(a.MetricsHandler(), a.log), l.Metrics))
		a.log.Info("metrics", "url", "http://"+l.Metrics.Addr().String()+"/metrics")
	}
	if a.sandbox != nil {
		a.sandbox.Start(ctx)
		back = append(back, serving(newServer(a.sandbox.Handler(), a.log), l.Sandbox))
	}
	every := a.cfg.ReconcileEvery
	if every == 0 {
		every = 2 * time.Second
	}
	reconciled := make(chan struct{})
	go func() { a.checkout.RunReconciler(ctx, every); close(reconciled) }()
	go a.checkout.RunWakeups(ctx) // long-polls woken by the other instances' news (PostgreSQL)
	watched := make(chan struct{})
	settingsTicker := time.NewTicker(settingsEvery)
	defer settingsTicker.Stop()
	go func() { a.watchSettings(ctx, settingsTicker.C); close(watched) }()

	a.instance.serving(l.App.Addr())
	all := append(append([]served{}, front...), back...)
	errc := make(chan error, len(all))
	for _, s := range all {
		go func() { errc <- s.srv.Serve(s.ln) }()
	}
	a.log.Info("listening", "addr", l.App.Addr().String(), "instance", a.instance.String(), "public_url", a.cfg.PublicURL.String(), "gateway", a.cfg.GatewayURL,
		"database", a.db.Backend())

	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	stopRunning()
	a.stop(front, back, reconciled)
	<-watched
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	a.log.Info("stopped")
	return err
}

// Close releases everything New opened. Call it after Serve returns.
func (a *App) Close() error {
	if a.store != nil {
		a.store.StopCleanup()
	}
	var errs []error
	if a.sandbox != nil {
		errs = append(errs, a.sandbox.Close())
	}
	if a.db != nil {
		errs = append(errs, a.db.Close())
	}
	return errors.Join(errs...)
}

func newServer(h http.Handler, log *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      60 * time.Second, // above the longest long-poll
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}
