package handlers

import (
	"context"
	"encoding/json"
	"net/url"
	"testing"
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
	var ks []keptLookup
	if err := json.Unmarshal([]byte(sessionString(t, ta, b, sessionStaffLookups)), &ks); err != nil {
		t.Fatal(err)
	}
	for _, k := range ks {
		if k.ID == id {
			return k, true
		}
	}
	return keptLookup{}, false
}
