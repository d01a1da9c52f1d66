package checkout

import (
	"log/slog"
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
}

// Deps is what a Service needs.
type Deps struct {
	DB     *db.DB
	Antom  *antom.Client
	Sealer *Sealer
	Log    *slog.Logger
	Now    func() time.Time // nil → time.Now
}

// NewService returns the checkout domain over its dependencies.
func NewService(d Deps) *Service {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	return &Service{db: d.DB, antom: d.Antom, sealer: d.Sealer, log: d.Log, now: d.Now}
}
