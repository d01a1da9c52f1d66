package checkout

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
)

// KeySize is the length of the token encryption key: AES-256.
const KeySize = 32

// Sealer encrypts secrets at rest (access tokens, card tokens, notification
// bodies that carry them) with AES-256-GCM. The purpose string is bound in
// as additional data, so a value sealed for one column cannot be opened
// as another.
type Sealer struct {
	aead      cipher.AEAD
	lookupKey []byte
}

// NewSealer returns a Sealer for a 32-byte key.
func NewSealer(key []byte) (*Sealer, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("checkout: token encryption key must be %d bytes, got %d", KeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("checkout: token encryption key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("checkout: token encryption key: %w", err)
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("antom-checkout lookup key"))
	return &Sealer{aead: aead, lookupKey: mac.Sum(nil)}, nil
}

// Seal encrypts plain for purpose; the result is nonce || ciphertext.
func (s *Sealer) Seal(plain []byte, purpose string) []byte {
	nonce := make([]byte, s.aead.NonceSize(), s.aead.NonceSize()+len(plain)+s.aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		panic("checkout: no randomness: " + err.Error()) // crypto/rand never fails on supported systems
	}
	return s.aead.Seal(nonce, nonce, plain, []byte(purpose))
}

// ErrUnseal means a sealed value is damaged, was sealed with another key,
// or for another purpose.
var ErrUnseal = errors.New("checkout: sealed value does not open")

// Open decrypts what Seal produced for the same purpose.
func (s *Sealer) Open(sealed []byte, purpose string) ([]byte, error) {
	n := s.aead.NonceSize()
	if len(sealed) < n+s.aead.Overhead() {
		return nil, ErrUnseal
	}
	plain, err := s.aead.Open(nil, sealed[:n], sealed[n:], []byte(purpose))
	if err != nil {
		return nil, ErrUnseal
	}
	return plain, nil
}

// Lookup returns a keyed hash of a secret, for finding a row by token
// (TOKEN_CANCELED names the access token) without storing the token in
// the clear. The key is derived from the sealing key.
func (s *Sealer) Lookup(secret string) string {
	mac := hmac.New(sha256.New, s.lookupKey)
	mac.Write([]byte(secret))
	return hex.EncodeToString(mac.Sum(nil))
}
