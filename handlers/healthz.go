package handlers

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// gatewayWait is how long /healthz waits for the gateway's check: less
// than a load balancer's check interval (haproxy's inter 1s bounds its
// whole check), so a gateway that hangs (a DNS blip, a black hole) is
// reported as such and never makes the answer late.
const gatewayWait = 800 * time.Millisecond

type healthPart struct {
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
}

// wordBusy is the database check's word when the write lock was held
// past the probe's wait: the database answers, writes queue.
const wordBusy = "busy"

type healthReport struct {
	// Instance is which instance answered (App.Instance): host name and
	// port, nothing secret.
	Instance string     `json:"instance,omitempty"`
	Status   string     `json:"status"` // "ok", "degraded" (gateway, or database busy) or "unavailable" (database down, failing, or this instance's writer stuck)
	Database healthPart `json:"database"`
	// Gateway names no address: with SANDBOX_URL it would be an
	// internal host's (the log's WARN line has the detail).
	Gateway struct {
		healthPart
		Mode string `json:"mode"` // "sandbox" or "antom"
	} `json:"gateway"`
	// Settings says whether this instance's shared settings are the
	// shop's (App.SettingsDiffer): "ok", or "differ" with the settings'
	// names. It leaves Status as it is: instances differ for a while
	// during every rolling restart that changes one, and an answer other
	// than 200 would take them out of the load balancer meanwhile.
	Settings *healthSettings `json:"settings,omitempty"`
}

type healthSettings struct {
	Status string   `json:"status"` // "ok" or "differ"
	Differ []string `json:"differ,omitempty"`
}

// healthz answers whether this instance can serve: the database decides
// (503 when it takes no write: down, unreachable, failing), since the
// storefront, the admin and Antom's notifications all need it and none
// needs the gateway. The gateway's reachability is reported in the body
// (status "degraded") but answers 200: taking every instance out of a
// load balancer because Antom cannot be reached would stop all of the
// shop, not only payments. So does a database that is up but whose write
// lock was held past the probe's wait ("busy"): the lock is one for all
// instances, so a 503 would take every one out at once, while each still
// serves pages and its writes wait their turn. Not so when what holds it
// is this instance's own write connection (or transaction), held past
// db's bound ("stuck", db.ErrWriteStuck): that one is wedged, every write
// it takes waits behind it, and only it answers 503.
func (a *App) healthz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 3*time.Second)
	defer cancel()

	gateway := make(chan error, 1)
	go func() {
		gctx, cancel := context.WithTimeout(ctx, gatewayWait)
		defer cancel()
		gateway <- a.Gateway.Check(gctx)
	}()
	var r healthReport
	if a.Instance != nil {
		r.Instance = a.Instance()
	}
	r.Database = a.healthPart("database", a.checkDatabase(ctx))
	r.Gateway.healthPart = a.healthPart("gateway", <-gateway)
	r.Gateway.Mode = "antom"
	if a.Gateway.Sandbox {
		r.Gateway.Mode = "sandbox"
	}
	if a.SettingsDiffer != nil {
		r.Settings = &healthSettings{Status: "ok", Differ: a.SettingsDiffer()}
		if len(r.Settings.Differ) > 0 {
			r.Settings.Status = "differ"
		}
	}
	status := http.StatusOK
	switch {
	case r.Database.Status != "ok" && r.Database.Error != wordBusy:
		status = http.StatusServiceUnavailable
		r.Status = "unavailable"
	case r.Database.Status != "ok", r.Gateway.Status != "ok":
		r.Status = "degraded"
	default:
		r.Status = "ok"
	}
	a.quietIfUnchanged(c, r.Status, status)
	noStore(c)
	c.JSON(status, r)
}

// healthPart is a check's public part of the answer: "ok", or "error"
// with one fixed word (healthWord); the detail is logged once per change.
func (a *App) healthPart(check string, err error) healthPart {
	word := "ok"
	if err != nil {
		word = healthWord(err)
	}
	a.health.note(a.Log, check, word, err)
	if err != nil {
		return healthPart{Status: "error", Error: word}
	}
	return healthPart{Status: "ok"}
}

// checkDatabase writes to the database, giving up once it has waited
// 700 ms for the lock every write needs (db.CheckWrite, db.ErrLockWait:
// "busy"), or at once when this instance's own write connection is
// stuck (db.ErrWriteStuck: "stuck"). Two seconds in all, for a
// connection and the write itself.
func (a *App) checkDatabase(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return a.DB.CheckWrite(ctx)
}
