package bench

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
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
// beforehand with the sandbox's Antom key, from 16 senders at once (wrk's
// connections, a process of its own, as for the pages: a Go client here
// took ~100 µs of the two cores' CPU a notification, wrk 32–43) to the
// built binary's /antom/notify: each is verified, stored, applied and
// acknowledged, in a transaction it shares with those that arrive
// meanwhile (checkout's group commit). Afterwards every one must have
// been acknowledged, be in the inbox and every payment settled (none
// lost). In the same run, before the app, the same notifications go the
// same way to the bare server (bench/internal/bare, a process of its
// own), which verifies each as the app does and acknowledges it, storing
// nothing: the floor, what HTTP, the RSA verification and wrk cost on
// this machine at that moment; every one must be acknowledged there too.
// Goal: ≥ 5,000/s. Beside the rate it reports the bare server's and the
// ratio (x-bare), the app's CPU and wrk's per notification and, when
// PostgreSQL runs on this machine (postgresServerCPU), the server's. Run
// with -benchtime 1x.
func BenchmarkLoadNotifications(b *testing.B) {
	needWrk(b)
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
	needWrk(b)
	dbURL := dbtest.PostgresURL(b)
	p := dbtest.StartCountingProxy(b, dbURL)
	var before int64
	loadNotifications(b, dbURL, p.URL, func(acked int) {
		if acked == 0 {
			before = p.RoundTrips()
			return
		}
		b.ReportMetric(float64(p.RoundTrips()-before)/float64(acked), "round-trips/notification")
	})
}

// loadNotifications runs BenchmarkLoadNotifications on the database at
// databaseURL ("" for SQLite in the app's DATA_DIR), which the app
// reaches at appDatabaseURL. around, if set, is called with 0 just before
// the first notification is sent and with how many were acknowledged
// once the last has been answered; without it the same notifications go
// to the bare server first, and the rates are reported.
func loadNotifications(b *testing.B, databaseURL, appDatabaseURL string, around func(acked int)) {
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
	lines, clientID := signedNotifications(b, dataDir, requestIDs)
	file := filepath.Join(b.TempDir(), "notifications.tsv")
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		b.Fatal(err)
	}
	var bare notificationsSent
	if around == nil {
		p, _ := startBare(b, dataDir, nil, "")
		bare = sendNotifications(b, p.url, file, clientID)
		p.stop()
		if bare.sent != len(lines) || bare.acked != len(lines) {
			b.Fatalf("%d notifications to the bare server: %d sent, %d acknowledged, %d answered otherwise; wrk:\n%s",
				len(lines), bare.sent, bare.acked, bare.failed, bare.output)
		}
	}
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
	sent := sendNotifications(b, app.url, file, clientID)
	appCPU, dbCPU := app.cpuTime()-cpuBefore, pgCPU()-pgBefore
	if around != nil {
		around(sent.acked)
	}
	b.StopTimer()
	if sent.sent != len(lines) || sent.acked != len(lines) {
		b.Fatalf("%d notifications: %d sent, %d acknowledged, %d answered otherwise; wrk:\n%s",
			len(lines), sent.sent, sent.acked, sent.failed, sent.output)
	}
	stored := count(b, d, "SELECT COUNT(*) FROM notifications")
	settled := count(b, d, "SELECT COUNT(*) FROM payment_attempts WHERE status = 'SUCCESS'")
	paid := count(b, d, "SELECT COUNT(*) FROM orders WHERE status = 'PAID'")
	if stored != len(lines) || settled != len(requestIDs) || paid != len(requestIDs) {
		b.Fatalf("after %d notifications: %d stored, %d of %d payments settled, %d orders paid",
			len(lines), stored, settled, len(requestIDs), paid)
	}
	if around == nil {
		rate, bareRate := float64(len(lines))/sent.took.Seconds(), float64(len(lines))/bare.took.Seconds()
		b.ReportMetric(rate, "notifications/s")
		b.ReportMetric(bareRate, "bare-notifications/s")
		b.ReportMetric(rate/bareRate, "x-bare")
		b.ReportMetric(float64(appCPU.Microseconds())/float64(len(lines)), "app-cpu-µs/notification")
		b.ReportMetric(float64(sent.cpu.Microseconds())/float64(len(lines)), "wrk-cpu-µs/notification")
		if onPostgres {
			b.ReportMetric(float64(dbCPU.Microseconds())/float64(len(lines)), "pg-cpu-µs/notification")
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
// signed with the sandbox's Antom key as Antom signs them, as lines for
// sendNotifications (request-time, signature and body, tab-separated),
// and the client id they were signed for.
func signedNotifications(b *testing.B, dataDir string, requestIDs []string) ([]string, string) {
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
	lines := make([]string, len(bodies))
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
				lines[i] = now + "\t" + sig + "\t" + string(bodies[i])
			}
		}()
	}
	wg.Wait()
	return lines, clientID
}

// notificationsSent is what sendNotifications saw: how many notifications
// wrk sent, how many were acknowledged (`"resultStatus":"S"`) and how many
// answered otherwise, how long from the first sent to the last answered,
// wrk's CPU time meanwhile, and what it printed.
type notificationsSent struct {
	sent, acked, failed int
	took, cpu           time.Duration
	output              string
}

// sendNotifications sends each notification of file (signedNotifications'
// lines) once to appURL's /antom/notify from wrk (testdata/notify.lua:
// one thread, notifySenders connections), a process of its own as for
// the pages, and returns once every one has been answered. A notification
// left unanswered keeps wrk running until its -d (30 s), when this fails.
func sendNotifications(b *testing.B, appURL, file, clientID string) notificationsSent {
	cmd := exec.Command("wrk", "-t1", "-c"+strconv.Itoa(notifySenders), "-d30s",
		"-s", filepath.Join("testdata", "notify.lua"), appURL, "--", file, clientID)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	var r notificationsSent
	var out strings.Builder
	var start time.Time
	var cpuStart time.Duration
	done := false
	lines := bufio.NewScanner(stdout)
	for !done && lines.Scan() {
		line := lines.Text()
		out.WriteString(line + "\n")
		switch {
		case line == "start" && start.IsZero():
			start, cpuStart = time.Now(), pidCPU(b, cmd.Process.Pid)
		case strings.HasPrefix(line, "done "):
			if n, _ := fmt.Sscanf(line, "done %d %d %d", &r.sent, &r.acked, &r.failed); n != 3 {
				b.Fatalf("wrk: %q", line)
			}
			r.took, r.cpu = time.Since(start), pidCPU(b, cmd.Process.Pid)-cpuStart
			done = true
		}
	}
	r.output = out.String()
	if done {
		cmd.Process.Kill()
		cmd.Wait()
		return r
	}
	err = cmd.Wait() // stdout ended: wrk has exited
	b.Fatalf("wrk ended before every notification was answered (%v):\n%s%s", err, r.output, stderr.String())
	return r
}

func count(b *testing.B, d *db.DB, query string) int {
	var n int
	if err := d.Raw().QueryRowContext(context.Background(), query).Scan(&n); err != nil {
		b.Fatal(err)
	}
	return n
}
