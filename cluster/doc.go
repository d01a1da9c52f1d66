// Package cluster runs the checkout as several instances on one machine,
// the way DESIGN.md §7 runs them on several: `make run-cluster`
// (cluster/run), the multi-instance test (proof/cluster_test.go) and the
// instances benchmark (bench/) start their processes through it.
//
//	haproxy (StartHAProxy), or the test's own router
//	  │ round robin, /healthz checked; sessions are in the database, so
//	  │ any instance serves any request
//	app1 … appN   the built binary (Build), started by Start with the same
//	  │           DATABASE_URL, TOKEN_ENCRYPTION_KEY, SANDBOX_URL, PUBLIC_URL
//	PostgreSQL    DATABASE_URL, or StartPostgres's server in DATA_DIR/postgres
//	sandbox       `antom-checkout sandbox`, one for all instances
//
// How the instances work together lives in the app itself, not here:
//
//   - db/leases.go and checkout/lease.go: every call to Antom about a
//     payment attempt, refund, capture or wallet is made under a lease in
//     the database (20 s, the work cut off at 15 s), claimed in the
//     transaction that creates the item or by the reconciler pass that
//     finds it due; so the reconcilers of all instances work each item
//     once per due time, never two at once, and a dead instance's items
//     are taken over when its leases run out.
//   - db/notify.go, checkout/hub.go and checkout/wakeups.go: what one
//     instance publishes after a commit (an order or link changed) is sent
//     with PostgreSQL NOTIFY; every instance LISTENs and wakes its own
//     long-polling pages, which read the database again.
//   - db.DB.Tx: transactions run one at a time on PostgreSQL too (one
//     advisory lock), so checks such as the refund limit hold across
//     instances; migrations run once, under a lock.
//   - handlers (TRUSTED_PROXIES): behind the load balancer the buyer's
//     address comes from X-Forwarded-For, from the balancer only.
package cluster
