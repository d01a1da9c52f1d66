package checkout

import (
	"net/url"
	"testing"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// On a phone the consult is WAP with the phone's osType: the page gets the
// address that opens the wallet, no QR code; agreeing there links the
// wallet. One tap asks for a QR code for another phone instead: a new
// WEB consult with a new authState.
func TestLinkOnAPhone(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.buyer("phone@example.com")
	phone := antom.Env{TerminalType: antom.TerminalWap, OSType: "IOS", ClientIP: "127.0.0.1"}
	l, err := e.svc.StartLink(e.ctx, b.ID, "GCASH", "/wallets", phone)
	check(t, err)
	if !l.OnPhone || l.CodeValue != "" || l.Status != db.LinkPending {
		t.Fatalf("phone link: %+v", l)
	}
	u, err := url.Parse(l.OpenURL)
	check(t, err)
	assertEqual(t, u.Path, "/sandbox/wallet/authorize", "Open GCash goes to the test wallet app")

	// "Show a QR code for another phone".
	qr, err := e.svc.RenewLink(e.ctx, b.ID, l.ID, antom.Env{TerminalType: antom.TerminalWeb})
	check(t, err)
	if qr.OnPhone || qr.CodeValue == "" || qr.OpenURL != "" || qr.ID == l.ID {
		t.Fatalf("QR for another phone: %+v", qr)
	}
	old, err := e.svc.LinkForBuyer(e.ctx, b.ID, l.ID)
	check(t, err)
	assertEqual(t, old.Status, db.LinkSuperseded, "the phone attempt, once a QR code was asked for")

	// Renewing keeps the way of linking; "open on this phone" goes back.
	again, err := e.svc.RenewLink(e.ctx, b.ID, qr.ID, phone)
	check(t, err)
	if !again.OnPhone || again.OpenURL == "" {
		t.Fatalf("back on the phone: %+v", again)
	}
	check(t, e.sb.Authorize(e.ctx, again.OpenURL, user(t, "GCASH")))
	e.waitLink(b, again.ID, db.LinkLinked)

	// The wallet sends the phone back with the authState: it finds the
	// buyer's attempt, and nobody else's.
	row, err := e.db.LinkAttemptByID(e.ctx, again.ID)
	check(t, err)
	back, err := e.svc.ReturnedLink(e.ctx, b.ID, row.AuthState)
	check(t, err)
	assertEqual(t, back.ID, again.ID, "returned attempt")
	other := e.buyer("other@example.com")
	if _, err := e.svc.ReturnedLink(e.ctx, other.ID, row.AuthState); err != ErrNotFound {
		t.Fatalf("another buyer's return: %v", err)
	}
}

// A phone whose osType Antom does not know links by QR code (WEB).
func TestLinkEnvNeedsAKnownOSType(t *testing.T) {
	for _, env := range []antom.Env{{TerminalType: antom.TerminalWap}, {TerminalType: antom.TerminalWap, OSType: "SYMBIAN"}, {}} {
		assertEqual(t, linkEnv(env).TerminalType, antom.TerminalWeb, "terminal type of "+env.OSType)
	}
	assertEqual(t, linkEnv(antom.Env{TerminalType: antom.TerminalWap, OSType: "ANDROID"}).TerminalType, antom.TerminalWap, "Android phone")
}

// The app link wins, then the web page; a scheme URL only when nothing
// else came; addresses a browser would run are never used.
func TestOpenURLOf(t *testing.T) {
	tests := []struct {
		name string
		resp antom.ConsultResponse
		want string
	}{
		{"all three", antom.ConsultResponse{ApplinkURL: "https://app.example/a", NormalURL: "https://w.example/n", SchemeURL: "gcash://x"}, "https://app.example/a"},
		{"web page before scheme", antom.ConsultResponse{NormalURL: "https://w.example/n", SchemeURL: "gcash://x"}, "https://w.example/n"},
		{"authUrl", antom.ConsultResponse{AuthURL: "https://w.example/auth"}, "https://w.example/auth"},
		{"scheme only", antom.ConsultResponse{SchemeURL: "gcash://x"}, "gcash://x"},
		{"script", antom.ConsultResponse{ApplinkURL: "javascript:alert(1)", NormalURL: "data:text/html,x"}, ""},
		{"relative", antom.ConsultResponse{NormalURL: "/auth"}, ""},
		{"none", antom.ConsultResponse{}, ""},
	}
	for _, tt := range tests {
		assertEqual(t, openURLOf(&tt.resp), tt.want, tt.name)
	}
}
