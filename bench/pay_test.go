package bench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"antom-checkout/antom"
	"antom-checkout/antom/sandbox"
	"antom-checkout/app/apptest"
)

// BenchmarkOneClickPay measures one-click payments through the whole app
// (HTTP handlers, domain, SQLite, Antom client) against the in-process
// sandbox on loopback, from several buyers at once: payments per second
// and the latency of the pay request (order → pay → 303 to the result).
//
// Beside it, measured in the same run, the floor: the RSA work each
// payment needs however well the rest is written — three signatures and
// three verifications (pay request, its answer, the notification; each
// signed by one side and verified by the other) — and the throughput that
// work alone would allow on this machine's cores. Goal: ≥ 60 % of it.
func BenchmarkOneClickPay(b *testing.B) {
	srv := startApp(b, nil)
	rsaPerPayment := rsaCostPerPayment(b)

	payers := newPayers(b, srv, "bench-pay")
	cpu := processCPU()
	rate, p50, p99 := payInParallel(b, payers, payersAtOnce())
	b.ReportMetric(ms(processCPU()-cpu)/float64(b.N), "app-cpu-ms/payment")
	floor := float64(runtime.GOMAXPROCS(0)) / rsaPerPayment.Seconds()
	b.ReportMetric(rate, "payments/s")
	b.ReportMetric(ms(p50), "p50-ms")
	b.ReportMetric(ms(p99), "p99-ms")
	b.ReportMetric(floor, "rsa-floor-payments/s")
	b.ReportMetric(100*rate/floor, "%-of-floor")
}

// rsaCostPerPayment times 3 signatures and 3 verifications of a pay-sized
// message with parsed 2048-bit keys; the median of 25 rounds.
func rsaCostPerPayment(b *testing.B) time.Duration {
	key, err := antom.GenerateKey()
	if err != nil {
		b.Fatal(err)
	}
	m := antom.Message{Method: "POST", Path: "/ams/api/v1/payments/pay", ClientID: "SANDBOX_1", Time: "1795311322272",
		Body: []byte(strings.Repeat(`{"productCode":"AGREEMENT_PAYMENT","paymentRequestId":"x"}`, 11))}
	var rounds []time.Duration
	for i := 0; i < 25; i++ {
		start := time.Now()
		for j := 0; j < 3; j++ {
			sig, err := antom.Sign(key, m)
			if err != nil {
				b.Fatal(err)
			}
			if err := antom.Verify(&key.PublicKey, m, sig); err != nil {
				b.Fatal(err)
			}
		}
		rounds = append(rounds, time.Since(start))
	}
	return percentile(rounds, 50)
}

// notebookUSD is what payOnce's order costs (one notebook), in USD's
// minor units (cents).
const notebookUSD = 725

// fundedUsers returns n sandbox users with enough money, one per payer.
func fundedUsers(n int) []sandbox.TestUser {
	var out []sandbox.TestUser
	for _, u := range sandbox.TestUsers() {
		if u.Balances["USD"] >= fundedUSD {
			out = append(out, u)
		}
	}
	if len(out) < n {
		panic(fmt.Sprintf("bench: %d payers wanted, the sandbox funds %d test users", n, len(out)))
	}
	return out[:n]
}

// newPayers links the wallets of enough funded sandbox users to make
// b.N payments from 2 per core at once: at least that many payers, more
// when b.N notebooks cost more than they hold between them (payInParallel
// takes turns among them). Each buyer's email is prefix-i@example.com.
func newPayers(b *testing.B, srv *apptest.Server, prefix string) []*payer {
	return linkPayers(b, srv, prefix, max(payersAtOnce(), payersFor(b.N, payersAtOnce())))
}

// linkPayers links the wallets of n funded sandbox users, each buyer's
// email prefix-i@example.com.
func linkPayers(b *testing.B, srv *apptest.Server, prefix string, n int) []*payer {
	var payers []*payer
	for i, u := range fundedUsers(n) {
		payers = append(payers, newPayer(b, srv, fmt.Sprintf("%s-%d@example.com", prefix, i), u))
	}
	return payers
}

// payersAtOnce is how many payments the one-click benchmarks make at
// once: 2 per core.
func payersAtOnce() int { return 2 * runtime.GOMAXPROCS(0) }

// payersFor is how many funded test users make n payments taking turns
// (payInParallel), workers at once: each may be one turn ahead of
// another while the others' payments are still going, so each is
// counted on for workers payments fewer than its money buys.
func payersFor(n, workers int) int {
	each := fundedUSD/notebookUSD - workers
	return (n + each - 1) / each
}

// fundedUSD is what each funded sandbox test user holds in USD's minor
// units (sandbox.TestUsers).
const fundedUSD = 100_000

// payer is a signed-in buyer with one linked wallet, and what payOnce
// has paid from it (USD minor units): the sandbox refuses a payment
// beyond the wallet's balance, and payOnce stops the benchmark, saying
// so, before that.
type payer struct {
	b      *testing.B
	client *buyerClient
	wallet string // its id on the checkout page
	paid   int64
}

var (
	walletButton = regexp.MustCompile(`data-testid="pay-wallet-(\d+)"`)
	paidPage     = regexp.MustCompile(`data-testid="result-status"[^>]*>\s*Paid|data-status="paid"`)
)

func newPayer(b *testing.B, srv *apptest.Server, email string, u sandbox.TestUser) *payer {
	client := newBuyer(b, srv.URL, email)
	id, code := startLink(b, client, u.Wallet)
	if err := srv.App.Sandbox().Authorize(context.Background(), code, u.Login); err != nil {
		b.Fatal(err)
	}
	waitLinked(b, client, id)
	p := &payer{b: b, client: client}
	ref := p.order()
	m := walletButton.FindStringSubmatch(p.page("/checkout/" + ref))
	if m == nil {
		b.Fatal("no wallet button on the checkout page")
	}
	p.wallet = m[1]
	return p
}

// order buys one notebook ($7.25) and returns the order's ref.
func (p *payer) order() string {
	resp := p.client.post("/orders", url.Values{"product": {"notebook"}, "quantity": {"1"}})
	ref, ok := strings.CutPrefix(resp.Header.Get("Location"), "/checkout/")
	if resp.StatusCode != http.StatusSeeOther || !ok {
		p.b.Fatalf("create order: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	return ref
}

// spend counts one notebook as paid from p's wallet; false, counting
// nothing, when what is left would not buy it (the sandbox would refuse
// the payment).
func (p *payer) spend() bool {
	if p.paid+notebookUSD > fundedUSD {
		return false
	}
	p.paid += notebookUSD
	return true
}

// payOnce creates an order, pays it in one click and returns how long the
// pay request took. Every payment must succeed.
func (p *payer) payOnce() time.Duration {
	if !p.spend() {
		p.b.Fatalf("bench: a payer would pay more than its wallet's USD %d.%02d; link more payers (newPayers)", fundedUSD/100, fundedUSD%100)
	}
	ref := p.order()
	start := time.Now()
	resp := p.client.post("/checkout/"+ref+"/pay", url.Values{"wallet": {p.wallet}})
	took := time.Since(start)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/orders/"+ref {
		p.b.Fatalf("pay: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if page := p.page("/orders/" + ref); !paidPage.MatchString(page) {
		p.b.Fatalf("order %s is not paid", ref)
	}
	return took
}

func (p *payer) page(path string) string {
	resp, err := p.client.http.Get(p.client.base + path)
	if err != nil {
		p.b.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		p.b.Fatal(err)
	}
	return string(body)
}

// processCPU is the CPU time (user and system) this process has used so
// far: the app, the sandbox and the buyers' clients, and on SQLite the
// database too (PostgreSQL's server is a process of its own).
func processCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
