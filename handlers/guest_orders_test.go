package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
)

// guestKeyOf is the guest key the browser's session holds ("" if none),
// read from the session store.
func (ta *testApp) guestKeyOf(t *testing.T, b *browserClient) string {
	t.Helper()
	ctx, err := ta.Sessions.Load(context.Background(), b.sessionCookie())
	if err != nil {
		t.Fatal(err)
	}
	return ta.Sessions.GetString(ctx, sessionGuestKey)
}

// sessionOf is what the browser's session holds, read from the store.
func (ta *testApp) sessionOf(t *testing.T, b *browserClient) map[string]any {
	t.Helper()
	ctx, err := ta.Sessions.Load(context.Background(), b.sessionCookie())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]any{}
	for _, k := range ta.Sessions.Keys(ctx) {
		out[k] = ta.Sessions.Get(ctx, k)
	}
	return out
}

// orderSetsCookie orders as b, returning the ref and whether the response
// set a session cookie.
func (b *browserClient) orderSetsCookie(slug string) (string, bool) {
	b.t.Helper()
	resp, err := b.http.PostForm(b.base+"/orders", url.Values{"product": {slug}, "quantity": {"1"}})
	if err != nil {
		b.t.Fatal(err)
	}
	p := read(b.t, resp)
	if p.status != http.StatusSeeOther || !strings.HasPrefix(p.location, "/checkout/") {
		b.t.Fatalf("order %s: %d %q", slug, p.status, p.location)
	}
	set := false
	for _, c := range resp.Cookies() {
		set = set || c.Name == "session"
	}
	return strings.TrimPrefix(p.location, "/checkout/"), set
}

// A guest's orders are all theirs however many they make: the first stays
// on its checkout page, its result page and My orders after the 21st.
// Only the first order writes the session (its guest key); the others
// leave it as it is and set no cookie. The key is on no page and in no
// address.
func TestGuestKeepsEveryOrder(t *testing.T) {
	ta := newTestApp(t)
	guest := ta.client(t)
	first, set := guest.orderSetsCookie("coffee")
	if !set {
		t.Fatal("the first order set no session cookie")
	}
	key := ta.guestKeyOf(t, guest)
	if len(key) != 32 || strings.Trim(key, "0123456789abcdef") != "" {
		t.Fatalf("the guest key is not 128 bits in hex: %d characters", len(key))
	}
	var last string
	for i := range 21 {
		ta.now = ta.now.Add(time.Minute) // a shopper's pace: within checkout.OrdersPerVisitor
		ref, set := guest.orderSetsCookie("mug")
		if set {
			t.Fatalf("order %d set the session cookie again", i+2)
		}
		if strings.Contains(ref, key) {
			t.Fatal("the guest key is in an order's address")
		}
		last = ref
	}
	assertEqual(t, ta.guestKeyOf(t, guest), key, "the guest key after 22 orders")
	for _, path := range []string{"/checkout/" + first, "/orders/" + first, "/checkout/" + last} {
		p := guest.get(path)
		assertEqual(t, p.status, http.StatusOK, path)
		if strings.Contains(p.body, key) {
			t.Fatalf("%s shows the guest key", path)
		}
	}
	p := guest.get("/orders")
	states, refs := orderRows(t, p.body)
	assertEqual(t, len(refs), 22, "orders listed")
	assertEqual(t, states[first], "unpaid", "the first order in My orders")
	if strings.Contains(p.body, key) {
		t.Fatal("My orders shows the guest key")
	}
}

// A guest order is this browser's only: another guest, and a buyer signed
// in in another browser, are told there is no such order.
func TestGuestOrderIsNoOtherBrowsers(t *testing.T) {
	ta := newTestApp(t)
	guest := ta.client(t)
	ref := guest.buy("coffee", "1")
	other := ta.client(t)
	other.buy("mug", "1") // a guest key of its own
	buyer := ta.client(t)
	buyer.signUp("elsewhere@example.com")
	buyer.buy("teapot", "1")
	for name, b := range map[string]*browserClient{"another guest": other, "a buyer elsewhere": buyer} {
		for _, path := range []string{"/checkout/" + ref, "/orders/" + ref} {
			assertNotShown(t, b, path, name)
		}
		states, _ := orderRows(t, b.get("/orders").body)
		if _, ok := states[ref]; ok {
			t.Fatalf("%s lists another browser's guest order", name)
		}
	}
	assertEqual(t, ta.order(t, ref).BuyerID, int64(0), "the guest order's buyer")
}

// A session from before guest keys held its guest orders' refs: on first
// sight it gets a key, which those orders (and no other) get too, and
// the list is gone; the browser still sees them, and signing up claims
// them.
func TestSessionFromBeforeGuestKeysKeepsItsOrders(t *testing.T) {
	ta := newTestApp(t)
	ctx := context.Background()
	legacy := func(ref string) {
		t.Helper()
		if _, err := ta.DB.InsertOrder(ctx, db.Order{Ref: ref, ProductID: 1, Quantity: 1, Currency: "USD", Amount: 1850,
			Status: db.OrderOpen, CreatedAt: ta.now}); err != nil {
			t.Fatal(err)
		}
	}
	legacy("ORD-OLD-1")
	legacy("ORD-OLD-2")
	legacy("ORD-OLD-ELSE") // another old session's
	sctx, err := ta.Sessions.Load(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	ta.Sessions.Put(sctx, sessionGuestOrders, []string{"ORD-OLD-1", "ORD-OLD-2"})
	token, _, err := ta.Sessions.Commit(sctx)
	if err != nil {
		t.Fatal(err)
	}
	guest := ta.client(t)
	u, _ := url.Parse(guest.base)
	guest.http.Jar.SetCookies(u, []*http.Cookie{{Name: "session", Value: token}})

	states, _ := orderRows(t, guest.get("/orders").body)
	assertEqual(t, len(states), 2, "orders listed after the upgrade")
	assertEqual(t, states["ORD-OLD-1"], "unpaid", "an old guest order")
	s := ta.sessionOf(t, guest)
	if _, ok := s[sessionGuestOrders]; ok {
		t.Fatal("the session still holds its list of refs")
	}
	key, _ := s[sessionGuestKey].(string)
	if key == "" {
		t.Fatal("the session was given no guest key")
	}
	got, err := ta.DB.OrderByRef(ctx, "ORD-OLD-2")
	if err != nil {
		t.Fatal(err)
	}
	assertEqual(t, got.GuestKey, key, "an old order's guest key")
	assertEqual(t, ta.order(t, "ORD-OLD-ELSE").GuestKey == "", true, "another session's old order left alone")
	for _, path := range []string{"/checkout/ORD-OLD-1", "/orders/ORD-OLD-2"} {
		assertEqual(t, guest.get(path).status, http.StatusOK, path)
	}
	assertNotShown(t, guest, "/orders/ORD-OLD-ELSE", "another session's old order")

	guest.signUp("old@example.com")
	buyer := ta.buyerID(t, "old@example.com")
	assertEqual(t, ta.order(t, "ORD-OLD-1").BuyerID, buyer, "an old order claimed at sign-up")
	assertEqual(t, ta.order(t, "ORD-OLD-2").BuyerID, buyer, "the other claimed at sign-up")
	assertEqual(t, ta.order(t, "ORD-OLD-ELSE").BuyerID, int64(0), "another session's old order")
}

// assertNotShown: b is not shown the order page at path — a guest is sent
// to sign in (as for a ref that does not exist), a buyer told 404.
func assertNotShown(t *testing.T, b *browserClient, path, who string) {
	t.Helper()
	p := b.get(path)
	if p.status == http.StatusNotFound || (p.status == http.StatusSeeOther && p.location == "/signin?next="+url.QueryEscape(path)) {
		return
	}
	t.Fatalf("%s, GET %s: %d %q", who, path, p.status, p.location)
}
