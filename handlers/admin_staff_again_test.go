package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/checkout"
)

// A removed member's email is added again as a new account: a new id and
// a new one-time password, shown once, to be changed at the first
// sign-in. The removed account stays listed as removed, with its
// history; its sessions stay ended (they name the old id, on every
// instance) and its password signs in no more; sign-in by the email
// finds the new account only. A sign-in lockout of the email (failures
// against the old account) is lifted, and said so.
func TestStaffRemovedEmailAddedAgain(t *testing.T) {
	ta := newAdminApp(t)
	admin := ta.client(t)
	admin.staffSignIn()
	const email, own = "returner@shop.example", "returner's own password"
	first := admin.addStaff(email)
	old := ta.staffID(t, email)
	here, there := ta.client(t), ta.otherInstance().client(t)
	here.post("/admin/signin", url.Values{"email": {email}, "password": {first}})
	here.post("/admin/password", url.Values{"current": {first}, "new": {own}, "confirm": {own}})
	assertEqual(t, there.post("/admin/signin", url.Values{"email": {email}, "password": {own}}).location, "/admin", "signed in there")
	noticed(t, admin.confirm(fmt.Sprintf("/admin/staff/%d/remove", old), nil), "/admin/staff") // remove

	// Someone keeps trying the removed account's email from the address
	// the member signs in from: locked out.
	guesser := ta.client(t)
	for i := 0; i < checkout.SigninMaxFailures; i++ {
		guesser.post("/admin/signin", url.Values{"email": {email}, "password": {own}})
	}
	assertEqual(t, guesser.post("/admin/signin", url.Values{"email": {email}, "password": {own}}).status,
		http.StatusTooManyRequests, "the email locked out")

	p := admin.post("/admin/staff", url.Values{"email": {"  Returner@Shop.example "}})
	d := html(t, admin.get(noticed(t, p, "/admin/staff")).body) // added again
	password := strings.TrimSpace(d.Find(`[data-testid="one-time-password"]`).Text())
	if len(password) < checkout.MinStaffPassword || password == first {
		t.Fatalf("one-time password %q (the first %q)", password, first)
	}
	assertContains(t, textOf(t, d, "staff-added"), "This email had a staff account that was removed. This is a new account",
		"Failed sign-ins with this email had locked it out: that lock is lifted")
	again := ta.staffID(t, email)
	if again == old {
		t.Fatalf("the account added again kept the removed one's id %d", old)
	}
	list := html(t, admin.get("/admin/staff").body)
	active := list.Find(fmt.Sprintf(`[data-testid="staff-row"][data-staff-id="%d"]`, again))
	assertEqual(t, active.Length(), 1, "the new account, active")
	assertContains(t, active.Find(`[data-testid="staff-row-again"]`).Text(), "added again: an earlier account of this email was removed")
	assertEqual(t, active.Find(`[data-testid="staff-added-by"]`).Text(), staffEmail, "added by")
	removed := list.Find(fmt.Sprintf(`[data-testid="staff-removed-row"][data-staff-id="%d"]`, old))
	assertEqual(t, removed.Length(), 1, "the removed account, still listed as removed")
	assertContains(t, removed.Text(), staffEmail, "this email was added again, as a new account")
	assertEqual(t, list.Find(fmt.Sprintf(`[data-testid="staff-row"][data-staff-id="%d"]`, old)).Length(), 0, "the removed one active")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events WHERE subject = ? AND actor = ? AND detail LIKE ?",
		fmt.Sprintf("staff:%d", again), staffEmail, "added staff account "+email+" again (a new account%"), 1, "audit line")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events WHERE subject = ?", fmt.Sprintf("staff:%d", old)) > 0, true, "the removed account's history kept")

	// The removed account's sessions stay ended: they are not the new
	// member's, here or on the other instance.
	for name, b := range map[string]*browserClient{"here": here, "there": there} {
		assertEqual(t, b.get("/admin").location, "/admin/signin", name+": the removed account's session")
		assertEqual(t, b.get("/admin/password").location, "/admin/signin?next=%2Fadmin%2Fpassword", name+": its password page")
	}
	assertEqual(t, ta.client(t).post("/admin/signin", url.Values{"email": {email}, "password": {own}}).status,
		http.StatusUnprocessableEntity, "the removed account's password")
	member := ta.client(t) // from the address that was locked out
	assertEqual(t, member.post("/admin/signin", url.Values{"email": {email}, "password": {password}}).location,
		"/admin/password", "the new account signs in, and must choose its own password first")
	noticed(t, member.post("/admin/password", url.Values{"current": {password}, "new": {"returner's next password"},
		"confirm": {"returner's next password"}}), "/admin") // own password chosen
	assertContains(t, member.get("/admin").body, `data-testid="staff-email">`+wholeEmail(email))

	// Reload of the answer sends the form again: refused, the email is
	// an active account's, and no password is shown.
	dup := admin.post("/admin/staff", url.Values{"email": {email}})
	assertEqual(t, dup.status, http.StatusUnprocessableEntity, "added a third time while active")
	assertContains(t, textOf(t, html(t, dup.body), "email-error"), email+" already has a staff account.")
	assertEqual(t, html(t, dup.body).Find(`[data-testid="one-time-password"]`).Length(), 0, "password shown")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM staff WHERE email = ?", email), 2, "accounts of the email")
}
