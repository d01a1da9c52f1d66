package handlers

import (
	"context"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

type healthPart struct {
	Status string `json:"status"`
	Error  string `json:"error,omitempty"`
}

type healthReport struct {
	Status   string     `json:"status"` // "ok" or "degraded"
	Database healthPart `json:"database"`
	Gateway  struct {
		healthPart
		URL  string `json:"url"`
		Mode string `json:"mode"` // "sandbox" or "antom"
	} `json:"gateway"`
}

// healthz reports whether the database takes writes and the Antom gateway
// answers: 200 when both do, 503 otherwise.
func (a *App) healthz(c *gin.Context) {
	ctx, cancel := context.WithTimeout(c.Request.Context(), 3*time.Second)
	defer cancel()

	var r healthReport
	r.Database = part(a.checkDatabase(ctx))
	r.Gateway.healthPart = part(a.Gateway.Check(ctx))
	r.Gateway.URL = a.Gateway.URL
	r.Gateway.Mode = "antom"
	if a.Gateway.Sandbox {
		r.Gateway.Mode = "sandbox"
	}
	status := http.StatusOK
	r.Status = "ok"
	if r.Database.Status != "ok" || r.Gateway.Status != "ok" {
		status = http.StatusServiceUnavailable
		r.Status = "degraded"
	}
	noStore(c)
	c.JSON(status, r)
}

func part(err error) healthPart {
	if err != nil {
		return healthPart{Status: "error", Error: err.Error()}
	}
	return healthPart{Status: "ok"}
}

// checkDatabase writes to the database, giving up once it has waited a
// second for the lock every write needs (db.CheckWrite): a held write
// lock or a queue of work that long means notifications would fail. Two
// seconds in all, for a connection and the write itself.
func (a *App) checkDatabase(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	return a.DB.CheckWrite(ctx)
}
