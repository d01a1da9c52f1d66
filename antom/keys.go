package antom

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"
)

// Key mix-ups ParsePrivateKey and ParsePublicKey recognise, so that the
// setting's error can say what was given instead of "not a key".
var (
	ErrPublicKeyGiven  = errors.New("a public key where a private key belongs")
	ErrPrivateKeyGiven = errors.New("a private key where a public key belongs")
)

// ParsePrivateKey reads an RSA private key given the way Antom's Dashboard and
// SDKs hand it out (bare one-line base64 of PKCS#8 DER) or as PEM ("PRIVATE
// KEY" or "RSA PRIVATE KEY"). A public key given instead is
// ErrPublicKeyGiven. Errors never quote the key.
func ParsePrivateKey(s string) (*rsa.PrivateKey, error) {
	der, err := keyDER(s)
	if err != nil {
		return nil, fmt.Errorf("antom: private key: %w", err)
	}
	if k, err := parsePrivateDER(der); err == nil {
		return k, nil
	} else if errors.Is(err, errNotRSA) {
		return nil, errors.New("antom: private key: not an RSA key")
	}
	if _, err := parsePublicDER(der); err == nil || errors.Is(err, errNotRSA) {
		return nil, fmt.Errorf("antom: private key: %w", ErrPublicKeyGiven)
	}
	return nil, errors.New("antom: private key: neither PKCS#8 nor PKCS#1 RSA")
}

// ParsePublicKey reads an RSA public key as bare base64 of X.509
// SubjectPublicKeyInfo DER (what Antom's Dashboard shows) or as PEM
// ("PUBLIC KEY", or PKCS#1's "RSA PUBLIC KEY"). A private key given
// instead is ErrPrivateKeyGiven.
func ParsePublicKey(s string) (*rsa.PublicKey, error) {
	der, err := keyDER(s)
	if err != nil {
		return nil, fmt.Errorf("antom: public key: %w", err)
	}
	if k, err := parsePublicDER(der); err == nil {
		return k, nil
	} else if errors.Is(err, errNotRSA) {
		return nil, errors.New("antom: public key: not an RSA key")
	}
	if _, err := parsePrivateDER(der); err == nil || errors.Is(err, errNotRSA) {
		return nil, fmt.Errorf("antom: public key: %w", ErrPrivateKeyGiven)
	}
	return nil, errors.New("antom: public key: neither X.509 SubjectPublicKeyInfo nor PKCS#1 RSA")
}

var errNotRSA = errors.New("not an RSA key")

func parsePrivateDER(der []byte) (*rsa.PrivateKey, error) {
	if k, err := x509.ParsePKCS8PrivateKey(der); err == nil {
		rk, ok := k.(*rsa.PrivateKey)
		if !ok {
			return nil, errNotRSA
		}
		return rk, nil
	}
	return x509.ParsePKCS1PrivateKey(der)
}

func parsePublicDER(der []byte) (*rsa.PublicKey, error) {
	if k, err := x509.ParsePKIXPublicKey(der); err == nil {
		rk, ok := k.(*rsa.PublicKey)
		if !ok {
			return nil, errNotRSA
		}
		return rk, nil
	}
	return x509.ParsePKCS1PublicKey(der)
}

// keyDER returns the DER bytes of a PEM block or of bare base64 text.
func keyDER(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, errors.New("empty")
	}
	if strings.HasPrefix(s, "-----BEGIN") {
		block, _ := pem.Decode([]byte(s))
		if block == nil {
			return nil, errors.New("malformed PEM")
		}
		return block.Bytes, nil
	}
	clean := strings.Map(func(r rune) rune {
		if r == '\n' || r == '\r' || r == ' ' || r == '\t' {
			return -1
		}
		return r
	}, s)
	der, err := base64.StdEncoding.DecodeString(clean)
	if err != nil {
		return nil, errors.New("not base64 and not PEM")
	}
	return der, nil
}

// EncodePrivateKey writes a key as one line of base64 PKCS#8, the form
// Antom's SDKs accept.
func EncodePrivateKey(k *rsa.PrivateKey) (string, error) {
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		return "", fmt.Errorf("antom: encode private key: %w", err)
	}
	return base64.StdEncoding.EncodeToString(der), nil
}

// EncodePublicKey writes a key as one line of base64 X.509
// SubjectPublicKeyInfo, the form Antom's Dashboard shows.
func EncodePublicKey(k *rsa.PublicKey) (string, error) {
	der, err := x509.MarshalPKIXPublicKey(k)
	if err != nil {
		return "", fmt.Errorf("antom: encode public key: %w", err)
	}
	return base64.StdEncoding.EncodeToString(der), nil
}

// GenerateKey makes a new 2048-bit key, the size Antom's Dashboard uses.
func GenerateKey() (*rsa.PrivateKey, error) {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, fmt.Errorf("antom: generate key: %w", err)
	}
	k.Precompute()
	return k, nil
}
