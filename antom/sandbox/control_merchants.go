package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
)

// ErrUnknownMerchant means no merchant is registered under the client id.
var ErrUnknownMerchant = errors.New("sandbox: unknown client id")

// SetNotifyURL changes a registered merchant's "Dashboard" notification
// URL (what notifications without a URL of their own go to) and, unless
// name is "", the name buyers see; both are kept across restarts. An app
// started against a sandbox of its own (SANDBOX_URL) sets them at start.
func (s *Sandbox) SetNotifyURL(ctx context.Context, clientID, notifyURL, name string) error {
	m, ok := s.merchant.get(clientID)
	if !ok {
		return ErrUnknownMerchant
	}
	m.NotifyURL = notifyURL
	if name != "" {
		m.Name = name
	}
	return s.Register(ctx, m)
}

// merchantDoc is a merchant in /sandbox/control/merchants.json.
type merchantDoc struct {
	ClientID  string `json:"clientId"`
	NotifyURL string `json:"notifyUrl"`
	Name      string `json:"name,omitempty"` // shown to buyers; "" keeps it
}

// getMerchantsJSON answers GET /sandbox/control/merchants.json: every
// registered merchant with its notification URL.
func (s *Sandbox) getMerchantsJSON(w http.ResponseWriter, r *http.Request) {
	out := []merchantDoc{}
	for _, m := range s.merchant.list() {
		out = append(out, merchantDoc{ClientID: m.ClientID, NotifyURL: m.NotifyURL, Name: m.Name})
	}
	writeJSON(w, http.StatusOK, out)
}

// postMerchantJSON answers POST /sandbox/control/merchants.json
// {"clientId":"…","notifyUrl":"…","name":"…"}: sets a registered
// merchant's notification URL and, if given, its name (404 for an unknown
// client id, 400 for a URL that is not absolute http(s) or a name that is
// not 1–64 printable characters) and answers the merchant.
func (s *Sandbox) postMerchantJSON(w http.ResponseWriter, r *http.Request) {
	var doc merchantDoc
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxControlBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "bad merchant document: " + err.Error()})
		return
	}
	err := s.SetNotifyURL(r.Context(), doc.ClientID, doc.NotifyURL, doc.Name)
	switch {
	case errors.Is(err, ErrUnknownMerchant):
		writeJSON(w, http.StatusNotFound, map[string]string{"error": fmt.Sprintf("unknown clientId %q", doc.ClientID)})
		return
	case err != nil:
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	s.log.Info("sandbox: notification URL set", "client_id", doc.ClientID, "notify_url", doc.NotifyURL)
	writeJSON(w, http.StatusOK, doc)
}
