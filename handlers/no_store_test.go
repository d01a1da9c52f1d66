package handlers

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
)

// No buyer page is kept by the browser: each shows who is signed in or
// this browser's orders, and after signing out, Back must not show them
// again (a trial found My wallets kept while the other pages were not).
func TestBuyerPagesAreNotStored(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("private@example.com")
	buyer, err := ta.DB.BuyerByEmail(context.Background(), "private@example.com")
	if err != nil {
		t.Fatal(err)
	}
	ta.insertWallet(t, buyer.ID, "0917****123")
	now := time.Now()
	link, err := ta.DB.InsertLinkAttempt(context.Background(), db.LinkAttempt{
		AuthState: "state-private", BuyerID: buyer.ID, Wallet: "GCASH", ReturnTo: "/wallets",
		Status: db.LinkPending, CreatedAt: now, ExpiresAt: now.Add(15 * time.Minute),
	})
	if err != nil {
		t.Fatal(err)
	}
	ta.DB.SetLinkCode(context.Background(), link, "https://wallet.example/qr?c=private", now)
	ref := b.buy("notebook", "1")

	for _, path := range []string{
		"/", "/orders", "/wallets", "/checkout/" + ref, "/orders/" + ref, "/orders/" + ref + "/status",
		"/wallets/link/1", "/wallets/link/1/qr.png", "/wallets/link/1/status", "/signin", "/signup",
		"/no-such-page",
	} {
		resp, err := b.http.Get(b.base + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK && path != "/no-such-page" {
			t.Errorf("GET %s: %d", path, resp.StatusCode)
		}
		if got := resp.Header.Values("Cache-Control"); !hasNoStore(got) {
			t.Errorf("GET %s: Cache-Control %q, want no-store", path, got)
		}
	}
}

func hasNoStore(values []string) bool {
	for _, v := range values {
		if strings.Contains(v, "no-store") {
			return true
		}
	}
	return false
}
