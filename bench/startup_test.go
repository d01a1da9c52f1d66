package bench

import (
	"testing"
	"time"
)

// BenchmarkLoadStartup times the built binary from its start to a green
// /healthz (database written, sandbox answering) on an existing database:
// the median of 5 starts after a first one that created it. Goal:
// ≤ 150 ms. Run with -benchtime 1x.
func BenchmarkLoadStartup(b *testing.B) {
	forEachBackend(b, func(b *testing.B, databaseURL string) {
		env := binaryEnv(b, b.TempDir(), databaseURL)
		first, _ := startBinary(b, env)
		first.stop()
		var took []time.Duration
		b.ResetTimer()
		for range 5 {
			p, d := startBinary(b, env)
			p.stop()
			took = append(took, d)
		}
		b.StopTimer()
		b.ReportMetric(ms(percentile(took, 50)), "startup-ms")
	})
}
