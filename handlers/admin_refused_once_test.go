package handlers

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"antom-checkout/antom"
	"antom-checkout/checkout"
)

// refusingAntom points the app's Antom client at a stand-in that answers
// every call with a signed F of code and message, as Antom refuses.
func (ta *testApp) refusingAntom(t *testing.T, code, message string) {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		body := []byte(fmt.Sprintf(`{"result":{"resultStatus":"F","resultCode":%q,"resultMessage":%q}}`, code, message))
		now := time.Now().Format("2006-01-02T15:04:05-07:00")
		sig, err := antom.Sign(ta.antomKey, antom.Message{Method: http.MethodPost, Path: r.URL.Path, ClientID: testClientID, Time: now, Body: body})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("response-time", now)
		w.Header().Set("client-id", testClientID)
		w.Header().Set("signature", sig)
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	client, err := antom.NewClient(antom.Config{
		GatewayURL: srv.URL, ClientID: testClientID, AllowAnyGateway: true,
		PrivateKey: mustPrivateKey(t, "merchant_private_pkcs8.b64"), AntomPublicKey: mustPublicKey(t, "antom_public_x509.b64"),
	})
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := checkout.NewSealer([]byte("0123456789abcdef0123456789abcdef"))
	if err != nil {
		t.Fatal(err)
	}
	ta.Checkout = checkout.NewService(checkout.Deps{DB: ta.DB, Antom: client, Sealer: sealer, Log: ta.Log,
		Now: func() time.Time { return ta.now }, Options: checkout.Options{RetryBase: time.Millisecond, NotifyURL: "http://shop.test/antom/notify", PasswordCost: bcrypt.MinCost}})
}

// Staff whose capture, void or refund Antom refused read it once, in red,
// on the order page they are sent back to: the order's own alarm where it
// has one (which capture or refund, how much, when, Antom's code and
// message, what it means), not a second notice beside it saying less.
func TestRefusedActionSaidOnce(t *testing.T) {
	for _, tc := range []struct {
		name  string
		order func(t *testing.T, ta *testApp) string
		form  func(t *testing.T, staff *browserClient, ref string) (string, url.Values)
		says  string   // the one red notice's data-testid
		words []string // what it says
	}{
		{"capture", func(t *testing.T, ta *testApp) string { return ta.authorizedOrder(t, "refused-capture@example.com") },
			func(t *testing.T, staff *browserClient, ref string) (string, url.Values) {
				path := "/admin/orders/" + ref + "/capture"
				return path, staff.confirmation(path, url.Values{"amount": {"37.00"}})
			}, "capture-failed", []string{"$37.00", "PROCESS_FAIL", "Refused at the issuer", "The money was not taken."}},
		{"void", func(t *testing.T, ta *testApp) string { return ta.authorizedOrder(t, "refused-void@example.com") },
			func(t *testing.T, staff *browserClient, ref string) (string, url.Values) {
				path := "/admin/orders/" + ref + "/void"
				return path, staff.confirmation(path, nil)
			}, "void-refused", []string{"PROCESS_FAIL", "Refused at the issuer", "Nothing was released.", "still holds on the buyer's card"}},
		{"refund", func(t *testing.T, ta *testApp) string {
			ref, _ := ta.paidOrder(t, "refused-refund@example.com")
			return ref
		},
			func(t *testing.T, staff *browserClient, ref string) (string, url.Values) {
				key := refundFormKey(t, staff.get("/admin/orders/"+ref).body)
				path := "/admin/orders/" + ref + "/refunds"
				return path, staff.confirmation(path, url.Values{"amount": {"5.00"}, "reason": {"broken cup"}, "key": {key}})
			}, "refund-failed", []string{"A failed refund leaves $5.00 owed", "of $5.00 failed. Antom refused the refund (PROCESS_FAIL)."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ta := newAdminApp(t)
			ta.refusingAntom(t, "PROCESS_FAIL", "Refused at the issuer")
			staff := ta.client(t)
			staff.staffSignIn()
			ref := tc.order(t, ta)
			path, form := tc.form(t, staff, ref)
			p := staff.get(noticed(t, staff.post(path, form), "/admin/orders/"+ref))
			if n := strings.Count(p.body, "notice notice-bad"); n != 1 {
				t.Fatalf("%d red notices on the order page, want 1:\n%s", n, p.body)
			}
			red := strings.ReplaceAll(between(t, p.body, `notice notice-bad`, "</div>"), "<wbr>", "") // as read: a code breaks after its underscores
			assertContains(t, red, `data-testid="`+tc.says+`"`)
			assertContains(t, red, tc.words...)
		})
	}
}
