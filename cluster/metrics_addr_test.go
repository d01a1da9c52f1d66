package cluster

import "testing"

// Each instance's METRICS_ADDR follows the first's port; a first that
// cannot be one says so.
func TestMetricsAddrOf(t *testing.T) {
	for _, c := range []struct {
		first string
		i     int
		want  string
	}{
		{"127.0.0.1:9091", 0, "127.0.0.1:9091"},
		{"127.0.0.1:9091", 2, "127.0.0.1:9093"},
		{"[::1]:9100", 1, "[::1]:9101"},
		{"localhost:65535", 0, "localhost:65535"},
	} {
		if got, err := metricsAddrOf(c.first, c.i); err != nil || got != c.want {
			t.Errorf("metricsAddrOf(%q, %d) = %q, %v; want %q", c.first, c.i, got, err, c.want)
		}
	}
	for _, bad := range []string{"9091", "127.0.0.1:x", "127.0.0.1:65535"} {
		if got, err := metricsAddrOf(bad, 1); err == nil {
			t.Errorf("metricsAddrOf(%q, 1) = %q, want an error", bad, got)
		}
	}
}
