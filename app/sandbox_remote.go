package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"time"

	"antom-checkout/antom/sandbox"
)

// connectSandbox points the app at a sandbox that runs on its own
// (`antom-checkout sandbox`, SANDBOX_URL): it reads the merchant
// credentials that sandbox keeps in DATA_DIR/sandbox — so the app and the
// sandbox share DATA_DIR — and sets the merchant's notification URL there
// to this app's, and its name to MERCHANT_NAME. Instances behind one load
// balancer share PUBLIC_URL (and MERCHANT_NAME), so each sets the same.
func (a *App) connectSandbox(ctx context.Context) error {
	dir := filepath.Join(a.cfg.DataDir, "sandbox")
	creds, err := sandbox.ReadCredentials(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("app: SANDBOX_URL: no sandbox credentials in %s: start `antom-checkout sandbox` with the same DATA_DIR first", dir)
	}
	if err != nil {
		return fmt.Errorf("app: SANDBOX_URL: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	control := sandbox.Control{BaseURL: a.cfg.SandboxURL}
	if err := control.SetNotifyURL(ctx, creds.ClientID, a.cfg.NotifyURL(), a.cfg.MerchantName); err != nil {
		return fmt.Errorf("app: SANDBOX_URL: registering the notification URL and name with the sandbox: %w", err)
	}
	a.cfg.GatewayURL = a.cfg.SandboxURL
	a.useSandboxCredentials(creds)
	return a.ensureTokenKey()
}
