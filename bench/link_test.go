package bench

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"antom-checkout/antom/sandbox"
)

// BenchmarkLinkLatency measures Scan to Link from the moment the sandbox's
// test wallet user agrees (and the sandbox sends AUTHCODE_CREATED) to the
// moment the buyer's waiting page learns "linked": notification, verify,
// store, acknowledge, applyToken, wallet saved, long-poll answered. Goal:
// p95 ≤ 300 ms.
func BenchmarkLinkLatency(b *testing.B) {
	srv := startApp(b, nil)
	buyer := newBuyer(b, srv.URL, "bench-link@example.com")
	var login string
	for _, u := range sandbox.TestUsers() {
		if u.Wallet == "GCASH" {
			login = u.Login
			break
		}
	}
	ctx := context.Background()
	samples := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		id, code := startLink(b, buyer, "GCASH")
		b.StartTimer()
		start := time.Now()
		if err := srv.App.Sandbox().Authorize(ctx, code, login); err != nil {
			b.Fatal(err)
		}
		waitLinked(b, buyer, id)
		samples = append(samples, time.Since(start))
	}
	b.StopTimer()
	b.ReportMetric(ms(percentile(samples, 50)), "p50-ms")
	b.ReportMetric(ms(percentile(samples, 95)), "p95-ms")
}

// startLink starts linking a wallet as the browser would and returns the
// attempt's id and QR text.
func startLink(b *testing.B, buyer *buyerClient, wallet string) (int64, string) {
	resp := buyer.post("/wallets/link", map[string][]string{"wallet": {wallet}, "return_to": {"/wallets"}})
	if resp.StatusCode != http.StatusSeeOther {
		b.Fatalf("start link: %d", resp.StatusCode)
	}
	var id int64
	if _, err := fmt.Sscanf(resp.Header.Get("Location"), "/wallets/link/%d", &id); err != nil {
		b.Fatal(err)
	}
	page, err := buyer.http.Get(buyer.base + resp.Header.Get("Location"))
	if err != nil {
		b.Fatal(err)
	}
	defer page.Body.Close()
	body, err := io.ReadAll(page.Body)
	if err != nil {
		b.Fatal(err)
	}
	const marker = `data-testid="code-value">`
	_, code, ok := strings.Cut(string(body), marker)
	if !ok {
		b.Fatal("no QR code on the link page")
	}
	code, _, _ = strings.Cut(code, "<")
	return id, html.UnescapeString(code)
}

// waitLinked long-polls like the link page's script until LINKED.
func waitLinked(b *testing.B, buyer *buyerClient, id int64) {
	seen := "PENDING"
	for seen != "LINKED" {
		var s struct{ Status string }
		buyer.getJSON(fmt.Sprintf("/wallets/link/%d/status?seen=%s", id, seen), &s)
		if s.Status == "FAILED" || s.Status == "EXPIRED" {
			b.Fatalf("link ended %s", s.Status)
		}
		seen = s.Status
	}
}
