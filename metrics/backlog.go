package metrics

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"antom-checkout/db"
)

// scrapeTimeout bounds the backlog query of one scrape.
const scrapeTimeout = 5 * time.Second

// backlogCollector reads the reconciler's backlog from the database at
// scrape time, so that it is right with several app instances and across
// restarts.
type backlogCollector struct {
	read   func(context.Context) ([]db.BacklogItem, error)
	now    func() time.Time
	count  *prometheus.Desc
	oldest *prometheus.Desc
}

func newBacklogCollector(read func(context.Context) ([]db.BacklogItem, error), now func() time.Time) *backlogCollector {
	return &backlogCollector{
		read: read, now: now,
		count: prometheus.NewDesc(namespace+"_reconciler_backlog",
			"Work waiting on Antom's final word, by kind: payments, refunds and captures PROCESSING, wallets REVOKING, cancels (and voids) of payments not confirmed.",
			[]string{"kind"}, nil),
		oldest: prometheus.NewDesc(namespace+"_reconciler_backlog_oldest_seconds",
			"Age of the oldest waiting item of each kind (0 when none waits).",
			[]string{"kind"}, nil),
	}
}

func (c *backlogCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.count
	ch <- c.oldest
}

func (c *backlogCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), scrapeTimeout)
	defer cancel()
	items, err := c.read(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(c.count, err)
		return
	}
	now := c.now()
	for _, it := range items {
		age := 0.0
		if it.Count > 0 && !it.Oldest.IsZero() {
			age = max(now.Sub(it.Oldest).Seconds(), 0)
		}
		ch <- prometheus.MustNewConstMetric(c.count, prometheus.GaugeValue, float64(it.Count), it.Kind)
		ch <- prometheus.MustNewConstMetric(c.oldest, prometheus.GaugeValue, age, it.Kind)
	}
}
