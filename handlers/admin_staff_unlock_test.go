package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/checkout"
)

// A member locked out by failed sign-ins, given a new one-time password
// by a colleague, signs in with it at once from where they were locked
// out; the confirmation and the answer say so. Every other lockout
// stands: another member's from the same address, a buyer's.
func TestStaffReissueLiftsTheMembersLockout(t *testing.T) {
	ta := newAdminApp(t)
	admin := ta.client(t)
	admin.staffSignIn()
	const email, other = "locked@shop.example", "neighbour@shop.example"
	admin.addStaff(email)
	admin.addStaff(other)
	id := ta.staffID(t, email)

	member, neighbour := ta.client(t), ta.client(t) // one address (the tests' 127.0.0.1)
	for i := 0; i < checkout.SigninMaxFailures; i++ {
		member.post("/admin/signin", url.Values{"email": {email}, "password": {"what was it again"}})
		neighbour.post("/admin/signin", url.Values{"email": {other}, "password": {"not this either"}})
	}
	buyer := ta.client(t)
	buyer.signUp("shopper@example.com")
	buyer.post("/signout", nil)
	for i := 0; i < checkout.BuyerSigninPerEmail; i++ {
		buyer.post("/signin", url.Values{"email": {"shopper@example.com"}, "password": {"wrong password!"}})
	}
	assertEqual(t, member.post("/admin/signin", url.Values{"email": {email}, "password": {"x"}}).status, http.StatusTooManyRequests, "the member, locked out")

	path := fmt.Sprintf("/admin/staff/%d/reissue", id)
	confirm := admin.ask(path, nil)
	assertContains(t, textOf(t, html(t, confirm.body), "confirm"), "Their failed sign-ins are cleared, so a lockout after too many does not stop the new password.")
	done := admin.confirm(path, url.Values{"epoch": {html(t, confirm.body).Find(`input[name="epoch"]`).AttrOr("value", "")}})
	d := html(t, admin.get(noticed(t, done, "/admin/staff")).body) // reissue
	assertContains(t, textOf(t, d, "staff-unlocked"), "They had been locked out after too many failed sign-ins: that lock is lifted")
	password := strings.TrimSpace(d.Find(`[data-testid="one-time-password"]`).Text())
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events WHERE subject = ? AND detail = ?", fmt.Sprintf("staff:%d", id),
		"issued a new one-time password for "+email+"; their sign-in lockout (too many failed sign-ins) was lifted"), 1, "audit line")

	in := member.post("/admin/signin", url.Values{"email": {email}, "password": {password}})
	assertEqual(t, in.location, "/admin/password", "the member signs in with the new password, from the same address")

	assertEqual(t, neighbour.post("/admin/signin", url.Values{"email": {other}, "password": {"x"}}).status,
		http.StatusTooManyRequests, "another member's lockout, same address")
	assertEqual(t, buyer.post("/signin", url.Values{"email": {"shopper@example.com"}, "password": {"correct horse battery"}}).status,
		http.StatusTooManyRequests, "a buyer's lockout")

	// With no lockout, the answer says that no lockout stops the
	// password, and the timeline says nothing of one.
	again := admin.ask(path, nil)
	done = admin.confirm(path, url.Values{"epoch": {html(t, again.body).Find(`input[name="epoch"]`).AttrOr("value", "")}})
	assertContains(t, textOf(t, html(t, admin.get(noticed(t, done, "/admin/staff")).body), "staff-unlocked"), "Their failed sign-ins, if any, were cleared")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM events WHERE subject = ? AND detail = ?", fmt.Sprintf("staff:%d", id),
		"issued a new one-time password for "+email), 1, "audit line without a lockout")
}
