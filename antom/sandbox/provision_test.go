package sandbox

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"antom-checkout/antom"
)

func TestProvision(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data") // created by Provision
	creds, err := Provision(dir)
	must(t, err)
	if !regexp.MustCompile(`^SANDBOX_[0-9]{16}$`).MatchString(creds.ClientID) {
		t.Fatalf("client id %q", creds.ClientID)
	}
	for _, name := range []string{clientIDFile, merchantPrivateFile, merchantPublicFile, antomPrivateFile, antomPublicFile} {
		info, err := os.Stat(filepath.Join(dir, name))
		must(t, err)
		equal(t, info.Mode().Perm(), os.FileMode(0o600), name+" mode")
	}

	again, err := Provision(dir)
	must(t, err)
	equal(t, again.ClientID, creds.ClientID, "client id on second call")
	equal(t, again.MerchantPrivateKey.Equal(creds.MerchantPrivateKey), true, "merchant key on second call")
	equal(t, again.AntomPublicKey.Equal(creds.AntomPublicKey), true, "antom key on second call")

	priv, err := antom.ParsePrivateKey(readFile(t, dir, merchantPrivateFile))
	must(t, err)
	equal(t, priv.Equal(creds.MerchantPrivateKey), true, "merchant_private_key round trip")
	pub, err := antom.ParsePublicKey(readFile(t, dir, merchantPublicFile))
	must(t, err)
	equal(t, pub.Equal(creds.MerchantPublicKey), true, "merchant_public_key round trip")
	antomPub, err := antom.ParsePublicKey(readFile(t, dir, antomPublicFile))
	must(t, err)
	equal(t, antomPub.Equal(creds.AntomPublicKey), true, "antom_public_key round trip")
	antomPriv, err := antom.ParsePrivateKey(readFile(t, dir, antomPrivateFile))
	must(t, err)
	equal(t, antomPriv.PublicKey.Equal(creds.AntomPublicKey), true, "antom_private_key matches")

	// Open uses the same key and knows the provisioned merchant.
	s, err := Open(t.Context(), Config{DataDir: dir})
	must(t, err)
	defer s.Close()
	equal(t, s.PublicKey().Equal(creds.AntomPublicKey), true, "Open's key")
	m, ok := s.merchant.get(creds.ClientID)
	equal(t, ok, true, "provisioned merchant registered")
	equal(t, m.PublicKey.Equal(creds.MerchantPublicKey), true, "provisioned merchant key")
}

// readFile reads a one-line key file and checks it is one line.
func readFile(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	must(t, err)
	if n := len(regexp.MustCompile("\n").FindAllIndex(b, -1)); n != 1 {
		t.Fatalf("%s has %d line ends, want 1", name, n)
	}
	return string(b)
}

// TestOpenCreatesKeyAndSchema opens an empty directory twice: the key is
// generated once, the schema is migrated once, Close is idempotent.
func TestOpenCreatesKeyAndSchema(t *testing.T) {
	dir := t.TempDir()
	s1, err := Open(t.Context(), Config{DataDir: dir})
	must(t, err)
	must(t, s1.Close())
	must(t, s1.Close())
	s2, err := Open(t.Context(), Config{DataDir: dir})
	must(t, err)
	defer s2.Close()
	equal(t, s2.PublicKey().Equal(s1.PublicKey()), true, "key reloaded")
	var version int
	must(t, s2.db.QueryRowContext(t.Context(), "PRAGMA user_version").Scan(&version))
	steps, err := migrationSteps()
	must(t, err)
	equal(t, version, len(steps), "user_version")
	if _, err := Open(t.Context(), Config{}); err == nil {
		t.Fatal("Open without DataDir: want an error")
	}
}

// TestProvisionRefusesEmptyFile reports an emptied file instead of
// guessing.
func TestProvisionRefusesEmptyFile(t *testing.T) {
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, antomPrivateFile), nil, 0o600))
	if _, err := Provision(dir); err == nil {
		t.Fatal("want an error for an empty key file")
	}
}
