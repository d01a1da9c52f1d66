package cluster

import (
	"context"
	"strings"
	"testing"
)

// Several instances share one PUBLIC_URL, the load balancer's, as in a
// real cluster: without one, Start refuses before starting anything
// (each on its own address, every start would make its own the shop's
// and the others would say theirs differs).
func TestSeveralInstancesNeedOnePublicURL(t *testing.T) {
	_, err := Start(context.Background(), Config{DataDir: t.TempDir(), DatabaseURL: "postgres://unused", Size: 2})
	if err == nil || !strings.Contains(err.Error(), "one PUBLIC_URL") {
		t.Fatalf("Start without PUBLIC_URL: %v", err)
	}
}
