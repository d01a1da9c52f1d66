package app_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"antom-checkout/antom"
	"antom-checkout/app/apptest"
)

// lockedBuffer is a log sink the app's goroutines may share.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// An authState ties the wallet's answer to one buyer: a whole link, from
// consult to applyToken, logged at debug level by the app and its
// sandbox, never writes it; the consult's log lines name it by its
// Fingerprint instead.
func TestLinkLogsNoAuthState(t *testing.T) {
	logs := &lockedBuffer{}
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
