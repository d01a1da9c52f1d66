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
	}); err != nil {
		return fmt.Errorf("app: sandbox: %w", err)
	}
	a.cfg.GatewayURL = base
	a.cfg.ClientID = creds.ClientID
	a.cfg.PrivateKey = creds.MerchantPrivateKey
	a.cfg.AntomPublicKey = creds.AntomPublicKey
	if a.cfg.TokenKey == nil {
		key, err := loadOrCreateTokenKey(filepath.Join(a.cfg.DataDir, "token_encryption_key"))
		if err != nil {
			return err
		}
		a.cfg.TokenKey = key
	}
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
// file (base64, mode 0600), created on first start.
func loadOrCreateTokenKey(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err == nil {
		key, err := parseTokenKey(strings.TrimSpace(string(b)))
		if err != nil {
			return nil, fmt.Errorf("app: %s: %w", path, err)
		}
		return key, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("app: token key: %w", err)
	}
	key := make([]byte, 32)
	rand.Read(key)
	if err := os.WriteFile(path, []byte(base64.StdEncoding.EncodeToString(key)+"\n"), 0o600); err != nil {
		return nil, fmt.Errorf("app: token key: %w", err)
	}
	return key, nil
}
