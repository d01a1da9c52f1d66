package sandbox

import (
	"context"
	"crypto/rsa"
	"database/sql"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"antom-checkout/antom"
)

// Config configures a Sandbox. Only DataDir is required.
type Config struct {
	DataDir    string           // its SQLite state ("sandbox.db") and key files live here; created if missing
	BaseURL    string           // the sandbox's own base URL, e.g. "http://127.0.0.1:8081"; consult's wallet-app URLs start with it
	TimeScale  float64          // multiplies every sandbox delay; 1 = real time; 0 means 1
	Logger     *slog.Logger     // nil → discard
	HTTPClient *http.Client     // sends notifications; nil → one with a 10 s timeout that keeps connections (antom.KeepAliveTransport)
	Now        func() time.Time // nil → time.Now; must advance like real time
	// AuthCodeTTL is how long an auth code from the wallet app can be
	// redeemed with applyToken (once: a redeemed code is INVALID_AUTHCODE).
	// 0 means 1 minute (seeds 000, 001); not scaled by TimeScale.
	AuthCodeTTL time.Duration
}

// Sandbox is a running simulator: state, keys, registered APIs, faults and
// the notification dispatcher.
type Sandbox struct {
	cfg      Config
	log      *slog.Logger
	key      *rsa.PrivateKey
	db       *sql.DB // reads outside transactions
	writer   *sql.DB // every transaction and write: one connection (openDB)
	faults   *Faults
	mux      *http.ServeMux
	page     *template.Template
	merchant merchants
	apis     apis
	calls    callCounts
	// byRequest counts calls per request id (RequestCalls).
	byRequest requestCalls
	wallet    *template.Template // the test wallet app's pages
	cardTmpl  *template.Template // the hosted card page

	// tokenLife is the access token lifetime set with SetTokenLifetime
	// (nanoseconds; 0 = the seed's table).
	tokenLife atomic.Int64
	// refundWait is the refund delay set with SetRefundDelay (nanoseconds).
	refundWait atomic.Int64

	// wake nudges the dispatcher when a notification is queued.
	wake chan struct{}
	// settleWake nudges the settler when a payment starts processing.
	settleWake chan struct{}
	// attemptHook, when set before Start, sees every recorded attempt
	// (tests use it to wait without sleeping).
	attemptHook func(attemptEvent)

	// closing ends on Close: every call in flight stops (callContext).
	closing    context.Context
	endClosing context.CancelFunc
	// running ends on Close or when Start's ctx ends: a call whose
	// caller has left stops then (callContext).
	running    context.Context
	endRunning context.CancelFunc
	// inFlight counts the calls Close waits for.
	inFlight sync.WaitGroup

	mu      sync.Mutex
	started bool
	closed  bool
	stop    context.CancelFunc
	done    chan struct{}
}

// Open loads (or creates) the sandbox's key pair and state in cfg.DataDir.
// Call Start to send notifications and Close when done.
func Open(ctx context.Context, cfg Config) (*Sandbox, error) {
	cfg, err := withDefaults(cfg)
	if err != nil {
		return nil, err
	}
	if err := ensureDir(cfg.DataDir); err != nil {
		return nil, err
	}
	key, err := ensureKeyPair(cfg.DataDir, antomPrivateFile, antomPublicFile)
	if err != nil {
		return nil, err
	}
	db, writer, err := openDB(ctx, cfg.DataDir)
	if err != nil {
		return nil, err
	}
	s := &Sandbox{
		cfg:        cfg,
		log:        cfg.Logger,
		key:        key,
		db:         db,
		writer:     writer,
		faults:     newFaults(),
		wake:       make(chan struct{}, 1),
		settleWake: make(chan struct{}, 1),
	}
	s.closing, s.endClosing = context.WithCancel(context.Background())
	s.running, s.endRunning = context.WithCancel(s.closing)
	if err := s.init(ctx); err != nil {
		s.endClosing()
		db.Close()
		writer.Close()
		return nil, err
	}
	return s, nil
}

// init loads merchants, registers the provisioned one, seeds the test
// wallet users, registers the Scan to Link and payment APIs and builds the
// routes.
func (s *Sandbox) init(ctx context.Context) error {
	if err := s.loadMerchants(ctx); err != nil {
		return err
	}
	if err := s.registerProvisioned(ctx); err != nil {
		return err
	}
	if err := s.seedUsers(ctx); err != nil {
		return err
	}
	tmpl, err := parseControlTemplate()
	if err != nil {
		return err
	}
	s.page = tmpl
	if s.wallet, err = parseWalletTemplate(); err != nil {
		return err
	}
	if s.cardTmpl, err = parseCardTemplate(); err != nil {
		return err
	}
	s.registerAuthorizations()
	s.registerPayments()
	s.mux = s.routes()
	return nil
}

// withDefaults validates cfg and fills in its defaults.
func withDefaults(cfg Config) (Config, error) {
	if cfg.DataDir == "" {
		return cfg, errors.New("sandbox: config: DataDir is required")
	}
	if cfg.TimeScale < 0 {
		return cfg, errors.New("sandbox: config: TimeScale must not be negative")
	}
	if cfg.TimeScale == 0 {
		cfg.TimeScale = 1
	}
	if cfg.BaseURL != "" {
		u, err := url.Parse(cfg.BaseURL)
		if err != nil || u.Scheme == "" || u.Host == "" {
			return cfg, fmt.Errorf("sandbox: config: BaseURL %q is not an absolute URL", cfg.BaseURL)
		}
		cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 10 * time.Second, Transport: antom.KeepAliveTransport()}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.AuthCodeTTL < 0 {
		return cfg, errors.New("sandbox: config: AuthCodeTTL must not be negative")
	}
	if cfg.AuthCodeTTL == 0 {
		cfg.AuthCodeTTL = time.Minute
	}
	return cfg, nil
}

// Start starts the notification dispatcher and the payment settler (which
// picks up the settlements and expiries already due or scheduled in the
// database) and returns at once. Both stop when ctx ends or on Close;
// so do the API calls in flight whose callers have left (callContext).
// Calling Start again does nothing.
func (s *Sandbox) Start(ctx context.Context) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started || s.closed {
		return
	}
	s.started = true
	ctx, s.stop = context.WithCancel(ctx)
	context.AfterFunc(ctx, s.endRunning)
	s.done = make(chan struct{})
	go func() {
		defer close(s.done)
		var wg sync.WaitGroup
		wg.Go(func() { s.dispatch(ctx) })
		wg.Go(func() { s.settleLoop(ctx) })
		wg.Wait()
	}()
}

// Close stops the dispatcher, the settler and the API calls in flight
// (a call stopped in its wait, latency or hold, does no work and is
// answered HTTP 500 if its caller is still there), waits for deliveries
// and calls in flight to end and closes the database. Notifications not
// yet acknowledged stay queued; calls that come later are answered HTTP
// 500.
func (s *Sandbox) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	stop, done := s.stop, s.done
	s.mu.Unlock()
	s.endClosing()
	if stop != nil {
		stop()
		<-done
	}
	s.inFlight.Wait()
	if err := errors.Join(s.db.Close(), s.writer.Close()); err != nil {
		return fmt.Errorf("sandbox: close db: %w", err)
	}
	return nil
}

// PublicKey returns "Antom's" public key: merchants verify answers and
// notifications with it.
func (s *Sandbox) PublicKey() *rsa.PublicKey { return &s.key.PublicKey }

// Faults returns the fault switchboard.
func (s *Sandbox) Faults() *Faults { return s.faults }

// now reads the configured clock.
func (s *Sandbox) now() time.Time { return s.cfg.Now() }

// scaled multiplies a sandbox delay by the time scale.
func (s *Sandbox) scaled(d time.Duration) time.Duration {
	return time.Duration(float64(d) * s.cfg.TimeScale)
}
