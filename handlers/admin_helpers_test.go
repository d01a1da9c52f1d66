package handlers

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"antom-checkout/antom"
	"antom-checkout/checkout"
	"antom-checkout/db"
)

const (
	staffEmail    = "admin@shop.test"
	staffPassword = "a long staff password"
)

// newAdminApp is the test app with one staff account, and an Antom client
// whose gateway refuses connections: calls end "not sent", so staff
// actions run their course without a sandbox.
func newAdminApp(t *testing.T) *testApp {
	t.Helper()
	return withStaff(t, newTestApp(t))
}

// withStaff is newAdminApp over ta, whose Log it keeps.
func withStaff(t *testing.T, ta *testApp) *testApp {
	t.Helper()
	return withStaffTuned(t, ta, nil)
}

// withStaffTuned is withStaff whose checkout options tune adjusts (nil:
// none), e.g. the shop's zone.
func withStaffTuned(t *testing.T, ta *testApp, tune func(*checkout.Options)) *testApp {
	t.Helper()
	sealer, err := checkout.NewSealer([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	client, err := antom.NewClient(antom.Config{
		GatewayURL: "http://127.0.0.1:1", ClientID: testClientID, AllowAnyGateway: true,
		PrivateKey: mustPrivateKey(t, "merchant_private_pkcs8.b64"), AntomPublicKey: mustPublicKey(t, "antom_public_x509.b64"),
	})
	if err != nil {
		t.Fatal(err)
	}
	opts := checkout.Options{RetryBase: time.Millisecond, NotifyURL: "http://shop.test/antom/notify", PasswordCost: bcrypt.MinCost}
	if tune != nil {
		tune(&opts)
	}
	ta.Checkout = checkout.NewService(checkout.Deps{DB: ta.DB, Antom: client, Sealer: sealer, Log: ta.Log,
		Now: func() time.Time { return ta.now }, Options: opts})
	if _, err := ta.Checkout.EnsureFirstStaff(context.Background(), staffEmail, staffPassword); err != nil {
		t.Fatal(err)
	}
	return ta
}

// staffSignIn signs the client in as staff.
func (b *browserClient) staffSignIn() {
	b.t.Helper()
	p := b.post("/admin/signin", url.Values{"email": {staffEmail}, "password": {staffPassword}})
	if p.status != http.StatusSeeOther || p.location != "/admin" {
		b.t.Fatalf("staff sign in: %d %q %s", p.status, p.location, p.body)
	}
}

var refundFormKeyRE = regexp.MustCompile(`data-testid="refund-form"><input type="hidden" name="key" value="([A-Z0-9]+)"`)

// refundFormKey is the idempotency key the staff refund form carries on
// an admin order page (its HTML body); the test fails if it has none.
func refundFormKey(t *testing.T, body string) string {
	t.Helper()
	m := refundFormKeyRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("the refund form carries no idempotency key")
	}
	return m[1]
}

// paidOrder creates an order paid with a wallet (paymentId PAY-<ref>),
// as settling would leave it, and returns its ref and the wallet's id.
func (ta *testApp) paidOrder(t *testing.T, email string) (string, int64) {
	t.Helper()
	b, o := ta.buyerOrder(t, email, "coffee", "2")
	wallet := ta.insertWallet(t, b.ID, "0917****"+email[:3])
	ta.settle(t, o.Ref, ta.openAttempt(t, o.Ref, wallet), db.AttemptSuccess, "SUCCESS", "PAY-"+o.Ref)
	return o.Ref, wallet
}

// keepCard stores an active card for the buyer of email.
func (ta *testApp) keepCard(t *testing.T, email string) int64 {
	t.Helper()
	ctx := context.Background()
	id := ta.buyerID(t, email)
	if err := ta.DB.KeepCard(ctx, db.Card{BuyerID: id, TokenSealed: []byte("sealed"), TokenHash: "card-" + email,
		Brand: "VISA", Last4: "4242", ExpiryMonth: "12", ExpiryYear: "30", CreatedAt: ta.now}); err != nil {
		t.Fatal(err)
	}
	cs, err := ta.DB.BuyerCards(ctx, id, db.CardActive)
	if err != nil || len(cs) == 0 {
		t.Fatalf("kept card: %v", err)
	}
	return cs[0].ID
}

// count runs a COUNT(*) query (db has no such queries: the app needs none).
func (ta *testApp) count(t *testing.T, query string, args ...any) int {
	t.Helper()
	var n int
	if err := ta.DB.Raw().QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// wholeEmail is an email as staff pages render it (views' emailText):
// kept whole, wrapping before its "@" only when wider than its line.
func wholeEmail(email string) string { return wholeEmailThen(email, "") }

// wholeEmailThen is wholeEmail with the punctuation that follows it in a
// sentence (end) inside its last box, as views' emailPartsThen writes it.
func wholeEmailThen(email, end string) string {
	i := strings.LastIndex(email, "@")
	return `<span class="whole"><span>` + email[:i] + `</span><wbr><span>` + email[i:] + end + `</span></span>`
}

// confirmationOf checks that loc (a first form's redirect) is the
// confirmation of the action at path — path + "/confirm", signed for the
// session (confirm_signed.go) — and returns loc.
func confirmationOf(t *testing.T, loc, path string) string {
	t.Helper()
	u, err := url.Parse(loc)
	if err != nil || u.Path != path+"/confirm" || u.Query().Get(confirmSigParam) == "" {
		t.Fatalf("the confirmation's address = %q, want %s/confirm signed (?%s=…)", loc, path, confirmSigParam)
	}
	return loc
}

// signedConfirmation is the address of the confirmation of the action at
// path with fields as b's session would sign it (signedConfirmAt) — for a
// test to open what a form could have sent the browser to before the
// data changed (a bookmark, Back). It gives the session a key if it has
// none yet.
func signedConfirmation(t *testing.T, ta *testApp, b *browserClient, path string, fields url.Values) string {
	t.Helper()
	key := confirmKeyOf(t, ta, b, path)
	signed := url.Values{}
	for k, v := range fields {
		signed[k] = v
	}
	signed.Set(confirmSigParam, confirmSig(key, confirmAt(path, fields)))
	return confirmAt(path, signed)
}

// confirmKeyOf is the key b's session signs the confirmations of the
// action at path with (confirmKeyName), given to it ("test-confirm-key")
// if it has none yet.
func confirmKeyOf(t *testing.T, ta *testApp, b *browserClient, path string) string {
	t.Helper()
	base, _ := url.Parse(b.base)
	for _, c := range b.http.Jar.Cookies(base) {
		if c.Name != ta.Sessions.Cookie.Name {
			continue
		}
		ctx, err := ta.Sessions.Load(context.Background(), c.Value)
		if err != nil {
			t.Fatal(err)
		}
		key := ta.Sessions.GetString(ctx, confirmKeyName(path))
		if key == "" {
			key = "test-confirm-key"
			ta.Sessions.Put(ctx, confirmKeyName(path), key)
			if _, _, err := ta.Sessions.Commit(ctx); err != nil {
				t.Fatal(err)
			}
		}
		return key
	}
	t.Fatal("no session cookie")
	return ""
}

// ask sends the first form of a staff or buyer action that asks to be
// confirmed (Post/Redirect/Get): its POST must answer 303 to the action's
// confirmation (path + "/confirm", the form's fields in its query), and
// ask returns that GET's page; any other answer to the POST is returned
// as it is (a refusal, the form again with its errors).
func (b *browserClient) ask(path string, form url.Values) page {
	b.t.Helper()
	p := b.post(path, form)
	if p.status != http.StatusSeeOther || !strings.HasPrefix(p.location, path+"/confirm") {
		return p
	}
	return b.get(p.location)
}
