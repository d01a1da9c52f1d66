package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/db"
	"antom-checkout/db/dbtest"
)

// notifyBatch is how many notifications each measurement sends: half
// settle a PROCESSING payment (PAYMENT_RESULT S), half name a
// paymentRequestId the app never made (stored as stale).
const (
	notifyBatch   = 6000
	notifySenders = 16
)

// BenchmarkLoadNotifications sends genuine notifications, signed
// beforehand with the sandbox's Antom key, from 16 senders at once to the
// built binary's /antom/notify: each is verified, stored, applied and
// acknowledged in its own transaction. Afterwards every one must be in
// the inbox and every payment settled (none lost). Goal: ≥ 5,000/s.
// Beside the rate it reports the app's CPU per notification and, when
// PostgreSQL runs on this machine (postgresServerCPU), the server's.
// Run with -benchtime 1x.
func BenchmarkLoadNotifications(b *testing.B) {
	forEachBackend(b, func(b *testing.B, databaseURL string) {
		loadNotifications(b, databaseURL, databaseURL, nil)
	})
}

// BenchmarkNotificationsPostgresRoundTrips sends the notifications of
// BenchmarkLoadNotifications with the app's connections to PostgreSQL
// going through a counting proxy (roundtrips_test.go), and reports the
// round trips per notification, from the first sent to the last
// acknowledged (the background work meanwhile included). Not a throughput
// figure: the proxy adds a hop. Run with -benchtime 1x.
func BenchmarkNotificationsPostgresRoundTrips(b *testing.B) {
	dbURL := dbtest.PostgresURL(b)
	p := dbtest.StartCountingProxy(b, dbURL)
	var before int64
	loadNotifications(b, dbURL, p.URL, func(sent int) {
		if sent == 0 {
			before = p.RoundTrips()
			return
		}
		b.ReportMetric(float64(p.RoundTrips()-before)/float64(sent), "round-trips/notification")
	})
}

// loadNotifications runs BenchmarkLoadNotifications on the database at
// databaseURL ("" for SQLite in the app's DATA_DIR), which the app
// reaches at appDatabaseURL. around, if set, is called with 0 just before
// the first notification is sent and with how many were sent once the
// last has been answered.
func loadNotifications(b *testing.B, databaseURL, appDatabaseURL string, around func(sent int)) {
	dataDir := b.TempDir()
	app, _ := startBinary(b, binaryEnv(b, dataDir, appDatabaseURL))
	source := databaseURL
	if source == "" {
		source = filepath.Join(dataDir, "checkout.db")
	}
	ctx := context.Background()
	d, err := db.Open(ctx, source)
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	requestIDs := processingPayments(b, d, notifyBatch/2)
	if databaseURL != "" {
		// The 3,000 orders and attempts were inserted a moment ago:
		// PostgreSQL's planner has no statistics of them yet (autovacuum
		// gathers them within a minute or so), and without them it
		// reads a batch's orders by scanning all of them. Gathered
		// now, as they would be in a database that has been running.
		if _, err := d.Raw().ExecContext(ctx, "ANALYZE"); err != nil {
			b.Fatal(err)
		}
	}
	reqs := signedNotifications(b, dataDir, app.url, requestIDs)

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: notifySenders}}
	queue := make(chan *http.Request, len(reqs))
	for _, r := range reqs {
		queue <- r
	}
	close(queue)
	var failed atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	if around != nil {
		around(0)
	}
	pgCPU, onPostgres := func() time.Duration { return 0 }, false
	if databaseURL != "" {
		if cpu, ok := postgresServerCPU(d); ok {
			pgCPU, onPostgres = cpu, true
		}
	}
	cpuBefore, pgBefore := app.cpuTime(), pgCPU()
	start := time.Now()
	for range notifySenders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range queue {
				resp, err := client.Do(r)
				if err != nil {
					failed.Add(1)
					continue
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"resultStatus":"S"`) {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	appCPU, dbCPU := app.cpuTime()-cpuBefore, pgCPU()-pgBefore
	if around != nil {
		around(len(reqs))
	}
	b.StopTimer()
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d notifications not acknowledged", n)
	}
	stored := count(b, d, "SELECT COUNT(*) FROM notifications")
	settled := count(b, d, "SELECT COUNT(*) FROM payment_attempts WHERE status = 'SUCCESS'")
	paid := count(b, d, "SELECT COUNT(*) FROM orders WHERE status = 'PAID'")
	if stored != len(reqs) || settled != len(requestIDs) || paid != len(requestIDs) {
		b.Fatalf("after %d notifications: %d stored, %d of %d payments settled, %d orders paid",
			len(reqs), stored, settled, len(requestIDs), paid)
	}
	if around == nil {
		b.ReportMetric(float64(len(reqs))/elapsed.Seconds(), "notifications/s")
		b.ReportMetric(float64(appCPU.Microseconds())/float64(len(reqs)), "app-cpu-µs/notification")
		if onPostgres {
			b.ReportMetric(float64(dbCPU.Microseconds())/float64(len(reqs)), "pg-cpu-µs/notification")
		}
	}
}

// processingPayments makes n guest orders, each with a wallet payment
// PROCESSING (as after a pay answered U), and returns their
// paymentRequestIds. Their next inquiry is an hour away.
func processingPayments(b *testing.B, d *db.DB, n int) []string {
	ctx := context.Background()
	p, err := d.ProductBySlug(ctx, "notebook")
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	ids := make([]string, n)
	err = d.Tx(ctx, func(q *db.Queries) error {
		for i := range ids {
			ids[i] = fmt.Sprintf("BENCH-PAY-%06d", i)
			order, err := q.InsertOrder(ctx, db.Order{Ref: fmt.Sprintf("BENCH%06d", i), ProductID: p.ID, Quantity: 1,
				Currency: p.Currency, Amount: p.Price, Status: db.OrderProcessing, CreatedAt: now})
			if err != nil {
				return err
			}
			if _, err := q.InsertAttempt(ctx, db.Attempt{OrderID: order, PaymentRequestID: ids[i], Method: db.MethodWallet,
				Currency: p.Currency, Amount: p.Price, Status: db.AttemptProcessing, ExpiresAt: now.Add(time.Hour),
				NextCheckAt: now.Add(time.Hour), CreatedAt: now}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return ids
}

// signedNotifications returns, in an interleaved order, a PAYMENT_RESULT S
// for each of requestIDs and as many for unknown paymentRequestIds, each
// a request to the app signed with the sandbox's Antom key as Antom signs
// them.
func signedNotifications(b *testing.B, dataDir, appURL string, requestIDs []string) []*http.Request {
	line := func(name string) string {
		v, err := os.ReadFile(filepath.Join(dataDir, "sandbox", name))
		if err != nil {
			b.Fatal(err)
		}
		return strings.TrimSpace(string(v))
	}
	key, err := antom.ParsePrivateKey(line("antom_private_key"))
	if err != nil {
		b.Fatal(err)
	}
	clientID := line("client_id")
	bodies := make([][]byte, 0, 2*len(requestIDs))
	for i, id := range requestIDs {
		for _, rid := range []string{id, fmt.Sprintf("BENCH-UNKNOWN-%06d", i)} {
			body, _ := json.Marshal(antom.NotifyPayment{
				NotifyType: antom.NotifyPaymentResult, PaymentRequestID: rid, PaymentID: "P" + rid,
				PaymentAmount: antom.MinorAmount("USD", 725), PaymentMethodType: "GCASH",
				PaymentTime: time.Now().Format(time.RFC3339),
				Result:      antom.Result{ResultCode: "SUCCESS", ResultStatus: "S", ResultMessage: "success."},
			})
			bodies = append(bodies, body)
		}
	}
	reqs := make([]*http.Request, len(bodies))
	var wg sync.WaitGroup
	const signers = 2
	for w := range signers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(bodies); i += signers {
				now := strconv.FormatInt(time.Now().UnixMilli(), 10)
				sig, err := antom.Sign(key, antom.Message{Method: http.MethodPost, Path: "/antom/notify",
					ClientID: clientID, Time: now, Body: bodies[i]})
				if err != nil {
					panic(err)
				}
				r, _ := http.NewRequest(http.MethodPost, appURL+"/antom/notify", bytes.NewReader(bodies[i]))
				r.Header.Set("Content-Type", "application/json; charset=UTF-8")
				r.Header.Set("client-id", clientID)
				r.Header.Set("request-time", now)
				r.Header.Set("signature", sig)
				reqs[i] = r
			}
		}()
	}
	wg.Wait()
	return reqs
}

func count(b *testing.B, d *db.DB, query string) int {
	var n int
	if err := d.Raw().QueryRowContext(context.Background(), query).Scan(&n); err != nil {
		b.Fatal(err)
	}
	return n
}
