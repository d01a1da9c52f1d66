package checkout

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
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
	bg     sync.WaitGroup // work started after a request returned
}

// Options are the domain's settings; zero values take the defaults.
type Options struct {
	PublicURL     string        // the app's base URL, for return URLs
	NotifyURL     string        // where Antom sends notifications
	LinkTimeout   time.Duration // Scan to Link: no authorization within this → expired (15 min)
	RefreshWindow time.Duration // refresh access tokens expiring within this (7 days)
	RetryBase     time.Duration // first pause before retrying an unknown outcome (200 ms)
	CaptureMode   string        // card payments: AUTOMATIC (default) or MANUAL
	GatewayURL    string        // Antom's gateway: buyers are only ever sent to its host
}

// Deps is what a Service needs.
type Deps struct {
	DB      *db.DB
	Antom   *antom.Client
	Sealer  *Sealer
	Log     *slog.Logger
	Now     func() time.Time // nil → time.Now
	Options Options
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
		o.LinkTimeout = 15 * time.Minute
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
	return &Service{db: d.DB, antom: d.Antom, sealer: d.Sealer, log: d.Log, now: d.Now, hub: NewHub(), opts: o}
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
		fn(context.WithoutCancel(ctx))
	}()
}

// Wait blocks until background work has finished; call it at shutdown
// before closing the database.
func (s *Service) Wait() { s.bg.Wait() }
