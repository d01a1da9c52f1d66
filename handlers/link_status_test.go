package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"antom-checkout/db"
)

// The status long-poll answers at once when the state already differs
// from what the page has, and otherwise as soon as the state changes.
func TestLinkStatusLongPoll(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("poll@example.com")
	buyer, _ := ta.DB.BuyerByEmail(context.Background(), "poll@example.com")
	now := time.Now()
	id, err := ta.DB.InsertLinkAttempt(context.Background(), db.LinkAttempt{
		AuthState: "poll-state", BuyerID: buyer.ID, Wallet: "DANA", ReturnTo: "/wallets",
		Status: db.LinkPending, CreatedAt: now, ExpiresAt: now.Add(15 * time.Minute),
	})
	if err != nil {
		t.Fatal(err)
	}
	// Its consult answered: a QR code to scan.
	if _, err := ta.DB.SetLinkCode(context.Background(), id, "https://qr.example/poll", now); err != nil {
		t.Fatal(err)
	}

	var s linkStatus
	p := b.get("/wallets/link/1/status?seen=SOMETHING_ELSE")
	assertEqual(t, p.status, http.StatusOK, "status")
	json.Unmarshal([]byte(p.body), &s)
	assertEqual(t, s.Status, db.LinkPending, "immediate answer")

	answered := make(chan page, 1)
	go func() { answered <- b.get("/wallets/link/1/status?seen=PENDING") }()
	select {
	case p := <-answered:
		t.Fatalf("answered before anything changed: %s", p.body)
	case <-time.After(100 * time.Millisecond):
	}
	if _, _, err := ta.Checkout.DeclineLink(context.Background(), "poll-state"); err != nil {
		t.Fatal(err)
	}
	select {
	case p := <-answered:
		json.Unmarshal([]byte(p.body), &s)
		assertEqual(t, s.Status, db.LinkDeclined, "status after the change")
		if s.Headline != "You declined in DANA" {
			t.Fatalf("headline %q", s.Headline)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the long-poll did not answer after the change")
	}
}
