package sandbox

import (
	"crypto/rand"
	"crypto/rsa"
	"fmt"
	"io/fs"
	"math/big"

	"antom-checkout/antom"
)

// Credentials are what a merchant needs to talk to the sandbox: its client
// id and key pair, and the sandbox's ("Antom's") public key.
type Credentials struct {
	ClientID           string
	MerchantPrivateKey *rsa.PrivateKey
	MerchantPublicKey  *rsa.PublicKey
	AntomPublicKey     *rsa.PublicKey
}

// Provision returns the sandbox merchant credentials kept in dataDir,
// creating whatever is missing: the client id, the merchant key pair and the
// sandbox's own key pair (the files doc.go lists, mode 0600). A second call
// returns the same credentials.
func Provision(dataDir string) (Credentials, error) {
	if dataDir == "" {
		return Credentials{}, fmt.Errorf("sandbox: provision: data dir is required")
	}
	if err := ensureDir(dataDir); err != nil {
		return Credentials{}, err
	}
	antomKey, err := ensureKeyPair(dataDir, antomPrivateFile, antomPublicFile)
	if err != nil {
		return Credentials{}, err
	}
	merchantKey, err := ensureKeyPair(dataDir, merchantPrivateFile, merchantPublicFile)
	if err != nil {
		return Credentials{}, err
	}
	clientID, err := ensureLine(dataDir, clientIDFile, newClientID)
	if err != nil {
		return Credentials{}, err
	}
	return Credentials{
		ClientID:           clientID,
		MerchantPrivateKey: merchantKey,
		MerchantPublicKey:  &merchantKey.PublicKey,
		AntomPublicKey:     &antomKey.PublicKey,
	}, nil
}

// newClientID returns "SANDBOX_" and 16 random digits.
func newClientID() (string, error) {
	n, err := rand.Int(rand.Reader, big.NewInt(1e16))
	if err != nil {
		return "", fmt.Errorf("sandbox: client id: %w", err)
	}
	return fmt.Sprintf("SANDBOX_%016d", n), nil
}

// ReadCredentials returns the merchant credentials Provision wrote to
// dataDir without creating anything: what an app needs to use a sandbox
// that runs on its own. A missing file is reported as fs.ErrNotExist.
func ReadCredentials(dataDir string) (Credentials, error) {
	clientID, err := existingLine(dataDir, clientIDFile)
	if err != nil {
		return Credentials{}, err
	}
	encoded, err := existingLine(dataDir, merchantPrivateFile)
	if err != nil {
		return Credentials{}, err
	}
	key, err := antom.ParsePrivateKey(encoded)
	if err != nil {
		return Credentials{}, fmt.Errorf("sandbox: %s: %w", merchantPrivateFile, err)
	}
	antomPub, ok, err := readPublicFile(dataDir, antomPublicFile)
	if err == nil && !ok {
		err = fmt.Errorf("sandbox: %s: %w", antomPublicFile, fs.ErrNotExist)
	}
	if err != nil {
		return Credentials{}, err
	}
	return Credentials{ClientID: clientID, MerchantPrivateKey: key, MerchantPublicKey: &key.PublicKey, AntomPublicKey: antomPub}, nil
}
