package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/app/apptest"
	"antom-checkout/internal/syncbuf"
)

// Every Antom call's log line names the call (request_id: its
// idempotency key, or for consult, applyToken and revoke, whose only ids
// are credentials, their Fingerprint) and the request that caused it
// (http_request_id): a buyer's, the notification's (applyToken after the
// wallet's authorization), or, for work no request asked for (a call
// made from a context without one, a reconciler pass), an id of its own
// with a prefix that says so. A link, a one-click pay, an unlink by the
// buyer and one by the app itself.
func TestEveryAntomCallLogsItsRequestIDs(t *testing.T) {
	logs := &syncbuf.Buffer{}
	srv := apptest.StartLogged(t, slog.New(slog.NewJSONHandler(logs, nil)), nil)
	buyer := newBrowser(t, srv.URL)
	buyer.signUp("ids@example.com")
	u := fundedUser(t)
	linkWallet(t, srv, buyer, u)
	wallet := walletButton.FindStringSubmatch(buyer.page("/checkout/" + buyer.order("coffee")))
	if wallet == nil {
		t.Fatal("no wallet on the checkout page")
	}
	ref := buyer.order("coffee")
	if resp := buyer.post("/checkout/"+ref+"/pay", url.Values{"wallet": {wallet[1]}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("pay: %d", resp.StatusCode)
	}
	if resp := buyer.post("/wallets/"+wallet[1]+"/unlink", url.Values{"confirm": {"yes"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("unlink: %d", resp.StatusCode)
	}
	// The app's own unlink, from no request (a context without an id).
	linkWallet(t, srv, buyer, u)
	second := walletButton.FindStringSubmatch(buyer.page("/checkout/" + buyer.order("coffee")))
	if second == nil {
		t.Fatal("no wallet on the checkout page after linking again")
	}
	var id int64
	fmt.Sscan(second[1], &id)
	if err := srv.App.Checkout().Unlink(context.Background(), 0, id, "the test"); err != nil {
		t.Fatal(err)
	}
	srv.App.Checkout().Wait()

	// Either unlink may find a reconciler pass revoking its wallet
	// already (the revoke is due at once, and the pass holds the wallet's
	// lease): the revoke is then that pass's, logged when Antom answers
	// it, which may be after Unlink and Wait return.
	calls := func() (apis map[string]int, lines []string) {
		apis = map[string]int{}
		for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
			var l map[string]any
			if err := json.Unmarshal([]byte(line), &l); err != nil || l["msg"] != "antom call" {
				continue
			}
			api, _ := l["api"].(string)
			apis[api]++
			lines = append(lines, line)
		}
		return apis, lines
	}
	apis, lines := calls()
	for deadline := time.Now().Add(10 * time.Second); apis["revoke"] < 2 && time.Now().Before(deadline); apis, lines = calls() {
		time.Sleep(20 * time.Millisecond)
	}
	for _, line := range lines {
		var l map[string]any
		json.Unmarshal([]byte(line), &l)
		if s, _ := l["request_id"].(string); s == "" {
			t.Errorf("%s logged without request_id: %s", l["api"], line)
		}
		if s, _ := l["http_request_id"].(string); s == "" {
			t.Errorf("%s logged without http_request_id: %s", l["api"], line)
		}
	}
	for _, api := range []string{"consult", "applyToken", "pay", "revoke"} {
		if apis[api] == 0 {
			t.Errorf("no %s call logged (calls: %v)", api, apis)
		}
	}
	if apis["revoke"] < 2 {
		t.Errorf("%d revoke calls logged within 10 s, want the buyer's and the app's", apis["revoke"])
	}
}
