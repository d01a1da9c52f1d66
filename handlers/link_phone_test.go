package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
)

const iPhoneUA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"

// getAs loads a page with a User-Agent.
func (b *browserClient) getAs(path, userAgent string) page {
	b.t.Helper()
	req, err := http.NewRequest(http.MethodGet, b.base+path, nil)
	if err != nil {
		b.t.Fatal(err)
	}
	req.Header.Set("User-Agent", userAgent)
	resp, err := b.http.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	return read(b.t, resp)
}

// linkAttempt stores a pending link attempt for a buyer, as StartLink
// leaves it after consult answered.
func (ta *testApp) linkAttempt(t *testing.T, buyerID int64, state, terminal, code, open string) int64 {
	t.Helper()
	ctx := context.Background()
	id, err := ta.DB.InsertLinkAttempt(ctx, db.LinkAttempt{AuthState: state, BuyerID: buyerID, Wallet: "GCASH",
		ReturnTo: "/wallets", Status: db.LinkPending, CreatedAt: ta.now, ExpiresAt: ta.now.Add(15 * time.Minute), TerminalType: terminal})
	if err != nil {
		t.Fatal(err)
	}
	if code != "" {
		if _, err := ta.DB.SetLinkCode(ctx, id, code, ta.now); err != nil {
			t.Fatal(err)
		}
	}
	if open != "" {
		if _, err := ta.DB.SetLinkOpenURL(ctx, id, open, ta.now); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

// On a phone the link page leads with "Open GCash" and offers a QR code
// for another phone in one tap; a QR code shown on a phone offers to open
// the wallet on this phone instead; on a computer, only the QR code.
func TestLinkPageOnAPhone(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("phone@example.com")
	buyer := ta.buyerID(t, "phone@example.com")

	wap := ta.linkAttempt(t, buyer, "state-wap", "WAP", "", "https://wallet.example/authorize?code=1")
	p := b.getAs(fmt.Sprintf("/wallets/link/%d", wap), iPhoneUA)
	assertEqual(t, p.status, http.StatusOK, "status")
	assertContains(t, p.body, `href="https://wallet.example/authorize?code=1" data-testid="open-wallet"`, "Open GCash",
		"Open GCash to link it", `data-testid="qr-instead"`, `name="device" value="other"`, `class="mark mark-gcash"`)
	if strings.Contains(p.body, `data-testid="qr"`) {
		t.Fatal("a phone attempt shows a QR code")
	}

	web := ta.linkAttempt(t, buyer, "state-web", "WEB", "https://wallet.example/qr?c=2", "")
	p = b.getAs(fmt.Sprintf("/wallets/link/%d", web), iPhoneUA)
	assertContains(t, p.body, `data-testid="qr"`, `data-testid="open-on-phone"`, `name="device" value="phone"`, "Open GCash on this phone")
	desk := b.getAs(fmt.Sprintf("/wallets/link/%d", web), "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0.0.0 Safari/537.36")
	assertContains(t, desk.body, `data-testid="qr"`, "Scan this code with the GCash app")
	if strings.Contains(desk.body, "open-on-phone") || strings.Contains(desk.body, "open-wallet") {
		t.Fatal("a computer is offered to open the wallet on itself")
	}
	// Off the sandbox, the QR code is not a link.
	if strings.Contains(desk.body, `data-testid="qr-link"`) {
		t.Fatal("the QR code links to the wallet with real Antom")
	}
}

// The wallet sends the phone back to authRedirectUrl with authCode and
// authState: the buyer lands on the attempt's page, which waits for the
// wallet's confirmation. Someone else's authState shows a plain page.
func TestLinkReturnFromThePhonesWallet(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("back@example.com")
	id := ta.linkAttempt(t, ta.buyerID(t, "back@example.com"), "state-back", "WAP", "", "https://wallet.example/a")
	p := b.get("/wallets/link/return?authCode=CODE&authState=state-back")
	assertEqual(t, p.status, http.StatusSeeOther, "status")
	assertEqual(t, p.location, fmt.Sprintf("/wallets/link/%d", id), "back to the link page")

	other := ta.client(t)
	other.signUp("nosy@example.com")
	p = other.get("/wallets/link/return?authCode=CODE&authState=state-back")
	assertEqual(t, p.status, http.StatusOK, "someone else's authState")
	assertContains(t, p.body, `data-testid="link-return"`)
}

// A link page that loads already linked offers the way back where
// linking started as a link (no JavaScript needed), and tells link.js
// where that is, so that it goes back by itself as when it sees the
// change.
func TestLinkPageLoadedLinkedOffersTheWayBack(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("linked@example.com")
	buyer := ta.buyerID(t, "linked@example.com")
	id := ta.linkAttempt(t, buyer, "state-linked", "WAP", "", "https://wallet.example/a")
	ctx := context.Background()
	if ok, err := ta.DB.AuthorizeLink(ctx, id, []byte("sealed"), "hash", ta.now); err != nil || !ok {
		t.Fatalf("authorize: %v %v", ok, err)
	}
	if ok, err := ta.DB.FinishLink(ctx, id, ta.insertWallet(t, buyer, "0917****777"), ta.now); err != nil || !ok {
		t.Fatalf("finish: %v %v", ok, err)
	}
	p := b.getAs(fmt.Sprintf("/wallets/link/%d", id), iPhoneUA)
	assertEqual(t, p.status, http.StatusOK, "status")
	continueTo := fmt.Sprintf("/wallets/link/%d/continue", id) // back to /wallets, saying so (linkContinue)
	assertContains(t, p.body, `data-status="LINKED"`, `data-return-to="`+continueTo+`"`,
		`<a class="btn" href="`+continueTo+`" data-testid="continue" data-show="LINKED">`, `<script src="/static/js/link.js" defer>`)
}

// A link page of a wallet no longer linked no longer says it is ready
// for one-click payments: it says what became of the wallet as My
// wallets tells it (walletTelling's one rule) — an unlink under way, an
// unlink done, a link cancelled in the wallet app, one no longer valid —
// and offers to link it again; link.js is not told to go back as after
// a fresh link.
func TestLinkPageOfAWalletUnlinkedSince(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("unlinked@example.com")
	buyer := ta.buyerID(t, "unlinked@example.com")
	ctx := context.Background()
	revoking := func(w int64) {
		if ok, err := ta.DB.StartRevoke(ctx, w, ta.now); err != nil || !ok {
			t.Fatalf("start revoke: %v %v", ok, err)
		}
	}
	ended := func(from, to string) func(int64) {
		return func(w int64) {
			if from == db.WalletRevoking {
				revoking(w)
			}
			if ok, err := ta.DB.EndWallet(ctx, w, []string{from}, to, "ended", ta.now); err != nil || !ok {
				t.Fatalf("end wallet: %v %v", ok, err)
			}
		}
	}
	for i, tc := range []struct {
		what     string
		end      func(wallet int64)
		headline string
		detail   string
	}{
		{"unlink under way", revoking, "Being unlinked: 0917****120", "the unlink is being confirmed with the wallet"},
		{"unlinked", ended(db.WalletRevoking, db.WalletRevoked), "No longer linked: 0917****121", "has been unlinked since"},
		{"cancelled in the wallet app", ended(db.WalletActive, db.WalletCanceled), "Cancelled in the wallet app: 0917****122", "cancelled in the wallet app since"},
		{"no longer valid", ended(db.WalletActive, db.WalletInvalid), "No longer valid: 0917****123", "it is no longer valid"},
	} {
		login := fmt.Sprintf("0917****12%d", i)
		id := ta.linkAttempt(t, buyer, "state-unlinked-"+login, "WEB", "", "")
		if ok, err := ta.DB.AuthorizeLink(ctx, id, []byte("sealed"), "hash-"+login, ta.now); err != nil || !ok {
			t.Fatalf("authorize: %v %v", ok, err)
		}
		wallet := ta.insertWallet(t, buyer, login)
		if ok, err := ta.DB.FinishLink(ctx, id, wallet, ta.now); err != nil || !ok {
			t.Fatalf("finish: %v %v", ok, err)
		}
		path := fmt.Sprintf("/wallets/link/%d", id)
		assertContains(t, b.get(path).body, `data-status="LINKED"`, "ready for one-click payments")

		tc.end(wallet)
		p := b.get(path)
		assertEqual(t, p.status, http.StatusOK, tc.what+": status")
		assertContains(t, p.body, `data-status="UNLINKED"`, tc.headline, tc.detail, `data-testid="renew"`)
		if strings.Contains(p.body, "ready for one-click payments") || strings.Contains(p.body, `data-testid="continue" data-show="LINKED">`) {
			t.Fatalf("%s: the page of an unlinked wallet still says it is linked", tc.what)
		}
		poll := b.get(path + "/status?seen=LINKED")
		assertContains(t, poll.body, `"status":"UNLINKED"`, tc.headline)
	}
}

// The wallet's return page says only what is true for a phone without
// our session: an authState we never issued is unknown (no "page where
// you scanned the code"), and a decline arriving after the attempt ended
// (here: linked) leaves it as it was and does not say nothing was linked.
func TestLinkReturnSaysOnlyWhatIsTrue(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("phone@example.com")
	buyer := ta.buyerID(t, "phone@example.com")
	phone := ta.client(t) // the phone that scanned: no session with us

	p := phone.get("/wallets/link/return?authCode=CODE&authState=never-issued")
	assertEqual(t, p.status, http.StatusNotFound, "an authState we never issued")
	assertContains(t, p.body, "This authorization request is unknown.")

	id := ta.linkAttempt(t, buyer, "state-done", "WEB", "", "")
	ctx := context.Background()
	if ok, err := ta.DB.AuthorizeLink(ctx, id, []byte("sealed"), "hash", ta.now); err != nil || !ok {
		t.Fatalf("authorize: %v %v", ok, err)
	}
	if ok, err := ta.DB.FinishLink(ctx, id, ta.insertWallet(t, buyer, "0917****555"), ta.now); err != nil || !ok {
		t.Fatalf("finish: %v %v", ok, err)
	}
	p = phone.get("/wallets/link/return?authState=state-done&error=USER_DECLINED")
	assertEqual(t, p.status, http.StatusOK, "a late decline")
	assertContains(t, p.body, "had already ended before your answer arrived")
	if strings.Contains(p.body, "Nothing was linked") {
		t.Fatal("a linked attempt's late decline says nothing was linked")
	}
	l, err := ta.DB.LinkAttemptByID(ctx, id)
	if err != nil || l.Status != db.LinkLinked {
		t.Fatalf("the attempt after a late decline: %v %v, want LINKED", l.Status, err)
	}

	pending := ta.linkAttempt(t, buyer, "state-declined", "WEB", "", "")
	p = phone.get("/wallets/link/return?authState=state-declined&error=USER_DECLINED")
	assertContains(t, p.body, "You declined. Nothing was linked")
	if l, _ := ta.DB.LinkAttemptByID(ctx, pending); l.Status != db.LinkDeclined {
		t.Fatalf("a pending attempt declined: %v", l.Status)
	}
}

// A signed-in buyer whose decline in the wallet app comes back after the
// attempt had ended (here: replaced by a new code) or after the wallet had
// agreed lands on the attempt's page, which shows how it stands and says,
// once, that the decline arrived too late and changed nothing; a decline
// in time, or one repeated, shows the decline itself and no such note.
func TestLateDeclineSaidOnTheLinkPage(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("late@example.com")
	buyer := ta.buyerID(t, "late@example.com")
	ctx := context.Background()
	const late = "Your decline in GCash arrived after this linking had already ended, so it changed nothing"
	const lateAgreed = "Your decline in GCash arrived after GCash had already confirmed this linking, so it changed nothing."
	decline := func(state string, id int64) page {
		t.Helper()
		p := b.get("/wallets/link/return?authState=" + state + "&error=USER_DECLINED")
		assertEqual(t, p.status, http.StatusSeeOther, state+": status")
		assertEqual(t, p.location, fmt.Sprintf("/wallets/link/%d", id), state+": goes to its link page")
		return b.get(p.location)
	}
	noNote := func(p page, what string) {
		t.Helper()
		if strings.Contains(p.body, `data-testid="link-late-decline"`) || strings.Contains(p.body, "data-stay") {
			t.Fatalf("%s: the page says the decline came late", what)
		}
	}

	replaced := ta.linkAttempt(t, buyer, "state-replaced", "WEB", "", "")
	if ok, err := ta.DB.EndPendingLink(ctx, replaced, db.LinkSuperseded, ta.now); err != nil || !ok {
		t.Fatalf("supersede: %v %v", ok, err)
	}
	p := decline("state-replaced", replaced)
	assertEqual(t, p.status, http.StatusOK, "link page")
	assertContains(t, p.body, `data-status="SUPERSEDED"`, "This QR code was replaced", `data-testid="link-late-decline"`, late, "data-stay")
	if l, _ := ta.DB.LinkAttemptByID(ctx, replaced); l.Status != db.LinkSuperseded {
		t.Fatalf("the replaced attempt after a late decline: %v", l.Status)
	}
	noNote(b.get(fmt.Sprintf("/wallets/link/%d", replaced)), "the page loaded again")

	pending := ta.linkAttempt(t, buyer, "state-in-time", "WEB", "", "")
	p = decline("state-in-time", pending)
	assertContains(t, p.body, `data-status="DECLINED"`, "You declined in GCash")
	noNote(p, "a decline in time")
	noNote(decline("state-in-time", pending), "a decline repeated")

	agreed := ta.linkAttempt(t, buyer, "state-agreed", "WEB", "", "")
	if ok, err := ta.DB.AuthorizeLink(ctx, agreed, []byte("sealed"), "hash", ta.now); err != nil || !ok {
		t.Fatalf("authorize: %v %v", ok, err)
	}
	p = decline("state-agreed", agreed)
	assertContains(t, p.body, `data-status="AUTHORIZED"`, lateAgreed)

	// Another page loaded in between: the note is for its own attempt only.
	b.get("/wallets/link/return?authState=state-replaced&error=USER_DECLINED")
	noNote(b.get(fmt.Sprintf("/wallets/link/%d", pending)), "another attempt's page")
}

// On the phone flow (the wallet opened on the buyer's phone, no QR code
// shown) an attempt that ended — declined, expired, replaced, failed —
// says so without a QR code, and its button says what it does there
// ("Try linking again"), in the buyer's language, on the page and in the
// status it updates itself with; the QR code flow keeps its words.
func TestEndedPhoneLinkSaysTryLinkingAgain(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("phoneend@example.com")
	buyer := ta.buyerID(t, "phoneend@example.com")
	ctx := context.Background()
	declined := func(state, terminal string) int64 {
		t.Helper()
		code := "" // the phone flow shows no QR code; the QR code flow's buyer scanned one to decline
		if terminal == "WEB" {
			code = "https://qr.test/" + state
		}
		id := ta.linkAttempt(t, buyer, state, terminal, code, "")
		if p := b.get("/wallets/link/return?authState=" + state + "&error=USER_DECLINED"); p.status != http.StatusSeeOther {
			t.Fatalf("%s: decline answered %d", state, p.status)
		}
		return id
	}
	renew := func(p page) string {
		t.Helper()
		assertEqual(t, p.status, http.StatusOK, "link page")
		return textOf(t, html(t, p.body), "renew")
	}

	wap := declined("state-phone-declined", "WAP")
	p := b.getAs(fmt.Sprintf("/wallets/link/%d", wap), iPhoneUA)
	assertEqual(t, renew(p), "Try linking again", "the phone flow's button")
	assertContains(t, p.body, `data-status="DECLINED"`, "You declined in GCash", "Nothing was linked. Try linking again if you change your mind.")
	if strings.Contains(p.body, "QR code") || strings.Contains(p.body, "new code") {
		t.Fatalf("the phone flow's decline speaks of a QR code:\n%s", p.body)
	}
	s := b.get(fmt.Sprintf("/wallets/link/%d/status?seen=PENDING", wap))
	assertContains(t, s.body, `"status":"DECLINED"`, "Try linking again if you change your mind.")

	web := declined("state-qr-declined", "WEB")
	assertEqual(t, renew(b.get(fmt.Sprintf("/wallets/link/%d", web))), "Show a new QR code", "the QR code flow's button")
	assertContains(t, b.get(fmt.Sprintf("/wallets/link/%d/status?seen=PENDING", web)).body, "Show a new code if you change your mind.")

	expired := ta.linkAttempt(t, buyer, "state-phone-expired", "WAP", "", "")
	if ok, err := ta.DB.EndPendingLink(ctx, expired, db.LinkExpired, ta.now); err != nil || !ok {
		t.Fatalf("expire: %v %v", ok, err)
	}
	replaced := ta.linkAttempt(t, buyer, "state-phone-replaced", "WAP", "", "")
	if ok, err := ta.DB.EndPendingLink(ctx, replaced, db.LinkSuperseded, ta.now); err != nil || !ok {
		t.Fatalf("supersede: %v %v", ok, err)
	}
	failed := map[int64]string{expired: "This linking has expired", replaced: "This linking was replaced"}
	for code, words := range map[string]string{
		"INVALID_AUTHCODE":  "(it expired or was already used). Try linking again.",
		"TOKEN_ANSWER_LOST": "so the shop could not finish the link and cannot pay with it. Nothing was charged. Try linking again; you can remove the unfinished link from your wallet app.",
		"UNKNOWN":           "The payment service did not confirm this linking (it gave no answer we can use). Try linking again.",
		"SYSTEM_ERROR":      "The payment service refused (SYSTEM_ERROR). Try linking again.",
	} {
		id := ta.linkAttempt(t, buyer, "state-phone-"+code, "WAP", "", "")
		if ok, err := ta.DB.FailLink(ctx, id, code, ta.now); err != nil || !ok {
			t.Fatalf("fail: %v %v", ok, err)
		}
		failed[id] = words
	}
	for id, words := range failed {
		p := b.getAs(fmt.Sprintf("/wallets/link/%d", id), iPhoneUA)
		assertEqual(t, renew(p), "Try linking again", words)
		assertContains(t, p.body, words)
		if strings.Contains(p.body, "QR code") || strings.Contains(p.body, "new code") {
			t.Fatalf("%s: the phone flow speaks of a QR code:\n%s", words, p.body)
		}
	}

	// In the buyer's language.
	assertEqual(t, b.post("/lang", url.Values{"lang": {"ko"}, "next": {"/"}}).status, http.StatusSeeOther, "choose Korean")
	p = b.getAs(fmt.Sprintf("/wallets/link/%d", wap), iPhoneUA)
	assertEqual(t, renew(p), "다시 연결하기", "the phone flow's button in Korean")
	assertEqual(t, renew(b.get(fmt.Sprintf("/wallets/link/%d", web))), "새 QR 코드 표시", "the QR code flow's button in Korean")
}
