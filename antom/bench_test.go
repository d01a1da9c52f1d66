package antom

import (
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"testing"
)

// benchMessage is the pay_agreement request and its merchant key pair.
func benchMessage(b *testing.B) (Message, string, *rsa.PrivateKey, *rsa.PublicKey) {
	v := loadVector(b, "pay_agreement")
	m := Message{Method: v.Method, Path: v.Path, ClientID: v.ClientID, Time: v.RequestTime, Body: []byte(v.Body)}
	return m, v.SignatureHeader, privateKey(b, v.SignedWith), publicKey(b, v.VerifyWith)
}

// BenchmarkSign is our Sign with the key parsed once.
func BenchmarkSign(b *testing.B) {
	m, _, key, _ := benchMessage(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Sign(key, m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignBareRSA is the floor: SHA-256 and PKCS#1 v1.5 only.
func BenchmarkSignBareRSA(b *testing.B) {
	m, _, key, _ := benchMessage(b)
	content := m.Content()
	b.ReportAllocs()
	for b.Loop() {
		digest := sha256.Sum256(content)
		if _, err := rsa.SignPKCS1v15(nil, key, crypto.SHA256, digest[:]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSignReparse parses the PKCS#8 key on every call, as the
// official Go SDK does, for comparison.
func BenchmarkSignReparse(b *testing.B) {
	m, _, _, _ := benchMessage(b)
	der, err := base64.StdEncoding.DecodeString(readKey(b, "keys/merchant_private_pkcs8.b64"))
	if err != nil {
		b.Fatal(err)
	}
	text := string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
	b.ReportAllocs()
	for b.Loop() {
		block, _ := pem.Decode([]byte(text))
		k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Sign(k.(*rsa.PrivateKey), m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerify is our Verify (header parsing included).
func BenchmarkVerify(b *testing.B) {
	m, header, _, pub := benchMessage(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := Verify(pub, m, header); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkVerifyBareRSA is the floor: SHA-256 and PKCS#1 v1.5 only.
func BenchmarkVerifyBareRSA(b *testing.B) {
	m, header, _, pub := benchMessage(b)
	content := m.Content()
	sig, err := DecodeSignature(header)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		digest := sha256.Sum256(content)
		if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest[:], sig); err != nil {
			b.Fatal(err)
		}
	}
}
