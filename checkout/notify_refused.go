package checkout

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"unicode/utf8"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// Bounds of what a refused notification leaves in the inbox. Anyone can
// post to the notify URL, so a refusal keeps a little of what came, not
// the body: its redacted start, its size and its SHA-256.
const (
	refusedPrefix      = 512 // bytes of the redacted body kept
	refusedRequestTime = 64  // bytes of the request-time header kept
	refusedReason      = 200 // bytes of the reason kept
)

// CountRefused counts one refused notification from a client address and
// returns a *ThrottledError, recording nothing, once the address has had
// RefusedNotifyPerAddress within RefusedNotifyWindow. Only refusals count:
// a genuine notification is never throttled, whatever its address.
func (s *Service) CountRefused(ctx context.Context, clientAddr string) error {
	return s.countTry(ctx, limit{key: "notify-refused|addr:" + networkOf(clientAddr), max: RefusedNotifyPerAddress, window: RefusedNotifyWindow})
}

// RecordForged keeps a refused notification for staff to see: its kind,
// the first 512 bytes of its body redacted, its size and SHA-256. Nothing
// in it can be trusted or replayed.
func (s *Service) RecordForged(ctx context.Context, requestTime string, body []byte, reason string) error {
	name := "UNKNOWN"
	if kind, err := antom.PeekKind(body); err == nil && isCode(kindName(kind)) {
		name = kindName(kind)
	}
	label := "UNKNOWN" // an unsigned body can name any kind: only known ones become labels
	if _, known := appliers[name]; known {
		label = name
	}
	s.obs.Notification(label, VerdictForged)
	sum := sha256.Sum256(body)
	_, err := s.db.InsertNotification(ctx, db.Notification{
		ReceivedAt:   s.now(),
		Kind:         name,
		RequestTime:  clip(requestTime, refusedRequestTime),
		BodyRedacted: clip(string(antom.Redact(body)), refusedPrefix),
		Verdict:      VerdictForged,
		Detail:       fmt.Sprintf("%s; %d bytes, sha256 %s", clip(reason, refusedReason), len(body), hex.EncodeToString(sum[:])),
	})
	return err
}

// clip cuts s to at most n bytes on a character boundary, marking a cut
// with "…", and replaces what is not UTF-8 and control characters other
// than tabs and newlines (PostgreSQL's text refuses NUL) with U+FFFD.
func clip(s string, n int) string {
	runes := []rune(s[:min(len(s), n+utf8.UTFMax)]) // bounded work, invalid bytes become U+FFFD
	for i, r := range runes {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f {
			runes[i] = utf8.RuneError
		}
	}
	s = string(runes)
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// isCode reports whether s looks like one of Antom's codes (upper-case
// letters, digits and underscores, at most 64).
func isCode(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if (r < 'A' || r > 'Z') && (r < '0' || r > '9') && r != '_' {
			return false
		}
	}
	return true
}
