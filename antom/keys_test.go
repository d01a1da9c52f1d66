package antom

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
	"strings"
	"testing"
)

// A PKCS#1 public key ("BEGIN RSA PUBLIC KEY", what `openssl rsa
// -RSAPublicKey_out` writes) is a PEM public key too.
func TestParsePublicKeyPKCS1(t *testing.T) {
	want := publicKey(t, "keys/antom_public_x509.b64")
	pkcs1 := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(want)}))
	k, err := ParsePublicKey(pkcs1 + "\n")
	if err != nil || !k.Equal(want) {
		t.Fatalf("PKCS#1 PEM: %v", err)
	}
}

// A public key where the private key belongs, and the other way round,
// say so; neither error quotes the key.
func TestParseKeysSayWhichKindWasGiven(t *testing.T) {
	public := readKey(t, "keys/merchant_public_x509.b64")
	private := readKey(t, "keys/merchant_private_pkcs8.b64")
	pkcs1Public := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(publicKey(t, "keys/antom_public_x509.b64"))}))
	for _, s := range []string{public, pkcs1Public} {
		if _, err := ParsePrivateKey(s); !errors.Is(err, ErrPublicKeyGiven) || strings.Contains(err.Error(), s[30:60]) {
			t.Errorf("public key as private: %v", err)
		}
	}
	for _, s := range []string{private, readKey(t, "keys/merchant_private_pkcs1.pem")} {
		if _, err := ParsePublicKey(s); !errors.Is(err, ErrPrivateKeyGiven) || strings.Contains(err.Error(), s[40:70]) {
			t.Errorf("private key as public: %v", err)
		}
	}
	for _, garbage := range []string{"bm90IGEga2V5", "-----BEGIN X-----\nbm90IGEga2V5\n-----END X-----"} {
		_, errPriv := ParsePrivateKey(garbage)
		_, errPub := ParsePublicKey(garbage)
		if errPriv == nil || errPub == nil || errors.Is(errPriv, ErrPublicKeyGiven) || errors.Is(errPub, ErrPrivateKeyGiven) {
			t.Errorf("%q: %v / %v", garbage, errPriv, errPub)
		}
	}
}
