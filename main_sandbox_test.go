package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestSandboxAlone runs `antom-checkout sandbox` and an app pointed at it
// with SANDBOX_URL on the same DATA_DIR: the app uses the sandbox's
// credentials and registers its notification URL and MERCHANT_NAME there.
func TestSandboxAlone(t *testing.T) {
	dataDir := t.TempDir()
	sandboxAddr, addr := freeAddr(t), freeAddr(t)
	sandboxURL := "http://" + sandboxAddr
	env := map[string]string{"SANDBOX_ADDR": sandboxAddr, "DATA_DIR": dataDir, "ADDR": addr, "SANDBOX_URL": sandboxURL,
		"MERCHANT_NAME": "Kopi & Co."}
	getenv := func(k string) string { return env[k] }

	missing := run(context.Background(), func(k string) string {
		if k == "DATA_DIR" {
			return t.TempDir()
		}
		return env[k]
	}, io.Discard)
	if missing == nil || !strings.Contains(missing.Error(), "start `antom-checkout sandbox` with the same DATA_DIR first") {
		t.Fatalf("app without the sandbox's credentials: %v", missing)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sandboxDone := make(chan error, 1)
	go func() { sandboxDone <- command([]string{"sandbox"})(ctx, getenv, io.Discard) }()
	waitHealthy(t, sandboxURL+"/sandbox/control/merchants.json", sandboxDone)

	appCtx, stopApp := context.WithCancel(ctx)
	appDone := make(chan error, 1)
	go func() { appDone <- command(nil)(appCtx, getenv, io.Discard) }()
	health := waitHealthy(t, "http://"+addr+"/healthz", appDone)
	gateway, _ := health["gateway"].(map[string]any)
	if health["status"] != "ok" || gateway["mode"] != "sandbox" || gateway["status"] != "ok" { // /healthz names no address; the merchants below show which sandbox
		t.Fatalf("health %v", health)
	}
	resp, err := http.Get(sandboxURL + "/sandbox/control/merchants.json")
	if err != nil {
		t.Fatal(err)
	}
	var merchants []struct{ ClientID, NotifyURL, Name string }
	json.NewDecoder(resp.Body).Decode(&merchants)
	resp.Body.Close()
	if len(merchants) != 1 || merchants[0].NotifyURL != "http://"+addr+"/antom/notify" || merchants[0].Name != "Kopi & Co." {
		t.Fatalf("merchants %+v", merchants)
	}
	stopApp()
	if err := <-appDone; err != nil {
		t.Fatalf("app: %v", err)
	}
	cancel()
	if err := <-sandboxDone; err != nil {
		t.Fatalf("sandbox: %v", err)
	}
	if err := command([]string{"sandbox", "now"})(ctx, getenv, io.Discard); err == nil || !strings.HasPrefix(err.Error(), "usage:") {
		t.Fatalf("bad arguments: %v", err)
	}
}
