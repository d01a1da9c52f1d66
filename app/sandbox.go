package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"

	"antom-checkout/antom/sandbox"
)

// openSandbox starts the built-in Antom sandbox with the merchant
// credentials kept in DATA_DIR/sandbox, registers this app with it (its
// notify URL is the "Dashboard" setting), and points the config at it.
func (a *App) openSandbox(ctx context.Context) error {
	dir := filepath.Join(a.cfg.DataDir, "sandbox")
	creds, err := sandbox.Provision(dir)
	if err != nil {
		return fmt.Errorf("app: sandbox credentials: %w", err)
	}
	base := "http://" + browsable(a.cfg.SandboxAddr)
	sb, err := sandbox.Open(ctx, sandbox.Config{
		DataDir:   dir,
		BaseURL:   base,
		TimeScale: a.cfg.SandboxTimeScale,
		Logger:    a.log.With("component", "sandbox"),
	})
	if err != nil {
		return fmt.Errorf("app: sandbox: %w", err)
	}
	a.sandbox = sb
	if err := sb.Register(ctx, sandbox.Merchant{
		ClientID:  creds.ClientID,
		PublicKey: creds.MerchantPublicKey,
		NotifyURL: a.cfg.NotifyURL(),
		Name:      a.cfg.MerchantName,
	}); err != nil {
		return fmt.Errorf("app: sandbox: %w", err)
	}
	a.cfg.GatewayURL = base
	a.useSandboxCredentials(creds)
	return a.ensureTokenKey()
}

// useSandboxCredentials configures the app as the sandbox's merchant.
func (a *App) useSandboxCredentials(creds sandbox.Credentials) {
	a.cfg.ClientID = creds.ClientID
	a.cfg.PrivateKey = creds.MerchantPrivateKey
	a.cfg.AntomPublicKey = creds.AntomPublicKey
}

// ensureTokenKey keeps, in sandbox mode without TOKEN_ENCRYPTION_KEY, the
// token key in DATA_DIR, so that instances sharing DATA_DIR share it.
func (a *App) ensureTokenKey() error {
	if a.cfg.TokenKey != nil {
		return nil
	}
	key, err := loadOrCreateTokenKey(filepath.Join(a.cfg.DataDir, "token_encryption_key"))
	if err != nil {
		return err
	}
	a.cfg.TokenKey = key
	return nil
}

// browsable turns a listen address into one a browser can open:
// ":8081" and "0.0.0.0:8081" become "localhost:8081".
func browsable(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// loadOrCreateTokenKey keeps the sandbox-mode token encryption key in a
// file (base64, mode 0600), created on first start. Instances starting at
// once on one DATA_DIR end with the same key: the file appears whole
// (written aside, then linked into place) and whoever comes second reads
// the first one's.
func loadOrCreateTokenKey(path string) ([]byte, error) {
	key, err := readTokenKey(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return key, err
	}
	key = make([]byte, 32)
	rand.Read(key)
	tmp, err := os.CreateTemp(filepath.Dir(path), ".token-key-*")
	if err != nil {
		return nil, fmt.Errorf("app: token key: %w", err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.WriteString(base64.StdEncoding.EncodeToString(key) + "\n")
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Link(tmp.Name(), path)
	}
	if errors.Is(err, fs.ErrExist) {
		return readTokenKey(path) // another instance got there first
	}
	if err != nil {
		return nil, fmt.Errorf("app: token key: %w", err)
	}
	return key, nil
}

// readTokenKey reads the token key file; a missing file is fs.ErrNotExist.
func readTokenKey(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("app: token key: %w", err)
	}
	key, err := parseTokenKey(strings.TrimSpace(string(b)))
	if err != nil {
		return nil, fmt.Errorf("app: %s: %w", path, err)
	}
	return key, nil
}
