package metrics

import (
	"context"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// expiringCollector reads at scrape time, from the database, the card
// authorizations waiting for staff that expire soon: uncaptured by then,
// they lapse and nothing is charged.
type expiringCollector struct {
	read    func(context.Context) (int, time.Time, error)
	within  time.Duration
	now     func() time.Time
	count   *prometheus.Desc
	soonest *prometheus.Desc
}

func newExpiringCollector(read func(context.Context) (int, time.Time, error), within time.Duration, now func() time.Time) *expiringCollector {
	return &expiringCollector{
		read: read, within: within, now: now,
		count: prometheus.NewDesc(namespace+"_authorizations_expiring",
			"Card authorizations waiting for capture or void (none under way) that expire within "+hours(within)+": uncaptured by then, nothing is charged.",
			nil, nil),
		soonest: prometheus.NewDesc(namespace+"_authorizations_expiring_soonest_seconds",
			"Seconds until the soonest of those expires ("+hours(within)+" in seconds when none does within it).",
			nil, nil),
	}
}

func (c *expiringCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.count
	ch <- c.soonest
}

func (c *expiringCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), scrapeTimeout)
	defer cancel()
	n, soonest, err := c.read(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.count, err)
		return
	}
	left := c.within.Seconds()
	if n > 0 && !soonest.IsZero() {
		left = min(max(soonest.Sub(c.now()).Seconds(), 0), left)
	}
	ch <- prometheus.MustNewConstMetric(c.count, prometheus.GaugeValue, float64(n))
	ch <- prometheus.MustNewConstMetric(c.soonest, prometheus.GaugeValue, left)
}

// hours words d in hours: "24 hours".
func hours(d time.Duration) string {
	return strconv.FormatFloat(d.Hours(), 'f', -1, 64) + " hours"
}
