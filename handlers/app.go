// Package handlers speaks HTTP: it reads requests, calls the checkout
// domain and renders views. It holds no payment rules of its own.
package handlers

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/alexedwards/scs/v2"

	"antom-checkout/antom"
	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/internal/keycount"
)

// App holds every dependency the handlers use. main (through package app)
// and the tests build one and call Routes.
type App struct {
	Log      *slog.Logger
	DB       *db.DB
	Sessions *scs.SessionManager
	Checkout *checkout.Service
	Notify   *antom.NotifyVerifier // checks notifications before anything reads them
	ClientID string                // our Antom client id, echoed on acknowledgements
	Merchant string                // the shop's name (MERCHANT_NAME), on every buyer page
	// Contact is how buyers reach the shop (MERCHANT_CONTACT: an email
	// address or an https URL, checked at start), in every buyer page's
	// footer and wherever a page tells the buyer to contact the shop; ""
	// for none.
	Contact string
	// Zone is the shop's time zone (SHOP_TIMEZONE): every date and time a
	// buyer or staff page shows is written in it, labelled by its offset
	// (lang.ZoneLabel). nil: UTC.
	Zone    *time.Location
	Gateway Gateway
	Now     func() time.Time
	Metrics RequestObserver // nil: no metrics
	// SettingsDiffer names the settings every instance must share
	// (CAPTURE_MODE, …) in which this instance differs from the shop's,
	// as its last periodic check found; /healthz reports them. nil: not
	// reported.
	SettingsDiffer func() []string
	// Instance names this instance among those behind one load balancer
	// (the app's: host name and port), in /healthz's "instance", so that
	// an operator asking through the load balancer sees which answered.
	// nil: not said.
	Instance func() string
	// TrustedProxies are the load balancers (IPs, CIDRs) whose
	// X-Forwarded-For names the client; none: the peer is the client.
	TrustedProxies []string
	// HTTPS: the app is served over https (PUBLIC_URL): every answer
	// carries Strict-Transport-Security, so that a browser that has been
	// here never asks for a page over plain HTTP again.
	HTTPS bool

	cards   sync.Map        // language code → the storefront's product cards (catalogueCards)
	shops   sync.Map        // shopKey → the storefront a guest sees, rendered (guestShop)
	polls   keycount.Counts // the long-polls held, by session and address, at once (boundPolls)
	health  healthLog       // /healthz's checks' last states, to log each change once
	answers healthAnswers   // /healthz's last answer, to leave out the lines of the same ok (quietIfUnchanged)
	// forwardWarned says the WARN about an untrusted X-Forwarded-For
	// once (warnUntrustedForwarding).
	forwardWarned sync.Once
}

// RequestObserver is told about every finished request: its gin route
// pattern ("" when none matched), method, status and duration.
type RequestObserver interface {
	Request(route, method string, status int, d time.Duration)
}

// Gateway describes the Antom endpoint the app talks to.
type Gateway struct {
	URL        string
	Sandbox    bool                            // the built-in sandbox
	ControlURL string                          // the sandbox's control page, when Sandbox
	Check      func(ctx context.Context) error // reachability, for /healthz
}
