package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
)

// adminRoute is one /admin route behind requireStaff and what staff get.
type adminRoute struct {
	method, pattern string // as in routes.go
	path            string
	form            url.Values
	staffStatus     int
	staffLocation   string // for 303s
}

// adminFixture is data every admin action can act on, and a snapshot of
// what those actions would change.
type adminFixture struct {
	ref            string
	wallet, card   int64
	notification   int64
	failedRefund   int64
	staffPassHash  string
	refunds, inbox int
	handled        int
	walletStatus   string
	cardStatus     string
	otherStaff     int64
	staff, removed int // staff accounts, and of those removed
}

func newAdminFixture(t *testing.T, ta *testApp) adminFixture {
	t.Helper()
	ref, wallet := ta.paidOrder(t, "payer@example.com")
	f := adminFixture{ref: ref, wallet: wallet, card: ta.keepCard(t, "payer@example.com")}
	body := []byte(`{"notifyType":"REFUND_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"refundStatus":"SUCCESS","refundRequestId":"RF-NOT-OURS","refundId":"R1","refundAmount":{"currency":"USD","value":"100"}}`)
	rec := ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), body))
	assertEqual(t, rec.Code, http.StatusOK, "notification")
	rows, err := ta.DB.RecentNotifications(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	f.notification = rows[0].ID
	a, err := ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 100, db.RefundFail)
	ta.lookedAbsent(t, ref, 100) // a refund we closed ourselves is retried only after a lookup
	failed, err := ta.DB.RefundByRequestID(context.Background(), "RF-"+ref+"-100")
	if err != nil {
		t.Fatal(err)
	}
	f.failedRefund = failed.ID
	if f.otherStaff, err = ta.DB.InsertStaff(context.Background(), db.Staff{Email: "other@shop.test", PasswordHash: []byte("x"), CreatedAt: ta.now}); err != nil {
		t.Fatal(err)
	}
	return f.snapshot(t, ta)
}

func (f adminFixture) snapshot(t *testing.T, ta *testApp) adminFixture {
	t.Helper()
	ctx := context.Background()
	f.refunds = ta.count(t, "SELECT COUNT(*) FROM refunds")
	f.inbox = ta.count(t, "SELECT COUNT(*) FROM notifications")
	f.handled = ta.count(t, "SELECT COUNT(*) FROM refunds WHERE handled_at != ''")
	f.staff = ta.count(t, "SELECT COUNT(*) FROM staff")
	f.removed = ta.count(t, "SELECT COUNT(*) FROM staff WHERE removed_at != ''")
	w, err := ta.DB.WalletByID(ctx, f.wallet)
	if err != nil {
		t.Fatal(err)
	}
	c, err := ta.DB.CardByID(ctx, f.card)
	if err != nil {
		t.Fatal(err)
	}
	st, err := ta.DB.StaffByEmail(ctx, staffEmail)
	if err != nil {
		t.Fatal(err)
	}
	f.walletStatus, f.cardStatus, f.staffPassHash = w.Status, c.Status, string(st.PasswordHash)
	return f
}

func (f adminFixture) routes() []adminRoute {
	order := "/admin/orders/" + f.ref
	return []adminRoute{
		{"GET", "", "/admin", nil, http.StatusOK, ""},
		{"GET", "/orders", "/admin/orders?q=payer&status=PAID", nil, http.StatusOK, ""},
		{"GET", "/orders/:ref", order, nil, http.StatusOK, ""},
		{"GET", "/orders/:ref/status", order + "/status?seen=x", nil, http.StatusOK, ""}, // a stale key: answered at once
		{"GET", "/refunds/lookup", "/admin/refunds/lookup?id=RF-X", nil, http.StatusOK, ""},
		{"GET", "/wallets", "/admin/wallets?email=payer%40example.com", nil, http.StatusOK, ""},
		{"GET", "/notifications", "/admin/notifications", nil, http.StatusOK, ""},
		{"GET", "/notifications/:id", fmt.Sprintf("/admin/notifications/%d", f.notification), nil, http.StatusOK, ""},
		{"GET", "/password", "/admin/password", nil, http.StatusOK, ""},
		{"GET", "/staff", "/admin/staff", nil, http.StatusOK, ""},
		// Confirmations (GET, changing nothing) before the actions below:
		// addresses not made by this session's forms (unsigned) are sent to
		// the page their form lives on (confirm_signed.go).
		{"GET", "/orders/:ref/refunds/confirm", order + "/refunds/confirm?amount=1.00&key=KEY9", nil, http.StatusSeeOther, order},
		{"GET", "/orders/:ref/refunds/:id/handled/confirm", fmt.Sprintf("%s/refunds/%d/handled/confirm?note=bank+transfer", order, f.failedRefund), nil, http.StatusSeeOther, order},
		{"GET", "/orders/:ref/refunds/:id/retry/confirm", fmt.Sprintf("%s/refunds/%d/retry/confirm?key=KEY8", order, f.failedRefund), nil, http.StatusSeeOther, order},
		{"GET", "/orders/:ref/capture/confirm", order + "/capture/confirm", nil, http.StatusSeeOther, order},
		{"GET", "/orders/:ref/void/confirm", order + "/void/confirm", nil, http.StatusSeeOther, order},
		{"GET", "/orders/:ref/alarms/:alarm/resolve/confirm", order + "/alarms/paymentid-conflict/resolve/confirm?payment=PR-X&note=done", nil, http.StatusSeeOther, order},
		{"GET", "/orders/:ref/close-ended/confirm", order + "/close-ended/confirm", nil, http.StatusSeeOther, order},
		{"GET", "/wallets/:id/unlink/confirm", fmt.Sprintf("/admin/wallets/%d/unlink/confirm", f.wallet), nil, http.StatusSeeOther, "/admin/wallets"},
		{"GET", "/cards/:id/remove/confirm", fmt.Sprintf("/admin/cards/%d/remove/confirm", f.card), nil, http.StatusSeeOther, "/admin/wallets"},
		{"GET", "/staff/:id/remove/confirm", fmt.Sprintf("/admin/staff/%d/remove/confirm", f.otherStaff), nil, http.StatusSeeOther, "/admin/staff"},
		{"GET", "/staff/:id/reissue/confirm", fmt.Sprintf("/admin/staff/%d/reissue/confirm", f.otherStaff), nil, http.StatusSeeOther, "/admin/staff"},
		// Not authorized: nothing to capture or void (303 to the order,
		// which says so; nothing done).
		{"POST", "/orders/:ref/capture", order + "/capture", url.Values{"amount": {"1"}, "confirm": {"yes"}}, http.StatusSeeOther, order},
		{"POST", "/orders/:ref/void", order + "/void", nil, http.StatusSeeOther, order},
		{"POST", "/orders/:ref/close-ended", order + "/close-ended", url.Values{"confirm": {"yes"}}, http.StatusSeeOther, order},
		// No such payment of the order: not found, nothing done.
		{"POST", "/orders/:ref/alarms/:alarm/resolve", order + "/alarms/paymentid-conflict/resolve", url.Values{"payment": {"PR-X"}, "note": {"done"}, "confirm": {"yes"}}, http.StatusNotFound, ""},
		// Antom cannot be reached: the lookup says so (422).
		{"POST", "/refunds/lookup", "/admin/refunds/lookup", url.Values{"id": {"RF-X"}}, http.StatusUnprocessableEntity, ""},
		{"POST", "/password", "/admin/password", url.Values{"current": {"wrong"}}, http.StatusUnprocessableEntity, ""},
		// Before the refund below, which would close the failed one.
		{"POST", "/orders/:ref/refunds/:id/handled", fmt.Sprintf("%s/refunds/%d/handled", order, f.failedRefund),
			url.Values{"note": {"bank transfer"}, "confirm": {"yes"}}, http.StatusSeeOther, order},
		// Handled now: nothing to try again (303 to the order, which says
		// so; nothing done).
		{"POST", "/orders/:ref/refunds/:id/retry", fmt.Sprintf("%s/refunds/%d/retry", order, f.failedRefund),
			url.Values{"key": {"KEY2"}, "confirm": {"yes"}}, http.StatusSeeOther, order},
		{"POST", "/orders/:ref/refunds", order + "/refunds", url.Values{"amount": {"1.00"}, "key": {"KEY1"}, "confirm": {"yes"}}, http.StatusSeeOther, order},
		{"POST", "/wallets/:id/unlink", fmt.Sprintf("/admin/wallets/%d/unlink", f.wallet), confirmYes, http.StatusSeeOther, "/admin/wallets?email=payer%40example.com"},
		{"POST", "/cards/:id/remove", fmt.Sprintf("/admin/cards/%d/remove", f.card), confirmYes, http.StatusSeeOther, "/admin/wallets?email=payer%40example.com"},
		// Added: the answer shows its one-time password (200).
		{"POST", "/staff", "/admin/staff", url.Values{"email": {"new@shop.test"}}, http.StatusSeeOther, "/admin/staff"},
		// A new one-time password: the answer shows it (200). Before the
		// removal below, which would refuse it.
		{"POST", "/staff/:id/reissue", fmt.Sprintf("/admin/staff/%d/reissue", f.otherStaff), url.Values{"confirm": {"yes"}, "epoch": {"0"}}, http.StatusSeeOther, "/admin/staff"},
		{"POST", "/staff/:id/remove", fmt.Sprintf("/admin/staff/%d/remove", f.otherStaff), confirmYes, http.StatusSeeOther, "/admin/staff"},
		// Not quarantined: nothing to mark reviewed (303 to the inbox, which
		// says so; nothing done).
		{"POST", "/notifications/:id/review", fmt.Sprintf("/admin/notifications/%d/review", f.notification), url.Values{"note": {"looked"}}, http.StatusSeeOther, "/admin/notifications"},
		{"POST", "/notifications/:id/replay", fmt.Sprintf("/admin/notifications/%d/replay", f.notification), nil, http.StatusSeeOther, "/admin/notifications"},
		{"POST", "/signout", "/admin/signout", nil, http.StatusSeeOther, "/admin/signin"},
	}
}

func (b *browserClient) send(r adminRoute) page {
	b.t.Helper()
	if r.method == http.MethodGet {
		return b.get(r.path)
	}
	return b.post(r.path, r.form)
}

// Every /admin route but sign-in refuses anonymous visitors and signed-in
// buyers (303 to the staff sign-in, and a POST does nothing); staff get
// the page or the action.
func TestAdminRoutesRequireStaff(t *testing.T) {
	ta := newAdminApp(t)
	f := newAdminFixture(t, ta)
	routes := f.routes()
	assertCoversRoutes(t, routes)

	buyer := ta.client(t)
	buyer.signUp("shopper@example.com")
	for who, b := range map[string]*browserClient{"anonymous": ta.client(t), "buyer": buyer} {
		for _, r := range routes {
			p := b.send(r)
			if p.status != http.StatusSeeOther || !strings.HasPrefix(p.location, "/admin/signin") {
				t.Errorf("%s %s %s: %d %q, want 303 to /admin/signin", who, r.method, r.path, p.status, p.location)
			}
		}
		if got := f.snapshot(t, ta); got != f {
			t.Fatalf("%s changed something:\n got %+v\nwant %+v", who, got, f)
		}
	}
	anon := ta.client(t).get("/admin/orders?q=x")
	assertEqual(t, anon.location, "/admin/signin?next="+url.QueryEscape("/admin/orders?q=x"), "sign-in link back")

	staff := ta.client(t)
	staff.staffSignIn()
	for _, r := range routes {
		if r.form.Get("confirm") == "yes" { // a confirmation's Confirm, as its page shown to this sign-in posts it
			r.form = shownBefore(t, ta, staff, r.path, r.form)
		}
		p := staff.send(r)
		// Where it leads: an action's notice is named in its ?notice= (noticeTo).
		if p.status != r.staffStatus || (r.staffLocation != "" && withNotice(p.location, "") != r.staffLocation) {
			t.Errorf("staff %s %s: %d %q, want %d %q\n%s", r.method, r.path, p.status, p.location, r.staffStatus, r.staffLocation, p.body)
		}
	}
	after := f.snapshot(t, ta)
	if after.refunds != f.refunds+1 || after.inbox != f.inbox+1 || after.handled != f.handled+1 || after.walletStatus == db.WalletActive || after.cardStatus != db.CardRemoved ||
		after.staff != f.staff+1 || after.removed != f.removed+1 {
		t.Fatalf("staff actions did not act: %+v", after)
	}
	// Signed out (the last route), staff are refused like anyone.
	assertEqual(t, staff.get("/admin").location, "/admin/signin", "after sign out")
}

// assertCoversRoutes checks that the table lists every staff-only route
// of routes.go, so a new admin route cannot skip this test.
func assertCoversRoutes(t *testing.T, routes []adminRoute) {
	t.Helper()
	src, err := os.ReadFile("routes.go")
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, r := range routes {
		listed[r.method+" "+r.pattern] = true
	}
	found := regexp.MustCompile(`(?m)^\s*(staff|ready)\.(GET|POST)\("([^"]*)"`).FindAllStringSubmatch(string(src), -1)
	if len(found) == 0 {
		t.Fatal("no staff routes found in routes.go")
	}
	for _, m := range found {
		if !listed[m[2]+" "+m[3]] {
			t.Errorf("route %s /admin%s is not in the access-control table", m[2], m[3])
		}
	}
	assertEqual(t, len(found), len(routes), "staff routes")
}

// A one-time password leads to "Change your password" before anything
// else.
func TestOneTimePasswordMustBeChanged(t *testing.T) {
	ta := newTestApp(t)
	first, err := ta.Checkout.EnsureFirstStaff(context.Background(), staffEmail, "")
	if err != nil {
		t.Fatal(err)
	}
	b := ta.client(t)
	p := b.post("/admin/signin", url.Values{"email": {staffEmail}, "password": {first.Password}})
	assertEqual(t, p.location, "/admin/password", "after sign-in")
	assertEqual(t, b.get("/admin/orders").location, "/admin/password", "orders before changing")
	assertEqual(t, b.post("/admin/refunds/lookup", url.Values{"id": {"X"}}).location, "/admin/password", "a POST before changing")
	assertEqual(t, b.lookup("X").location, "/admin/password", "a lookup before changing")
	form := b.get("/admin/password")
	assertContains(t, form.body, `data-testid="must-change"`)

	bad := b.post("/admin/password", url.Values{"current": {first.Password}, "new": {"short"}, "confirm": {"short"}})
	assertEqual(t, bad.status, http.StatusUnprocessableEntity, "short password")
	assertContains(t, bad.body, `data-testid="new-error"`, "Use at least 12 characters, or 8 Chinese characters (kanji) or Korean syllables, which count as 1½ each.")
	for _, weak := range []string{"aaaaaaaaaaaa", "password1234", "Qwerty123456", "123412341234", "adminadminadmin1", "admin@shop.test2026"} { // a staff account moves money
		bad = b.post("/admin/password", url.Values{"current": {first.Password}, "new": {weak}, "confirm": {weak}})
		assertEqual(t, bad.status, http.StatusUnprocessableEntity, "a password easy to guess: "+weak)
		assertContains(t, bad.body, `data-testid="new-error"`, "Too easy to guess: it is made of common passwords or your email, repeats characters or a phrase, follows a sequence")
	}
	ok := b.post("/admin/password", url.Values{"current": {first.Password}, "new": {"my own long password"}, "confirm": {"my own long password"}})
	assertEqual(t, ok.status, http.StatusSeeOther, "change")
	dash := b.get(noticed(t, ok, "/admin"))
	assertEqual(t, dash.status, http.StatusOK, "dashboard")
	assertContains(t, dash.body, "Password changed.")
}

// A staff member may choose an 8-character Chinese or Korean phrase: each
// such character counts 1½ against the 12 (checkout.staffPasswordHalves),
// and the form says so and does not mark 8 of them too short.
func TestStaffPasswordInChineseOrKorean(t *testing.T) {
	ta := newTestApp(t)
	first, err := ta.Checkout.EnsureFirstStaff(context.Background(), staffEmail, "")
	if err != nil {
		t.Fatal(err)
	}
	b := ta.client(t)
	b.post("/admin/signin", url.Values{"email": {staffEmail}, "password": {first.Password}})
	form := b.get("/admin/password")
	assertContains(t, form.body, `minlength="8"`, "At least 12 characters, or 8 Chinese characters (kanji) or Korean syllables, which count as 1½ each; hard to guess")
	short := b.post("/admin/password", url.Values{"current": {first.Password}, "new": {"我家小狗爱吃骨"}, "confirm": {"我家小狗爱吃骨"}})
	assertEqual(t, short.status, http.StatusUnprocessableEntity, "7 Chinese characters")
	assertContains(t, short.body, "Use at least 12 characters, or 8 Chinese characters (kanji) or Korean syllables")
	ok := b.post("/admin/password", url.Values{"current": {first.Password}, "new": {"我家小狗爱吃骨头"}, "confirm": {"我家小狗爱吃骨头"}})
	assertEqual(t, ok.status, http.StatusSeeOther, "8 Chinese characters")
	b.post("/admin/signout", nil)
	b = ta.client(t)
	assertEqual(t, b.post("/admin/signin", url.Values{"email": {staffEmail}, "password": {"我家小狗爱吃骨头"}}).location, "/admin", "sign-in with it")
}
