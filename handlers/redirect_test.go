package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
)

// hostileNext are return addresses a browser would follow off-site.
var hostileNext = []string{
	"/\t/evil.example", "/\r\n/evil.example", "//evil.example", "/\\evil.example",
	"/%2f%2fevil.example", "https://evil.example", "javascript:alert(1)", "/／evil.example",
}

// GET /signin?next=/%09/evil.example, then signing in, stays on the site:
// neither the form nor the redirect carries the hostile address.
func TestSignInNextStaysOnSite(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("next@example.com")
	b.post("/signout", nil)
	for i, next := range hostileNext {
		form := b.get("/signin?next=" + url.QueryEscape(next))
		if !strings.Contains(form.body, `name="next" value="/wallets"`) {
			t.Errorf("sign-in form for next=%q does not fall back to /wallets", next)
		}
		if i >= 3 {
			continue // signing in is slow (bcrypt); the rule itself is TestSafeReturn's table
		}
		p := b.post("/signin", url.Values{"email": {"next@example.com"}, "password": {"correct horse battery"}, "next": {next}})
		assertEqual(t, p.status, http.StatusSeeOther, "sign in with next="+next)
		assertEqual(t, p.location, "/wallets", "redirect for next="+next)
		b.post("/signout", nil)
	}
}

// A return_to already stored with a link attempt (from before the rule, or
// written by anything else) is checked again before a page links to it.
func TestStoredReturnToIsCheckedAgain(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("stored@example.com")
	buyer, _ := ta.DB.BuyerByEmail(context.Background(), "stored@example.com")
	now := time.Now()
	for i, hostile := range hostileNext {
		id, err := ta.DB.InsertLinkAttempt(context.Background(), db.LinkAttempt{
			AuthState: "stored-" + string(rune('a'+i)), BuyerID: buyer.ID, Wallet: "GCASH", ReturnTo: hostile,
			Status: db.LinkPending, CreatedAt: now, ExpiresAt: now.Add(15 * time.Minute),
		})
		if err != nil {
			t.Fatal(err)
		}
		path := "/wallets/link/" + strconv.FormatInt(id, 10)
		p := b.get(path)
		assertEqual(t, p.status, http.StatusOK, "link page")
		if strings.Contains(p.body, "evil.example") || !strings.Contains(p.body, `data-return-to="`+path+`/continue"`) {
			t.Errorf("link page for return_to %q links off-site", hostile)
		}
		var s linkStatus
		if err := json.Unmarshal([]byte(b.get(path+"/status?seen=X").body), &s); err != nil {
			t.Fatal(err)
		}
		assertEqual(t, s.ReturnTo, path+"/continue", "status returnTo for "+hostile)
		assertEqual(t, b.get(path+"/continue").location, "/wallets", "where continue goes for "+hostile)
	}
}
