package handlers

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

// A staff session forced out — its account removed, given a new
// one-time password, or its password changed in another browser — drops
// the refund lookups' answers kept for its sign-in at the request that
// finds it ended (loadStaff), as signing out does: none stays in the
// session, with its sign-in id, for anyone who signs in on that browser
// next.
func TestForcedStaffSignOutDropsKeptLookups(t *testing.T) {
	const email, own, newer = "looker@shop.example", "looker's own password", "looker's newer password"
	for _, c := range []struct {
		name  string
		force func(t *testing.T, ta *testApp, admin *browserClient)
	}{
		{"removed", func(t *testing.T, ta *testApp, admin *browserClient) {
			noticed(t, admin.confirm(fmt.Sprintf("/admin/staff/%d/remove", ta.staffID(t, email)), nil), "/admin/staff")
		}},
		{"new one-time password", func(t *testing.T, ta *testApp, admin *browserClient) {
			id := ta.staffID(t, email)
			st, err := ta.Checkout.StaffByID(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			noticed(t, admin.confirm(fmt.Sprintf("/admin/staff/%d/reissue", id), url.Values{"epoch": {fmt.Sprint(st.SessionEpoch)}}), "/admin/staff")
		}},
		{"password changed in another browser", func(t *testing.T, ta *testApp, _ *browserClient) {
			other := ta.client(t)
			assertEqual(t, other.post("/admin/signin", url.Values{"email": {email}, "password": {own}}).status, http.StatusSeeOther, "signed in elsewhere")
			noticed(t, other.post("/admin/password", url.Values{"current": {own}, "new": {newer}, "confirm": {newer}}), "/admin")
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			ta, f, admin, id := lookupFixture(t)
			first := admin.addStaff(email)
			m := ta.client(t)
			m.post("/admin/signin", url.Values{"email": {email}, "password": {first}})
			m.post("/admin/password", url.Values{"current": {first}, "new": {own}, "confirm": {own}})
			posted := m.post("/admin/refunds/lookup", url.Values{"id": {id}})
			assertEqual(t, posted.status, http.StatusSeeOther, "the lookup posted")
			assertEqual(t, f.count("inquiryRefund"), 1, "refund lookups sent")
			if _, kept := keptOf(t, ta, m, id); !kept {
				t.Fatal("no answer kept before")
			}

			c.force(t, ta, admin)
			p := m.get(posted.location)
			assertEqual(t, p.status, http.StatusSeeOther, "the answer's address, signed out")
			if _, kept := keptOf(t, ta, m, id); kept {
				t.Fatal("the answer is still kept after the forced sign-out")
			}
			assertEqual(t, sessionString(t, ta, m, sessionStaffSignIn), "", "the sign-in id")
		})
	}
}
