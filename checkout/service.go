package checkout

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/bcrypt"

	"antom-checkout/antom"
	"antom-checkout/db"
	"antom-checkout/internal/keycount"
)

// Service is the checkout domain: it owns every state change and the
// order in which it happens.
type Service struct {
	db     *db.DB
	antom  *antom.Client
	sealer *Sealer
	log    *slog.Logger
	now    func() time.Time
	hub    *Hub
	opts   Options
	obs    Observer
	bg     sync.WaitGroup // work started after a request returned
	notify *committer     // applies notifications in batches (notify_commit.go)
	// halt ends background work and reconciler passes still running when
	// the app's shutdown deadline passes (Halt).
	halt     context.Context
	haltWork context.CancelFunc
	// held are applyToken S answers not yet saved, by link attempt id:
	// while the database refuses even to keep them, this process still
	// never sends their authCode again.
	held sync.Map
	// catalog is the catalogue once read (catalog.go).
	catalog atomic.Pointer[[]Product]
	// products are the products once read, by id (catalog.go).
	products sync.Map
	// dummyHash is a hash of no one's password at opts.PasswordCost,
	// made on first use (accounts.go).
	dummyHash func() []byte
	// productSlugs are the products once read, by slug (catalog.go).
	productSlugs sync.Map
	// keptWords are the words product rows keep, once read, by id
	// (order_product_words.go).
	keptWords sync.Map
	// freed wakes actions waiting for a lease this process releases
	// (leasedWait); it tells no other instance.
	freed *Hub
	// orders counts the orders started per visitor and address, each
	// key's window opening with its first order and lasting
	// OrderLimits.Window, as the sign-in throttle's do (CountOrder). Kept
	// in memory, not in the database, so that an order costs no write of
	// its own (a commit more for every order, a transaction's round trips
	// on PostgreSQL): the bound is per instance — behind n instances a
	// visitor may make up to n times the limit, and a restart starts the
	// counts again — still a bound on a script, not on a shopper.
	orders *keycount.Counts
}

// Options are the domain's settings; zero values take the defaults.
type Options struct {
	// OrderLimits bounds how many orders one visitor, and one address,
	// create per window (CountOrder); zero fields take the defaults
	// (OrdersPerVisitor, OrdersPerAddress, OrderWindow).
	OrderLimits OrderLimits
	// Zone is the shop's time zone (SHOP_TIMEZONE), which the words staff
	// read write times in (lang.StaffTime); nil: UTC.
	Zone        *time.Location
	PublicURL   string        // the app's base URL, for return URLs
	NotifyURL   string        // where Antom sends notifications
	LinkTimeout time.Duration // Scan to Link: no authorization within this → expired (15 min)
	// LinkQuietAfter is how long a link page shows its code without news
	// from the wallet before it says it has not heard back (LinkQuiet; 0:
	// DefaultLinkQuietAfter, 1 min).
	LinkQuietAfter time.Duration
	RefreshWindow  time.Duration // refresh access tokens expiring within this (7 days)
	RetryBase      time.Duration // first pause before retrying an unknown outcome (200 ms)
	// ReconcileEvery is the period RunReconciler is run with (0: the
	// default, 2 s). A shorter one runs the follow-up schedules
	// (backoff.go) faster in proportion; it never slows them.
	ReconcileEvery time.Duration
	CaptureMode    string // card payments: AUTOMATIC (default) or MANUAL
	GatewayURL     string // Antom's gateway: buyers are only ever sent to its host
	TestPayments   bool   // the sandbox: the storefront offers a test payment of a typed amount
	// Catalog is the merchant's catalogue file (CATALOG), already synced
	// into the database (SyncCatalog): only its products are for sale,
	// with its words. nil: the demo shop's catalogue.
	Catalog *Catalog
	// ActionWait bounds how long a buyer's or staff's action waits for
	// work in flight on the same payment or refund (0: the default,
	// actionWait, 3 s; lease_wait.go).
	ActionWait time.Duration
	// PasswordCost is the bcrypt cost of new password hashes (0: the
	// default, bcrypt.DefaultCost = 10; a hash records its own cost, so
	// checking one made at another cost still works). Tests take
	// bcrypt.MinCost (4): under the race detector a hash at 10 takes
	// about a second.
	PasswordCost int
	// TestHook, test-only, is called at named points (PointNotifyTx) so
	// that a crash test can kill the process exactly there. nil in
	// production.
	TestHook func(point string)
}

// PointNotifyTx is the TestHook point inside a notification's
// transaction: applied and put in the inbox, not committed yet.
const PointNotifyTx = "notify-tx"

// hit calls the test hook, if any, at a named point.
func (s *Service) hit(point string) {
	if s.opts.TestHook != nil {
		s.opts.TestHook(point)
	}
}

// DefaultLinkTimeout is Scan to Link's limit: no authorization 15 minutes
// after the QR code was shown means it failed (seeds 000 and 001).
const DefaultLinkTimeout = 15 * time.Minute

// Deps is what a Service needs.
type Deps struct {
	DB       *db.DB
	Antom    *antom.Client
	Sealer   *Sealer
	Log      *slog.Logger
	Now      func() time.Time // nil → time.Now
	Observer Observer         // nil → nothing is told
	Options  Options
}

// NewService returns the checkout domain over its dependencies.
func NewService(d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	o := d.Options
	if o.LinkTimeout == 0 {
		o.LinkTimeout = DefaultLinkTimeout
	}
	if o.LinkQuietAfter == 0 {
		o.LinkQuietAfter = DefaultLinkQuietAfter
	}
	if o.RefreshWindow == 0 {
		o.RefreshWindow = 7 * 24 * time.Hour
	}
	if o.RetryBase == 0 {
		o.RetryBase = 200 * time.Millisecond
	}
	if o.CaptureMode == "" {
		o.CaptureMode = antom.CaptureAutomatic
	}
	if o.PasswordCost == 0 {
		o.PasswordCost = bcrypt.DefaultCost
	}
	o.OrderLimits = o.OrderLimits.withDefaults()
	if o.ActionWait == 0 {
		o.ActionWait = actionWait
	}
	if d.Observer == nil {
		d.Observer = noObserver{}
	}
	halt, haltWork := context.WithCancel(context.Background())
	s := &Service{db: d.DB, antom: d.Antom, sealer: d.Sealer, log: d.Log, now: d.Now, hub: NewHub(), opts: o,
		obs: d.Observer, halt: halt, haltWork: haltWork, freed: NewHub(),
		orders: &keycount.Counts{Window: o.OrderLimits.Window}}
	s.dummyHash = sync.OnceValue(func() []byte {
		h, _ := bcrypt.GenerateFromPassword([]byte("not a password anyone has"), o.PasswordCost)
		return h
	})
	s.notify = newCommitter(func(ctx context.Context, fn func(*db.Queries) error) error { return s.db.TxForSavepoints(ctx, fn) },
		s.hit, s.log.Error)
	return s
}

// Hub lets waiting requests (long-polls) learn at once that something they
// watch changed.
func (s *Service) Hub() *Hub { return s.hub }

// background runs fn after the request that caused it has returned (e.g.
// applyToken after a notification is acknowledged). Wait waits for it.
func (s *Service) background(ctx context.Context, fn func(context.Context)) {
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		ctx, done := s.detached(ctx)
		defer done()
		fn(ctx)
	}()
}

// detached returns ctx's values without its cancellation, ended only by
// Halt: work that must outlive its request or the app's stop signal.
func (s *Service) detached(ctx context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	stop := context.AfterFunc(s.halt, cancel)
	return ctx, func() { stop(); cancel() }
}

// Wait blocks until the notifications queued have been committed (or
// failed) and background work has finished; call it at shutdown before
// closing the database.
func (s *Service) Wait() {
	s.notify.drain()
	s.bg.Wait()
}

// Halt cancels background work and reconciler passes still running: call
// it when the shutdown deadline has passed. Antom calls in flight are
// abandoned; their outcome is unknown and the reconciler settles them on
// the next start, as after a crash.
func (s *Service) Halt() { s.haltWork() }
