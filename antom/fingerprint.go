package antom

import (
	"crypto/sha256"
	"encoding/hex"
)

// Fingerprint names a secret in logs, timelines and errors without giving
// it away: "fp-" and the first 12 hex digits (48 bits) of its SHA-256.
// It is for values that are already unguessable (an authState is 32
// random bytes), so the short hash cannot be turned back into the value;
// two log lines about the same value carry the same fingerprint. "" for
// an empty value.
func Fingerprint(secret string) string {
	if secret == "" {
		return ""
	}
	sum := sha256.Sum256([]byte(secret))
	return "fp-" + hex.EncodeToString(sum[:6])
}
