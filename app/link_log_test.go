package app_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"

	"antom-checkout/antom"
	"antom-checkout/app/apptest"
	"antom-checkout/internal/syncbuf"
)

// An authState ties the wallet's answer to one buyer: a whole link, from
// consult to applyToken, logged at debug level by the app and its
// sandbox, never writes it; the consult's log lines name it by its
// Fingerprint instead.
func TestLinkLogsNoAuthState(t *testing.T) {
	logs := &syncbuf.Buffer{}
	srv := apptest.StartLogged(t, slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})), nil)
	buyer := newBrowser(t, srv.URL)
	buyer.signUp("quiet@example.com")
	linkWallet(t, srv, buyer, fundedUser(t))

	ledger, err := srv.App.Sandbox().Ledger(context.Background(), srv.App.Config().ClientID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ledger.Links) != 1 || ledger.Links[0].AuthState == "" {
		t.Fatalf("sandbox links %+v", ledger.Links)
	}
	state := ledger.Links[0].AuthState
	got := logs.String()
	if strings.Contains(got, state) {
		t.Fatalf("the log holds the authState %q:\n%s", state, got)
	}
	for _, line := range []string{"msg=\"antom call\" api=consult request_id=" + antom.Fingerprint(state), "msg=\"sandbox: QR code issued\""} {
		if !strings.Contains(got, line) {
			t.Fatalf("the log lacks %q:\n%s", line, got)
		}
	}
}
