package sandbox

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// Control is a client of a sandbox's control API, for apps and tools in
// another process than the sandbox (`antom-checkout sandbox`). BaseURL is
// the sandbox's base URL, e.g. http://localhost:8081.
type Control struct {
	BaseURL string
	HTTP    *http.Client // nil → one with a 30 s timeout
}

// SetNotifyURL sets a merchant's notification URL and, unless name is "",
// the name buyers see (POST /sandbox/control/merchants.json).
func (c Control) SetNotifyURL(ctx context.Context, clientID, notifyURL, name string) error {
	return c.call(ctx, http.MethodPost, "/sandbox/control/merchants.json", merchantDoc{ClientID: clientID, NotifyURL: notifyURL, Name: name}, nil)
}

// Ledger reads a merchant's ledger (GET /sandbox/control/ledger.json).
func (c Control) Ledger(ctx context.Context, clientID string) (Ledger, error) {
	var l Ledger
	err := c.call(ctx, http.MethodGet, "/sandbox/control/ledger.json?clientId="+url.QueryEscape(clientID), nil, &l)
	return l, err
}

// Faults reads the fault switchboard (GET /sandbox/control/faults.json).
func (c Control) Faults(ctx context.Context) (FaultsDoc, error) {
	var d FaultsDoc
	err := c.call(ctx, http.MethodGet, "/sandbox/control/faults.json", nil, &d)
	return d, err
}

// SetFaults replaces the whole fault switchboard with doc (POST
// /sandbox/control/faults.json; see FaultsDoc) and returns it as it now
// stands. A document the sandbox refuses (400) is an error and changes
// nothing.
func (c Control) SetFaults(ctx context.Context, doc FaultsDoc) (FaultsDoc, error) {
	doc.Fired = nil
	var d FaultsDoc
	err := c.call(ctx, http.MethodPost, "/sandbox/control/faults.json", doc, &d)
	return d, err
}

// call sends one control request and decodes a 200 answer into out.
func (c Control) call(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("sandbox control: %w", err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.BaseURL+path, body)
	if err != nil {
		return fmt.Errorf("sandbox control: %w", err)
	}
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	hc := c.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return fmt.Errorf("sandbox control: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var e struct{ Error string }
		json.NewDecoder(io.LimitReader(resp.Body, 4096)).Decode(&e)
		return fmt.Errorf("sandbox control: %s %s: HTTP %d %s", method, path, resp.StatusCode, e.Error)
	}
	if out == nil {
		return nil
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("sandbox control: %s %s: %w", method, path, err)
	}
	return nil
}
