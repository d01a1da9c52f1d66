package cluster

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
)

// Build compiles the antom-checkout binary into dir and returns its path.
// It runs `go build` in the module, so the caller's working directory
// must be inside it (as it is for tests and `go run`).
func Build(ctx context.Context, dir string) (string, error) {
	out := filepath.Join(dir, "antom-checkout")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, "antom-checkout")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("cluster: go build: %v\n%s", err, bytes.TrimSpace(msg))
	}
	return out, nil
}
