package bench

import (
	"testing"
	"time"
)

// BenchmarkLoadStartup times the built binary from its start to a green
// /healthz (database written, sandbox answering) on an existing database:
// the median of 5 starts after a first one that created it. Beside it,
// alternating start for start, the bare server's (bench/internal/bare: a
// Go binary that reads the same sandbox keys and answers /healthz, no
// database, no sandbox): what starting any Go server to a first answer
// costs on this machine at that moment. Goal: ≤ 150 ms. Run with
// -benchtime 1x.
func BenchmarkLoadStartup(b *testing.B) {
	forEachBackend(b, func(b *testing.B, databaseURL string) {
		dataDir := b.TempDir()
		env := binaryEnv(b, dataDir, databaseURL)
		first, _ := startBinary(b, env)
		first.stop()
		bare, _ := startBare(b, dataDir, nil, "")
		bare.stop()
		var took, bareTook []time.Duration
		b.ResetTimer()
		for range 5 {
			p, d := startBinary(b, env)
			p.stop()
			took = append(took, d)
			p, d = startBare(b, dataDir, nil, "")
			p.stop()
			bareTook = append(bareTook, d)
		}
		b.StopTimer()
		b.ReportMetric(ms(percentile(took, 50)), "startup-ms")
		b.ReportMetric(ms(percentile(bareTook, 50)), "bare-startup-ms")
	})
}
