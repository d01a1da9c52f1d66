package handlers

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"antom-checkout/checkout"
	"antom-checkout/internal/syncbuf"
)

// otherInstance is a second app instance: the same database and session
// store, a service of its own.
func (ta *testApp) otherInstance() *testApp {
	return &testApp{App: &App{Log: ta.Log, DB: ta.DB, Sessions: ta.Sessions, Now: ta.Now, Gateway: ta.Gateway,
		Checkout: checkout.NewService(checkout.Deps{DB: ta.DB, Log: ta.Log, Now: ta.Now, Options: checkout.Options{PasswordCost: bcrypt.MinCost}})}}
}

// A new one-time password for another member (confirmed first) is shown
// once, in the answer only (not logged, not on the timeline, not on any
// page after); their old password stops working, every session they had
// goes to the sign-in at its next request on every instance and does
// nothing, and the new password signs in and must be changed first.
func TestStaffReissueShowsPasswordOnceAndEndsSessions(t *testing.T) {
	logs := &syncbuf.Buffer{}
	ta := newTestApp(t)
	ta.Log = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ta = withStaff(t, ta)
	admin := ta.client(t)
	admin.staffSignIn()
	const email, own = "forgetful@shop.example", "forgetful's own password"
	first := admin.addStaff(email)
	id := ta.staffID(t, email)

	here, there := ta.client(t), ta.otherInstance().client(t)
	here.post("/admin/signin", url.Values{"email": {email}, "password": {first}})
	here.post("/admin/password", url.Values{"current": {first}, "new": {own}, "confirm": {own}})
	assertEqual(t, here.get("/admin").status, http.StatusOK, "the member, here")
	in := there.post("/admin/signin", url.Values{"email": {email}, "password": {own}})
	assertEqual(t, in.location, "/admin", "the member signs in on the other instance")
	assertEqual(t, there.get("/admin").status, http.StatusOK, "the member, there")

	row := html(t, admin.get("/admin/staff").body).Find(fmt.Sprintf(`[data-testid="staff-reissue-%d"]`, id))
	assertEqual(t, row.Length(), 1, "New one-time password on the member's row")
	path := fmt.Sprintf("/admin/staff/%d/reissue", id)
	confirm := admin.ask(path, nil)
	assertEqual(t, confirm.status, http.StatusOK, "confirm page")
	assertContains(t, confirm.body, `data-testid="confirm"`, "Issue a new one-time password for "+email+"?")
	assertEqual(t, there.get("/admin").status, http.StatusOK, "still signed in before the confirmation")
	confirmed := confirmForm(t, confirm.body)
	stale := admin.post(path, shownBefore(t, ta, admin, path, nil)) // not from that confirm page
	// A confirmation without its epoch:
	assertContains(t, textOf(t, html(t, admin.get(noticed(t, stale, "/admin/staff")).body), "problem"), email+"'s password was replaced since that confirmation was shown")
	assertEqual(t, there.get("/admin").status, http.StatusOK, "still signed in after the refused confirmation")

	done := admin.post(path, confirmed)
	shown := noticed(t, done, "/admin/staff") // Post/Redirect/Get
	d := html(t, admin.get(shown).body)
	password := strings.TrimSpace(d.Find(`[data-testid="one-time-password"]`).Text())
	if len(password) < checkout.MinStaffPassword || password == first {
		t.Fatalf("new one-time password %q (first %q)", password, first)
	}
	noticeOnTop(t, d, "staff-reissued")
	assertEqual(t, strings.TrimSuffix(strings.TrimSpace(d.Find(`[data-testid="staff-reissued-email"]`).Text()), "."), email, "whose password")
	assertEqual(t, d.Find(`[data-testid="staff-added"]`).Length(), 0, "said as an account added")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events WHERE subject = ? AND actor = ? AND detail = ?",
		fmt.Sprintf("staff:%d", id), staffEmail, "issued a new one-time password for "+email), 1, "audit line")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events WHERE detail LIKE ? OR actor LIKE ?", "%"+password+"%", "%"+password+"%"), 0, "password on a timeline")
	for _, p := range []string{shown, "/admin/staff", "/admin"} { // Reload of the page it was shown on, too
		if strings.Contains(admin.get(p).body, password) {
			t.Errorf("%s shows the one-time password again", p)
		}
	}
	assertEqual(t, admin.get("/admin").status, http.StatusOK, "the admin stays signed in")
	// The confirmation sent again (a second press, Back and resend):
	// refused, so the password just shown (perhaps already handed over)
	// stays the one.
	again := admin.post(path, confirmed)
	assertEqual(t, html(t, admin.get(noticed(t, again, "/admin/staff")).body).Find(`[data-testid="one-time-password"]`).Length(), 0, "a password after the refusal")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events WHERE subject = ? AND detail LIKE ?",
		fmt.Sprintf("staff:%d", id), "issued a new one-time password%"), 1, "passwords issued")

	staffBefore := ta.count(t, "SELECT COUNT(*) FROM staff")
	for name, b := range map[string]*browserClient{"here": here, "there": there} {
		p := b.post("/admin/staff", url.Values{"email": {"friend@shop.example"}})
		if p.status != http.StatusSeeOther || !strings.HasPrefix(p.location, "/admin/signin") {
			t.Errorf("%s: add after the reissue: %d %q", name, p.status, p.location)
		}
		assertEqual(t, b.get("/admin").location, "/admin/signin", name+": page after the reissue")
	}
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM staff"), staffBefore, "nothing added by the ended sessions")
	const why = "Your password was replaced"
	for name, b := range map[string]*browserClient{"here": here, "there": there} {
		assertContains(t, textOf(t, html(t, b.get("/admin/signin").body), "note"), why)
		if p := b.get("/admin/signin"); strings.Contains(p.body, why) {
			t.Errorf("%s: said again", name)
		}
	}

	old := ta.client(t).post("/admin/signin", url.Values{"email": {email}, "password": {own}})
	assertEqual(t, old.status, http.StatusUnprocessableEntity, "sign-in with the old password")
	member := ta.client(t)
	fresh := member.post("/admin/signin", url.Values{"email": {email}, "password": {password}})
	assertEqual(t, fresh.location, "/admin/password", "sign-in with the new one-time password")
	assertEqual(t, member.get("/admin/staff").location, "/admin/password", "must change first")
	noticed(t, member.post("/admin/password", url.Values{"current": {password}, "new": {"forgetful's next password"},
		"confirm": {"forgetful's next password"}}), "/admin") // own password chosen
	assertEqual(t, member.get("/admin/staff").status, http.StatusOK, "signed in after the change")
	if strings.Contains(logs.String(), password) {
		t.Fatalf("the one-time password is in the log:\n%s", logs.String())
	}
}

// Changing one's own password ends one's other sessions (another
// browser, another instance) at their next request, and keeps the one
// that changed it — also through a buyer's sign-out in that browser.
func TestStaffPasswordChangeEndsOtherSessions(t *testing.T) {
	ta := newAdminApp(t)
	const own, next = "the admin's next password", "the admin's third password"
	here, there := ta.client(t), ta.otherInstance().client(t)
	here.staffSignIn()
	there.staffSignIn()
	changed := here.post("/admin/password", url.Values{"current": {staffPassword}, "new": {own}, "confirm": {own}})
	noticed(t, changed, "/admin") // change
	assertEqual(t, here.get("/admin").status, http.StatusOK, "the session that changed it")
	assertEqual(t, there.get("/admin").location, "/admin/signin", "the other session")
	assertContains(t, there.get("/admin/signin").body, "Your password was replaced")

	here.post("/signout", nil) // the buyer's sign-out keeps the staff session
	assertEqual(t, here.get("/admin").status, http.StatusOK, "after a buyer's sign-out")
	noticed(t, here.post("/admin/password", url.Values{"current": {own}, "new": {next}, "confirm": {next}}), "/admin") // second change
	assertEqual(t, here.get("/admin").status, http.StatusOK, "after the second change")
}

// Staff cannot issue a new one-time password for their own account (the
// password page changes it) nor for a removed one; the refusal says so
// and changes nothing. An unknown account is 404.
func TestStaffCannotReissueOwnOrRemovedAccount(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	admin := ta.client(t)
	admin.staffSignIn()
	gone := "gone@shop.example"
	admin.addStaff(gone)
	goneID := ta.staffID(t, gone)
	noticed(t, admin.confirm(fmt.Sprintf("/admin/staff/%d/remove", goneID), nil), "/admin/staff") // remove
	me := ta.staffID(t, staffEmail)
	hashes := func() string {
		t.Helper()
		var s string
		for _, id := range []int64{me, goneID} {
			var h []byte
			var epoch int64
			if err := ta.DB.Raw().QueryRowContext(ctx, "SELECT password_hash, session_epoch FROM staff WHERE id = ?", id).Scan(&h, &epoch); err != nil {
				t.Fatal(err)
			}
			s += fmt.Sprintf("%x/%d ", h, epoch)
		}
		return s
	}
	before, events := hashes(), ta.count(t, "SELECT COUNT(*) FROM events")

	for _, c := range []struct {
		id   int64
		want string
	}{
		{me, "You cannot issue a new one-time password for your own account"},
		{goneID, gone + " was removed, by " + staffEmail},
	} {
		path := fmt.Sprintf("/admin/staff/%d/reissue", c.id)
		for _, form := range []url.Values{nil, shownBefore(t, ta, admin, path, nil)} {
			p := admin.post(path, form)
			page := admin.get(noticed(t, p, "/admin/staff"))
			assertContains(t, page.body, c.want)
			assertEqual(t, html(t, page.body).Find(`[data-testid="one-time-password"]`).Length(), 0, "password shown")
		}
	}
	assertEqual(t, admin.post("/admin/staff/999999/reissue", shownBefore(t, ta, admin, "/admin/staff/999999/reissue", nil)).status, http.StatusNotFound, "unknown account")
	assertEqual(t, admin.post("/admin/staff/999999/reissue", nil).status, http.StatusNotFound, "unknown account, unconfirmed")
	assertEqual(t, hashes(), before, "passwords and session epochs")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events"), events, "timeline lines")
	assertEqual(t, admin.get("/admin").status, http.StatusOK, "still signed in")
	assertEqual(t, html(t, admin.get("/admin/staff").body).Find(fmt.Sprintf(`[data-testid="staff-reissue-%d"]`, me)).Length(), 0, "no New one-time password on one's own row")
}
