package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"testing"
	"time"
)

// removeSessionKey removes key from b's session as stored, as a session
// stored before key existed would be.
func removeSessionKey(t *testing.T, ta *testApp, b *browserClient, key string) {
	t.Helper()
	base, _ := url.Parse(b.base)
	for _, c := range b.http.Jar.Cookies(base) {
		if c.Name == ta.Sessions.Cookie.Name {
			ctx, err := ta.Sessions.Load(context.Background(), c.Value)
			if err != nil {
				t.Fatal(err)
			}
			ta.Sessions.Remove(ctx, key)
			if _, _, err := ta.Sessions.Commit(ctx); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatal("no session cookie")
}

// A staff session signed in before sign-in ids existed (no
// sessionStaffSignIn) is given one by its first lookup, whose answer is
// then shown at its address, not "Antom was not asked"; its asked-at
// time is the app's clock.
func TestRefundLookupKeptForSessionWithoutSignInID(t *testing.T) {
	ta, f, b, id := lookupFixture(t)
	removeSessionKey(t, ta, b, sessionStaffSignIn)
	if got := sessionString(t, ta, b, sessionStaffSignIn); got != "" {
		t.Fatalf("sign-in id still stored: %q", got)
	}
	posted := b.post("/admin/refunds/lookup", url.Values{"id": {id}})
	assertEqual(t, posted.status, 303, "the lookup posted")
	assertEqual(t, f.count("inquiryRefund"), 1, "refund lookups sent")
	if sessionString(t, ta, b, sessionStaffSignIn) == "" {
		t.Fatal("no sign-in id given")
	}
	d := html(t, b.get(posted.location).body)
	assertEqual(t, testid(d, "lookup-not-found").Length(), 1, "the kept answer shown")
	assertEqual(t, testid(d, "lookup-not-kept").Length(), 0, "said not asked")
	k, ok := keptOf(t, ta, b, id)
	if !ok {
		t.Fatal("no answer kept")
	}
	assertEqual(t, k.AskedAt.Equal(ta.Now()), true, "asked at the app's clock")
}

// keptOf is the answer kept for id in b's session as stored now.
func keptOf(t *testing.T, ta *testApp, b *browserClient, id string) (keptLookup, bool) {
	t.Helper()
	var k keptLookup
	if json.Unmarshal([]byte(sessionString(t, ta, b, sessionStaffLookupPrefix+id)), &k) != nil || k.ID != id {
		return keptLookup{}, false
	}
	return k, true
}

// Each lookup's answer is kept under its own session key
// (sessionStaffLookupPrefix+id), so that two lookups at once in two tabs
// of one session, whose commits are merged key by key (app's
// mergeSessions: keys each added are both kept), both keep theirs; only
// the 8 newest are kept, and signing out removes them all.
func TestRefundLookupsKeptOneKeyEach(t *testing.T) {
	ta, _, b, id := lookupFixture(t)
	ids := []string{id}
	for i := range maxKeptLookups + 1 {
		ids = append(ids, fmt.Sprintf("NOT-OURS-%d", i))
	}
	for _, x := range ids {
		ta.now = ta.now.Add(time.Second)
		assertEqual(t, b.post("/admin/refunds/lookup", url.Values{"id": {x}}).status, 303, x+": posted")
	}
	for i, x := range ids {
		_, kept := keptOf(t, ta, b, x)
		assertEqual(t, kept, i > 1, x+": kept under its own key")
	}
	assertEqual(t, sessionString(t, ta, b, sessionStaffLookups), "", "the one list")
	assertEqual(t, b.post("/admin/signout", nil).status, 303, "sign out")
	for _, x := range ids {
		_, kept := keptOf(t, ta, b, x)
		assertEqual(t, kept, false, x+": kept after signing out")
	}
}

// The buyer's sign-out in the same browser leaves the staff signed in
// with the refund lookups' answers kept for them, still shown.
func TestBuyerSignOutKeepsStaffLookups(t *testing.T) {
	_, f, b, id := lookupFixture(t)
	buyerSignIn(t, b, "looked.up@example.com")
	posted := b.post("/admin/refunds/lookup", url.Values{"id": {id}})
	assertEqual(t, posted.status, 303, "the lookup posted")
	assertEqual(t, b.post("/signout", nil).status, 303, "the buyer signs out")
	d := html(t, b.get(posted.location).body)
	assertEqual(t, testid(d, "lookup-not-found").Length(), 1, "the kept answer shown")
	assertEqual(t, testid(d, "lookup-not-kept").Length(), 0, "said not asked")
	assertEqual(t, f.count("inquiryRefund"), 1, "refund lookups sent")
}
