package bench

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// pageLoad is how long each wrk run lasts, and how many connections it
// keeps open.
const (
	pageLoad  = 5 * time.Second
	pageConns = 64
)

// BenchmarkLoadPages loads the built binary's storefront (`GET /`, a
// guest without a session) and a guest's checkout page (with the session
// cookie that owns the order) from wrk, a process of its own, with 64
// connections, and in the same run, before the app, the bare server
// (bench/internal/bare, a process of its own like the app's, one per page)
// answering every GET with the same bytes. Goals: each page ≥ 0.40× the
// bare server's requests per second, p99 ≤ 10 ms; peak RSS of the app
// under that load ≤ 50 MB, beside the bare server's (the higher of its
// two: what a Go server answering the same load holds anyway). It
// reports the app's CPU time per page view beside, and the bare server's
// own p99 (what this machine's scheduling alone costs at that load). Run
// with -benchtime 1x: one measurement per count, whatever b.N.
func BenchmarkLoadPages(b *testing.B) {
	needWrk(b)
	forEachBackend(b, func(b *testing.B, databaseURL string) {
		dataDir := b.TempDir()
		app, _ := startBinary(b, binaryEnv(b, dataDir, databaseURL))
		guest := newBrowserFor(b, app.url)
		resp := guest.post("/orders", url.Values{"product": {"notebook"}, "quantity": {"1"}})
		checkoutPath := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(checkoutPath, "/checkout/") {
			b.Fatalf("guest order: %d %s", resp.StatusCode, checkoutPath)
		}
		u, _ := url.Parse(app.url)
		var cookie string
		for _, c := range guest.http.Jar.Cookies(u) {
			cookie = "Cookie: " + c.Name + "=" + c.Value
		}
		pages := []struct {
			name, path string
			headers    []string
		}{{"storefront", "/", nil}, {"checkout", checkoutPath, []string{cookie}}}
		var bareRSS int64
		b.ResetTimer()
		for _, p := range pages {
			body, ctype := fetch(b, app.url+p.path, p.headers)
			bare, _ := startBare(b, dataDir, body, ctype)
			base := runWrk(b, bare.url+p.path, pageConns, pageLoad)
			bareRSS = max(bareRSS, bare.peakRSS())
			bare.stop()
			cpuBefore := app.cpuTime()
			got := runWrk(b, app.url+p.path, pageConns, pageLoad, p.headers...)
			cpu := app.cpuTime() - cpuBefore
			if got.non2 > 0 || base.non2 > 0 {
				b.Fatalf("%s: %d answers not 2xx from the app, %d from the bare server", p.name, got.non2, base.non2)
			}
			b.ReportMetric(got.rate, p.name+"-req/s")
			b.ReportMetric(ms(got.p99), p.name+"-p99-ms")
			b.ReportMetric(base.rate, p.name+"-bare-req/s")
			b.ReportMetric(ms(base.p99), p.name+"-bare-p99-ms")
			b.ReportMetric(got.rate/base.rate, p.name+"-x-bare")
			// The app's CPU per page view (user and system, all threads):
			// steadier than req/s on a shared machine.
			b.ReportMetric(float64(cpu.Microseconds())/(got.rate*pageLoad.Seconds()), p.name+"-app-cpu-µs")
		}
		b.StopTimer()
		b.ReportMetric(float64(app.peakRSS())/(1<<20), "peak-rss-MB")
		b.ReportMetric(float64(bareRSS)/(1<<20), "bare-peak-rss-MB")
	})
}

// fetch returns a page's body and content type, as a browser with the
// given header lines gets it.
func fetch(b *testing.B, u string, headers []string) ([]byte, string) {
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	for _, h := range headers {
		k, v, _ := strings.Cut(h, ": ")
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: %d %v", u, resp.StatusCode, err)
	}
	return body, resp.Header.Get("Content-Type")
}
