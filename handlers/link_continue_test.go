package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"testing"
)

// Once linked, the link page goes on (its Continue; link.js after a
// moment, with the status's returnTo) through /continue, which goes back
// to where linking started saying there, once, in the buyer's language,
// which wallet is linked: on a phone the buyer comes back from the
// wallet app to the link page only as it moves on, and landed on My
// wallets without a word. An attempt not linked goes back saying nothing.
func TestLinkedSaidWhereLinkingStarted(t *testing.T) {
	ta := newTestApp(t)
	ctx := context.Background()
	b := ta.client(t)
	b.signUp("linked-said@example.com")
	buyer := ta.buyerID(t, "linked-said@example.com")

	id := ta.linkAttempt(t, buyer, "state-linked", "WAP", "", "https://wallet.example/open")
	if ok, err := ta.DB.AuthorizeLink(ctx, id, []byte("sealed"), "hash", ta.now); err != nil || !ok {
		t.Fatalf("authorize: %v %v", ok, err)
	}
	if ok, err := ta.DB.FinishLink(ctx, id, ta.insertWallet(t, buyer, "0917****123"), ta.now); err != nil || !ok {
		t.Fatalf("finish: %v %v", ok, err)
	}
	continueTo := fmt.Sprintf("/wallets/link/%d/continue", id)
	d := html(t, b.get(fmt.Sprintf("/wallets/link/%d", id)).body)
	assertEqual(t, testid(d, "continue").AttrOr("href", ""), continueTo, "Continue")
	assertEqual(t, testid(d, "link").AttrOr("data-return-to", ""), continueTo, "where link.js goes once linked")
	var s linkStatus
	if err := json.Unmarshal([]byte(b.get(fmt.Sprintf("/wallets/link/%d/status?seen=PENDING", id)).body), &s); err != nil {
		t.Fatal(err)
	}
	assertEqual(t, s.ReturnTo, continueTo, "the status's returnTo")

	p := b.get(continueTo)
	if p.status != 303 || !namesNotice(p.location, "/wallets") {
		t.Fatalf("continue answered %d %q, want 303 to /wallets with its notice", p.status, p.location)
	}
	const linked = "Linked: GCash 0917****123 is ready for one-click payments."
	assertEqual(t, textOf(t, html(t, b.get(p.location).body), "flash"), linked, "My wallets after linking")
	assertEqual(t, testid(html(t, b.get(p.location).body), "flash").Length(), 0, "the notice shown again")

	b.post("/lang", url.Values{"lang": {"ko"}, "next": {"/wallets"}})
	p = b.get(continueTo)
	assertEqual(t, textOf(t, html(t, b.get(p.location).body), "flash"), "연결됨: 이제 GCash 0917****123으로 한 번에 결제할 수 있습니다.", "in Korean")

	pending := ta.linkAttempt(t, buyer, "state-pending", "WAP", "", "https://wallet.example/open")
	p = b.get(fmt.Sprintf("/wallets/link/%d/continue", pending))
	assertEqual(t, p.status, 303, "continue of an attempt not linked")
	assertEqual(t, p.location, "/wallets", "where it goes, saying nothing")
}
