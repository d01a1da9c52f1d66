package sandbox

import (
	"context"
	"crypto/rsa"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Merchant is a merchant as registered in Antom's Dashboard: its client id,
// the public key its requests are verified with, the default notification
// URL and the name buyers see.
type Merchant struct {
	ClientID  string
	PublicKey *rsa.PublicKey
	NotifyURL string // the "Dashboard" notification URL
	Name      string // shown in the wallet app and on the card page; "" shows the client id
}

// DisplayName is what buyers see of the merchant: its name, else its
// client id.
func (m Merchant) DisplayName() string {
	if m.Name != "" {
		return m.Name
	}
	return m.ClientID
}

// merchantName is the display name of a registered client id, or the id.
func (s *Sandbox) merchantName(clientID string) string {
	if m, ok := s.merchant.get(clientID); ok {
		return m.DisplayName()
	}
	return clientID
}

// merchants is the in-memory copy of the merchants table; requests are
// checked against it without touching the database.
type merchants struct {
	mu   sync.RWMutex
	byID map[string]Merchant
}

// get returns the merchant registered under clientID.
func (m *merchants) get(clientID string) (Merchant, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	mer, ok := m.byID[clientID]
	return mer, ok
}

// put stores mer in the cache.
func (m *merchants) put(mer Merchant) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.byID == nil {
		m.byID = make(map[string]Merchant)
	}
	m.byID[mer.ClientID] = mer
}

// list returns every merchant, by client id.
func (m *merchants) list() []Merchant {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]Merchant, 0, len(m.byID))
	for _, mer := range m.byID {
		out = append(out, mer)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ClientID < out[j].ClientID })
	return out
}

// Register adds or replaces a merchant; it is persisted and survives a
// restart.
func (s *Sandbox) Register(ctx context.Context, m Merchant) error {
	if err := validateMerchant(m); err != nil {
		return err
	}
	if err := s.saveMerchant(ctx, m); err != nil {
		return err
	}
	s.merchant.put(m)
	return nil
}

// validateMerchant checks what Register needs.
func validateMerchant(m Merchant) error {
	if m.ClientID == "" {
		return errors.New("sandbox: register: client id is required")
	}
	if m.PublicKey == nil {
		return errors.New("sandbox: register: public key is required")
	}
	if m.NotifyURL != "" {
		if err := checkNotifyURL(m.NotifyURL); err != nil {
			return fmt.Errorf("sandbox: register: %w", err)
		}
	}
	if n := utf8.RuneCountInString(m.Name); n > maxMerchantName ||
		strings.IndexFunc(m.Name, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0 {
		return fmt.Errorf("sandbox: register: name must be at most %d printable characters on one line", maxMerchantName)
	}
	return nil
}

// maxMerchantName bounds a merchant's name, in characters: it sits in the
// wallet app's and the card page's headers.
const maxMerchantName = 64

// checkNotifyURL accepts absolute http and https URLs.
func checkNotifyURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("notify URL %q is not an absolute http(s) URL", raw)
	}
	return nil
}

// loadMerchants fills the cache from the database.
func (s *Sandbox) loadMerchants(ctx context.Context) error {
	all, err := s.allMerchants(ctx)
	if err != nil {
		return err
	}
	for _, m := range all {
		s.merchant.put(m)
	}
	return nil
}

// registerProvisioned registers the merchant Provision wrote to the data
// directory, if any, keeping the notification URL it already has.
func (s *Sandbox) registerProvisioned(ctx context.Context) error {
	clientID, err := existingLine(s.cfg.DataDir, clientIDFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // not provisioned
	}
	if err != nil {
		return err
	}
	pub, ok, err := readPublicFile(s.cfg.DataDir, merchantPublicFile)
	if err != nil || !ok {
		return err
	}
	m := Merchant{ClientID: clientID, PublicKey: pub}
	if old, found := s.merchant.get(clientID); found {
		if old.PublicKey.Equal(pub) {
			return nil
		}
		m.NotifyURL, m.Name = old.NotifyURL, old.Name
	}
	return s.Register(ctx, m)
}
