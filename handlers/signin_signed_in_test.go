package handlers

import (
	"net/http"
	"net/url"
	"testing"
)

// A signed-in buyer who opens the sign-in or sign-up page is told they
// are signed in, as whom, with their orders, their wallets and signing
// out at hand, and what the form below does to this sign-in — in the
// page's language. The form still signs in as someone else (or creates
// another account, signed in to at once); a guest's pages say nothing
// of the kind.
func TestSignedInBuyerIsToldOnSignInPages(t *testing.T) {
	ta := newTestApp(t)
	guest := ta.client(t)
	for _, path := range []string{"/signin", "/signup"} {
		assertEqual(t, testid(html(t, guest.get(path).body), "signed-in").Length(), 0, "a guest's "+path)
	}

	b := ta.client(t)
	b.signUp("first@example.com")
	ta.client(t).signUp("second@example.com")
	for _, tt := range []struct{ path, other string }{
		{"/signin", "Signing in below with another account signs you out of this one."},
		{"/signup", "Creating an account below signs you out of this one and in to the new one."},
	} {
		p := b.get(tt.path)
		assertEqual(t, p.status, http.StatusOK, tt.path)
		d := html(t, p.body)
		assertEqual(t, textOf(t, d, "signed-in-words"), "You are signed in as first@example.com.", tt.path+": as whom")
		assertEqual(t, testid(d, "signed-in-orders").AttrOr("href", ""), "/orders", tt.path+": to their orders")
		assertEqual(t, testid(d, "signed-in-wallets").AttrOr("href", ""), "/wallets", tt.path+": to their wallets")
		assertEqual(t, testid(d, "signed-in-signout").Closest("form").AttrOr("action", ""), "/signout", tt.path+": signing out")
		assertEqual(t, textOf(t, d, "signed-in-other"), tt.other, tt.path+": what the form does")
		assertEqual(t, testid(d, tt.path[1:]+"-form").Length(), 1, tt.path+": the form")
	}

	b.post("/lang", url.Values{"lang": {"th"}, "next": {"/signin"}})
	assertEqual(t, textOf(t, html(t, b.get("/signin").body), "signed-in-words"), "คุณเข้าสู่ระบบในชื่อ first@example.com อยู่แล้ว", "in Thai")
	b.post("/lang", url.Values{"lang": {"en"}, "next": {"/signin"}})

	// Signing in as someone else from there.
	in := b.post("/signin", url.Values{"email": {"second@example.com"}, "password": {"correct horse battery"}, "next": {"/wallets"}})
	assertEqual(t, in.location, "/wallets", "signed in as someone else")
	assertEqual(t, textOf(t, html(t, b.get("/signin").body), "signed-in-words"), "You are signed in as second@example.com.", "the sign-in page after")

	// Signing out from there.
	b.post("/signout", nil)
	assertEqual(t, testid(html(t, b.get("/signin").body), "signed-in").Length(), 0, "signed out")
}

// A signed-in buyer sent to sign in on the way to one of their orders
// (/signin?next=/orders/<ref>, an old link or tab) is not asked to sign
// in to see it: the page drops that reason and the signed-in box leads
// on to the order, first; to another page of ours, back to where they
// were; to the pages it offers anyway (My orders, My wallets, the
// default), nothing more. A guest is still told why to sign in.
func TestSignedInBuyerIsLedOnToNext(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("onward@example.com")
	ref := b.buy("coffee", "1")
	order := "/orders/" + ref

	guest := html(t, ta.client(t).get("/signin?next="+url.QueryEscape(order)).body)
	assertEqual(t, textOf(t, guest, "signin-lead"), "Sign in to see this order.", "a guest's reason to sign in")
	assertEqual(t, testid(guest, "signed-in-onward").Length(), 0, "a guest's way on")

	for _, tt := range []struct{ page, next, words string }{
		{"/signin", order, "See this order"},
		{"/signup", order, "See this order"},
		{"/signin", "/checkout/" + ref, "See this order"},
		{"/signin", "/wallets/link/7", "Back to where you were"},
		{"/signin", "/wallets", ""},
		{"/signin", "/orders", ""},
		{"/signin", "", ""},
	} {
		what := tt.page + "?next=" + tt.next
		d := html(t, b.get(tt.page+"?next="+url.QueryEscape(tt.next)).body)
		assertEqual(t, testid(d, "signin-lead").Length(), 0, what+": a reason to sign in")
		onward := testid(d, "signed-in-onward")
		assertEqual(t, onward.Text(), tt.words, what+": the way on")
		if tt.words != "" {
			assertEqual(t, onward.AttrOr("href", ""), tt.next, what+": where it leads")
			assertEqual(t, onward.Closest(".actions").Children().First().AttrOr("data-testid", ""), "signed-in-onward", what+": the way on first")
		}
	}

	b.post("/lang", url.Values{"lang": {"ko"}, "next": {"/signin"}})
	d := html(t, b.get("/signin?next="+url.QueryEscape(order)).body)
	assertEqual(t, textOf(t, d, "signed-in-onward"), "이 주문 보기", "in Korean")
}
