package handlers

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/alexedwards/scs/v2"
	"golang.org/x/crypto/bcrypt"

	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/internal/syncbuf"
)

// staffID is the id of the active staff account of email.
func (ta *testApp) staffID(t *testing.T, email string) int64 {
	t.Helper()
	st, err := ta.DB.StaffByEmail(context.Background(), email)
	if err != nil {
		t.Fatalf("staff %s: %v", email, err)
	}
	return st.ID
}

// addStaff adds email on the staff page as the signed-in admin and
// returns the one-time password the answer shows.
func (b *browserClient) addStaff(email string) string {
	b.t.Helper()
	p := b.post("/admin/staff", url.Values{"email": {email}})
	if p.status != http.StatusSeeOther || !namesNotice(p.location, "/admin/staff") {
		b.t.Fatalf("add staff %s: %d %q\n%s", email, p.status, p.location, p.body)
	}
	password := strings.TrimSpace(html(b.t, b.get(p.location).body).Find(`[data-testid="one-time-password"]`).Text())
	if password == "" {
		b.t.Fatalf("add staff %s: no one-time password shown", email)
	}
	return password
}

// Adding a staff member is Post/Redirect/Get: the add sends staff (303)
// to the staff page, which shows the one-time password once (not
// logged, not on the timeline, not on any page after, nor on Reload of
// that page, which shows the accounts and no refusal); it signs the new
// member in, who must choose their own first.
func TestStaffAddShowsOneTimePasswordOnce(t *testing.T) {
	logs := &syncbuf.Buffer{}
	ta := newTestApp(t)
	ta.Log = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ta = withStaff(t, ta)
	admin := ta.client(t)
	admin.staffSignIn()

	list := admin.get("/admin/staff")
	assertEqual(t, list.status, http.StatusOK, "staff page")
	d := html(t, list.body)
	assertEqual(t, d.Find(`[data-testid="nav-staff"]`).AttrOr("href", ""), "/admin/staff", "navigation link")
	assertEqual(t, d.Find(`[data-testid="staff-row"]`).Length(), 1, "accounts before")
	assertEqual(t, d.Find(`[data-testid="staff-you"]`).Length(), 1, "own account marked")
	assertEqual(t, d.Find(`[data-testid="one-time-password"]`).Length(), 0, "password before adding")

	added := admin.post("/admin/staff", url.Values{"email": {"  New.Member@Shop.Example "}})
	shown := admin.get(noticed(t, added, "/admin/staff")) // Post/Redirect/Get
	assertEqual(t, shown.status, http.StatusOK, "the page the add sends to")
	d = html(t, shown.body)
	password := strings.TrimSpace(d.Find(`[data-testid="one-time-password"]`).Text())
	if len(password) < checkout.MinStaffPassword {
		t.Fatalf("one-time password %q", password)
	}
	assertEqual(t, strings.TrimSpace(d.Find(`[data-testid="staff-added-email"]`).Text()), "new.member@shop.example.", "normalised email shown, its sentence's full stop in its last box")
	noticeOnTop(t, d, "staff-added")
	assertEqual(t, d.Find(`[data-testid="staff-row"]`).Length(), 2, "accounts after")

	const newEmail = "new.member@shop.example"
	id := ta.staffID(t, newEmail)
	st, err := ta.DB.StaffByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, st.MustChange, true, "must change at first sign-in")
	assertEqual(t, st.AddedBy, staffEmail, "added by")
	if bytes.Contains(st.PasswordHash, []byte(password)) {
		t.Fatal("the password is stored as it is")
	}
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events WHERE subject = ? AND actor = ? AND detail LIKE ?",
		fmt.Sprintf("staff:%d", id), staffEmail, "added staff account "+newEmail+"%"), 1, "audit line")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events WHERE detail LIKE ? OR actor LIKE ?", "%"+password+"%", "%"+password+"%"), 0, "password on a timeline")

	// Reload of that page (its own address again), and any other page:
	// the accounts as they are, no password, no "already has an account".
	for _, path := range []string{added.location, "/admin/staff", "/admin"} {
		p := admin.get(path)
		assertEqual(t, p.status, http.StatusOK, path)
		if strings.Contains(p.body, password) || strings.Contains(p.body, "already has a staff account") {
			t.Errorf("%s shows the one-time password again, or a refusal", path)
		}
	}
	assertEqual(t, html(t, admin.get(added.location).body).Find(`[data-testid="staff-row"]`).Length(), 2, "accounts on reload")
	again := admin.post("/admin/staff", url.Values{"email": {newEmail}}) // the same form sent again by hand
	assertEqual(t, again.status, http.StatusUnprocessableEntity, "the form sent again")
	if strings.Contains(again.body, password) || strings.Contains(again.body, `data-testid="one-time-password"`) {
		t.Error("the form sent again shows a password")
	}
	// Nothing but the session kept it, until shown: no session holds it now.
	all, err := ta.Sessions.Store.(scs.IterableStore).All()
	if err != nil {
		t.Fatal(err)
	}
	for _, data := range all {
		if bytes.Contains(data, []byte(password)) {
			t.Fatal("a session still holds the one-time password after it was shown")
		}
	}

	member := ta.client(t)
	in := member.post("/admin/signin", url.Values{"email": {newEmail}, "password": {password}})
	assertEqual(t, in.status, http.StatusSeeOther, "sign in with the one-time password")
	assertEqual(t, in.location, "/admin/password", "after sign-in")
	assertEqual(t, member.get("/admin/staff").location, "/admin/password", "staff page before changing")
	// Every page but this one leads back here: no menu, only Sign out
	// (on the form's answer too).
	for _, p := range []page{member.get("/admin/password"), member.post("/admin/password", url.Values{"current": {password}, "new": {"short"}, "confirm": {"short"}})} {
		forced := html(t, p.body)
		assertEqual(t, forced.Find(`[data-testid="must-change"]`).Length(), 1, "must change")
		assertEqual(t, forced.Find(`header nav, header a[href^="/admin/"]`).Length(), 0, "menu while the password must change")
		assertEqual(t, forced.Find(`[data-testid="staff-signout"]`).Length(), 1, "sign out while the password must change")
	}
	changed := member.post("/admin/password", url.Values{"current": {password}, "new": {"the member's own password"}, "confirm": {"the member's own password"}})
	noticed(t, changed, "/admin") // after change
	staffList := member.get("/admin/staff")
	assertEqual(t, staffList.status, http.StatusOK, "staff page after changing")
	menu := html(t, staffList.body)
	assertEqual(t, menu.Find(`header nav a`).Length(), 6, "menu after changing")
	assertEqual(t, menu.Find(`[data-testid="nav-password"]`).Length(), 1, "Password after changing")

	rows := html(t, admin.get("/admin/staff").body).Find(fmt.Sprintf(`[data-testid="staff-row"][data-staff-id="%d"]`, id))
	assertEqual(t, strings.TrimSpace(rows.Find(`[data-testid="staff-added-by"]`).Text()), staffEmail, "added by, listed")
	if strings.TrimSpace(rows.Find(`[data-testid="staff-last-signin"]`).Text()) == "—" {
		t.Error("the member's sign-in is not listed")
	}
	if strings.Contains(logs.String(), password) {
		t.Fatalf("the one-time password is in the log:\n%s", logs.String())
	}
}

// A blank, malformed or taken email (in any case, or a removed
// account's) shows the form again with what is wrong, and adds nothing.
func TestStaffAddRefusesBadAndTakenEmails(t *testing.T) {
	ta := newAdminApp(t)
	admin := ta.client(t)
	admin.staffSignIn()
	gone := "gone@shop.example"
	admin.addStaff(gone)
	removed := admin.confirm(fmt.Sprintf("/admin/staff/%d/remove", ta.staffID(t, gone)), nil)
	noticed(t, removed, "/admin/staff") // remove
	before := ta.count(t, "SELECT COUNT(*) FROM staff")
	events := ta.count(t, "SELECT COUNT(*) FROM events")

	for _, c := range []struct{ email, want string }{
		{"", "Enter the new staff member's email."},
		{"   ", "Enter the new staff member's email."},
		{"not an email", "Enter an email address such as name@example.com."},
		{"someone@localhost.", "Enter an email address such as name@example.com."},
		{"someone@shop", "Enter an email address such as name@example.com."},
		{"@localhost", "Enter an email address such as name@example.com."},
		{"Ann <ann@shop.example>", "Enter an email address such as name@example.com."},
		{strings.Repeat("a", 250) + "@x.example", "Too long: an email address has at most 254 characters."},
		{strings.Repeat("a", 250) + "@localhost", "Too long: an email address has at most 254 characters."},
		{"ann\u200b@shop.example", "Plain text only, please"},
		{"ann\n@shop.example", "One line of text, please: its line breaks are spaces in the field now — check it and send again."},
		{strings.ToUpper(staffEmail), staffEmail + " already has a staff account. If you have just added it and saw no one-time password, give it a New one-time password in the list below."},
	} {
		p := admin.post("/admin/staff", url.Values{"email": {c.email}})
		assertEqual(t, p.status, http.StatusUnprocessableEntity, fmt.Sprintf("%q", c.email))
		d := html(t, p.body)
		if got := d.Find(`[data-testid="email-error"]`).Text(); !strings.Contains(got, c.want) {
			t.Errorf("%q: error %q, want %q", c.email, got, c.want)
		}
		assertEqual(t, d.Find(`[data-testid="one-time-password"]`).Length(), 0, fmt.Sprintf("%q: password shown", c.email))
		// Kept as typed, each line break a space (as the error says).
		assertEqual(t, d.Find("#email").AttrOr("value", "?"), strings.ReplaceAll(strings.TrimSpace(c.email), "\n", " "), fmt.Sprintf("%q kept", c.email))
	}
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM staff"), before, "staff accounts")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events"), events, "timeline lines")
}

// Removing a staff member (confirmed first) ends their sessions at their
// next request on every app instance, and they cannot sign in again.
func TestStaffRemoveEndsSessions(t *testing.T) {
	ta := newAdminApp(t)
	admin := ta.client(t)
	admin.staffSignIn()
	const email, own = "leaver@shop.example", "leaver's own password"
	password := admin.addStaff(email)
	id := ta.staffID(t, email)

	// Another instance: the same database and session store, a service
	// of its own.
	other := &testApp{App: &App{Log: ta.Log, DB: ta.DB, Sessions: ta.Sessions, Now: ta.Now, Gateway: ta.Gateway,
		Checkout: checkout.NewService(checkout.Deps{DB: ta.DB, Log: ta.Log, Now: ta.Now, Options: checkout.Options{PasswordCost: bcrypt.MinCost}})}}
	here, there := ta.client(t), other.client(t)
	here.post("/admin/signin", url.Values{"email": {email}, "password": {password}})
	here.post("/admin/password", url.Values{"current": {password}, "new": {own}, "confirm": {own}})
	assertEqual(t, here.get("/admin").status, http.StatusOK, "the member, here")
	in := there.post("/admin/signin", url.Values{"email": {email}, "password": {own}})
	assertEqual(t, in.location, "/admin", "the member signs in on the other instance")
	assertEqual(t, there.get("/admin").status, http.StatusOK, "the member, there")

	path := fmt.Sprintf("/admin/staff/%d/remove", id)
	confirm := admin.ask(path, nil)
	assertEqual(t, confirm.status, http.StatusOK, "confirm page")
	assertContains(t, confirm.body, `data-testid="confirm"`, "Remove "+email+"?")
	assertEqual(t, there.get("/admin").status, http.StatusOK, "still signed in before the confirmation")

	tab := confirmForm(t, confirm.body) // shown in two tabs
	done := admin.post(path, tab)
	assertEqual(t, done.status, http.StatusSeeOther, "remove")
	list := admin.get(noticed(t, done, "/admin/staff")) // back to the staff page
	assertContains(t, list.body, "Removed "+email+": signed out everywhere")
	d := html(t, list.body)
	noticeOnTop(t, d, "flash")
	assertEqual(t, d.Find(fmt.Sprintf(`[data-testid="staff-row"][data-staff-id="%d"]`, id)).Length(), 0, "no longer active")
	assertEqual(t, d.Find(fmt.Sprintf(`[data-testid="staff-removed-row"][data-staff-id="%d"]`, id)).Length(), 1, "listed as removed")
	assertContains(t, d.Find(`[data-testid="staff-removed"]`).Text(), staffEmail)
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events WHERE subject = ? AND actor = ? AND detail = ?",
		fmt.Sprintf("staff:%d", id), staffEmail, "removed staff account "+email), 1, "audit line")

	staffBefore := ta.count(t, "SELECT COUNT(*) FROM staff")
	for name, b := range map[string]*browserClient{"here": here, "there": there} {
		assertEqual(t, b.get("/admin").location, "/admin/signin", name+": page after removal")
		p := b.post("/admin/staff", url.Values{"email": {"friend@shop.example"}})
		if p.status != http.StatusSeeOther || !strings.HasPrefix(p.location, "/admin/signin") {
			t.Errorf("%s: add after removal: %d %q", name, p.status, p.location)
		}
	}
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM staff"), staffBefore, "nothing added by the removed member")
	// The sign-in page they land on says why, once, to them only.
	const why = "Your staff account was removed, so you were signed out."
	for name, b := range map[string]*browserClient{"here": here, "there": there} {
		assertContains(t, textOf(t, html(t, b.get("/admin/signin?next=%2Fadmin%2Fstaff").body), "note"), why)
		if p := b.get("/admin/signin"); strings.Contains(p.body, why) {
			t.Errorf("%s: said again", name)
		}
	}
	if p := ta.client(t).get("/admin/signin"); strings.Contains(p.body, why) {
		t.Error("said without the removed member's session")
	}
	again := ta.client(t).post("/admin/signin", url.Values{"email": {email}, "password": {own}})
	assertEqual(t, again.status, http.StatusUnprocessableEntity, "sign-in of a removed member")
	assertContains(t, again.body, "Wrong email or password.")

	twice := admin.post(path, tab) // a second tab's confirmation
	assertContains(t, admin.get(noticed(t, twice, "/admin/staff")).body, email+" was already removed, by "+staffEmail+".")
}

// Staff cannot remove their own account (the last one's owner so never
// can); the refusal says so and changes nothing. An unknown account is
// 404.
func TestStaffCannotRemoveOwnAccount(t *testing.T) {
	ta := newAdminApp(t)
	admin := ta.client(t)
	admin.staffSignIn()
	own := fmt.Sprintf("/admin/staff/%d/remove", ta.staffID(t, staffEmail))
	for _, form := range []url.Values{nil, shownBefore(t, ta, admin, own, nil)} {
		p := admin.post(own, form)
		assertContains(t, admin.get(noticed(t, p, "/admin/staff")).body, "You cannot remove your own account")
	}
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM staff WHERE removed_at = ''"), 1, "active accounts")
	assertEqual(t, admin.get("/admin").status, http.StatusOK, "still signed in")
	assertEqual(t, html(t, admin.get("/admin/staff").body).Find(`[data-testid^="staff-remove-"]`).Length(), 0, "no Remove on one's own row")
	assertEqual(t, admin.post("/admin/staff/999999/remove", shownBefore(t, ta, admin, "/admin/staff/999999/remove", nil)).status, http.StatusNotFound, "unknown account")
}

// A removal by a staff member whose own account was removed a moment
// before (two staff removing each other at once) is refused: the last
// account always stays.
func TestStaffRemovalByARemovedMemberIsRefused(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	admin, err := ta.Checkout.StaffByID(ctx, ta.staffID(t, staffEmail))
	if err != nil {
		t.Fatal(err)
	}
	added, err := ta.Checkout.AddStaff(ctx, admin, "other@shop.example")
	if err != nil {
		t.Fatal(err)
	}
	otherStaff := checkout.Staff{ID: added.ID, Email: added.Email}
	if _, err := ta.Checkout.RemoveStaff(ctx, admin, added.ID); err != nil {
		t.Fatal(err)
	}
	_, err = ta.Checkout.RemoveStaff(ctx, otherStaff, admin.ID) // its request began before its removal
	if r, ok := checkout.Refused(err); !ok || !strings.Contains(r.Message, "Your staff account was removed") {
		t.Fatalf("removal by a removed member: %v", err)
	}
	_, err = ta.Checkout.AddStaff(ctx, otherStaff, "third@shop.example")
	if _, ok := checkout.Refused(err); !ok {
		t.Fatalf("adding by a removed member: %v", err)
	}
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM staff WHERE removed_at = ''"), 1, "active accounts")
	if _, err := ta.DB.StaffByID(ctx, admin.ID); err != nil {
		t.Fatalf("the last account: %v", err)
	}
	_, err = ta.DB.StaffByEmail(ctx, "third@shop.example")
	assertEqual(t, err, db.ErrNotFound, "nothing added")
}

// noticeOnTop asserts that the notice testid is where every admin page
// shows its notices: at the top of the page, above its heading.
func noticeOnTop(t *testing.T, d *goquery.Document, testid string) {
	t.Helper()
	n, h := d.Find(`main > [data-testid="`+testid+`"]`), d.Find("main > h1")
	if n.Length() != 1 || h.Length() != 1 || n.Index() > h.Index() {
		t.Errorf("notice %s: not at the top of the page, above its heading (%d notices, %d headings)", testid, n.Length(), h.Length())
	}
}

// A staff email may be at localhost, as the first account is when
// PUBLIC_URL's host is localhost (admin@localhost, app.FirstStaffEmail):
// its colleagues are added the same way, and sign in.
func TestStaffAddTakesLocalhost(t *testing.T) {
	ta := newAdminApp(t)
	admin := ta.client(t)
	admin.staffSignIn()
	password := admin.addStaff("Clerk@Localhost")
	in := ta.client(t).post("/admin/signin", url.Values{"email": {"clerk@localhost"}, "password": {password}})
	assertEqual(t, in.location, "/admin/password", "the clerk signs in with the one-time password")
}

// A one-time password whose page was never opened (the add's redirect
// not followed) is dropped at sign-out: whoever signs in next in that
// browser, even at that page's address, never sees it.
func TestStaffPasswordUnshownDroppedAtSignOut(t *testing.T) {
	ta := newAdminApp(t)
	admin := ta.client(t)
	admin.staffSignIn()
	added := admin.post("/admin/staff", url.Values{"email": {"unseen@shop.example"}})
	at := noticed(t, added, "/admin/staff")
	noticed(t, admin.post("/admin/signout", nil), "/admin/signin")
	admin.staffSignIn()
	assertEqual(t, html(t, admin.get(at).body).Find(`[data-testid="one-time-password"]`).Length(), 0, "password after a sign-out")
}
