package antom

import (
	"crypto/rsa"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// ErrRequestTime means a notification's request-time is missing, not a
// time, too old or too far in the future.
var ErrRequestTime = errors.New("antom: request-time missing, malformed or out of range")

// NotifyVerifier checks notifications from Antom before anything reads
// them (API.md §3.6, §6.1).
type NotifyVerifier struct {
	PublicKey *rsa.PublicKey
	ClientID  string        // the merchant's client id; the client-id header must equal it
	Path      string        // the notify URL's path, e.g. "/antom/notify": what Antom signs
	MaxAge    time.Duration // how old request-time may be; 0 → 25 h (Antom re-sends for ~24 h)
	MaxSkew   time.Duration // how far ahead request-time may be; 0 → 5 min
	Now       func() time.Time
}

// Verify checks the signature over the raw body, then the client id, then
// the request time. Errors wrap ErrBadSignature, ErrClientID or
// ErrRequestTime and never quote the body.
func (v *NotifyVerifier) Verify(h http.Header, body []byte) error {
	if v.PublicKey == nil {
		return errors.New("antom: notify: no Antom public key configured")
	}
	clientID := headerValue(h, "client-id")
	requestTime := headerValue(h, "request-time")
	m := Message{Method: http.MethodPost, Path: v.Path, ClientID: clientID, Time: requestTime, Body: body}
	if err := Verify(v.PublicKey, m, headerValue(h, "signature")); err != nil {
		return err
	}
	if clientID != v.ClientID {
		return ErrClientID
	}
	t, err := ParseRequestTime(requestTime)
	if err != nil {
		return err
	}
	return v.checkAge(t)
}

// checkAge refuses a time older than MaxAge or further ahead than MaxSkew.
func (v *NotifyVerifier) checkAge(t time.Time) error {
	now := time.Now()
	if v.Now != nil {
		now = v.Now()
	}
	maxAge, maxSkew := v.MaxAge, v.MaxSkew
	if maxAge == 0 {
		maxAge = 25 * time.Hour
	}
	if maxSkew == 0 {
		maxSkew = 5 * time.Minute
	}
	// Times are compared, not their distance: a time centuries away is
	// further than a Duration holds (now.Sub saturates, and negating its
	// least value overflows back to it).
	switch {
	case t.Before(now.Add(-maxAge)):
		return fmt.Errorf("%w: %s old", ErrRequestTime, now.Sub(t).Truncate(time.Second))
	case t.After(now.Add(maxSkew)):
		return fmt.Errorf("%w: %s in the future", ErrRequestTime, t.Sub(now).Truncate(time.Second))
	}
	return nil
}

// ParseRequestTime reads a request-time or response-time header:
// ISO-8601 with an offset ("2026-08-17T11:59:40+08:00", or "+0800" as PHP
// writes it) or epoch milliseconds. Anything else is ErrRequestTime.
func ParseRequestTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, fmt.Errorf("%w: missing", ErrRequestTime)
	}
	if allDigits(s) && len(s) <= 15 {
		ms, err := strconv.ParseInt(s, 10, 64)
		if err == nil {
			return time.UnixMilli(ms), nil
		}
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05Z0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%w: not ISO-8601 with offset nor epoch milliseconds", ErrRequestTime)
}

// allDigits reports whether s is made of ASCII digits only.
func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
