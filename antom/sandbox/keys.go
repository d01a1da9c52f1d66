package sandbox

import (
	"crypto/rsa"
	"errors"
	"fmt"
	"io/fs"

	"antom-checkout/antom"
)

// ensureKeyPair loads the RSA private key stored in privName, generating and
// saving one when missing, and keeps pubName in step with it. The private
// key file is the source of truth; the public one is derived.
func ensureKeyPair(dir, privName, pubName string) (*rsa.PrivateKey, error) {
	encoded, err := ensureLine(dir, privName, newEncodedKey)
	if err != nil {
		return nil, err
	}
	key, err := antom.ParsePrivateKey(encoded)
	if err != nil {
		return nil, fmt.Errorf("sandbox: %s: %w", privName, err)
	}
	key.Precompute()
	if err := ensurePublicFile(dir, pubName, &key.PublicKey); err != nil {
		return nil, err
	}
	return key, nil
}

// newEncodedKey generates a 2048-bit key as base64 PKCS#8.
func newEncodedKey() (string, error) {
	key, err := antom.GenerateKey()
	if err != nil {
		return "", fmt.Errorf("sandbox: %w", err)
	}
	encoded, err := antom.EncodePrivateKey(key)
	if err != nil {
		return "", fmt.Errorf("sandbox: %w", err)
	}
	return encoded, nil
}

// ensurePublicFile writes pub to name unless the file already holds it.
func ensurePublicFile(dir, name string, pub *rsa.PublicKey) error {
	want, err := antom.EncodePublicKey(pub)
	if err != nil {
		return fmt.Errorf("sandbox: %w", err)
	}
	got, err := readLine(dir, name)
	switch {
	case err == nil && got == want:
		return nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("sandbox: read %s: %w", name, err)
	}
	return replaceLine(dir, name, want)
}

// readPublicFile parses a public key file; ok is false when it is missing.
func readPublicFile(dir, name string) (pub *rsa.PublicKey, ok bool, err error) {
	v, err := readLine(dir, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("sandbox: read %s: %w", name, err)
	}
	pub, err = antom.ParsePublicKey(v)
	if err != nil {
		return nil, false, fmt.Errorf("sandbox: %s: %w", name, err)
	}
	return pub, true, nil
}
