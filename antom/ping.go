package antom

import (
	"context"
	"fmt"
	"net/http"
)

// Ping reports whether the gateway answers HTTP at all. Any HTTP answer,
// even 404, means the host is reachable; only a transport failure is an
// error. It is for health checks and calls no API.
func Ping(ctx context.Context, hc *http.Client, gatewayURL string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, gatewayURL+"/", nil)
	if err != nil {
		return fmt.Errorf("antom: ping: %w", err)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("antom: gateway unreachable: %w", err)
	}
	resp.Body.Close()
	return nil
}
