package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"antom-checkout/db"
)

// pollOf asks a page's long-poll, at the address the page gives
// (data-status-url on the element with testid), as the page's script
// does: with ?seen= after what the address holds.
func pollOf(t *testing.T, b *browserClient, pageBody, testID, seen string) page {
	t.Helper()
	addr := testid(html(t, pageBody), testID).AttrOr("data-status-url", "")
	if !strings.Contains(addr, "?lang=") {
		t.Fatalf("status address %q does not say the page's language", addr)
	}
	p := b.get(addr + "&seen=" + url.QueryEscape(seen))
	assertEqual(t, p.status, http.StatusOK, "poll of "+addr)
	return p
}

// A Scan to Link page in Chinese whose buyer has since switched to
// English in another tab gets its in-place update in Chinese: the poll
// speaks the page's language (?lang=), not the cookie's. Without a
// language we have, the cookie's stands.
func TestLinkPollSpeaksThePagesLanguage(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("pollzh@example.com")
	buyer, _ := ta.DB.BuyerByEmail(context.Background(), "pollzh@example.com")
	id := ta.linkAttempt(t, buyer.ID, "pollzh-state", "", "", "")
	linkPage := "/wallets/link/" + itoa(id)
	b.post("/lang", url.Values{"lang": {"zh-Hans"}, "next": {linkPage}})
	zh := b.get(linkPage)
	assertEqual(t, htmlLang(zh.body), "zh-Hans", "the page's language")
	zhHeadline := textOf(t, html(t, zh.body), "link-headline")

	b.post("/lang", url.Values{"lang": {"en"}, "next": {linkPage}})
	enHeadline := textOf(t, html(t, b.get(linkPage).body), "link-headline")
	if zhHeadline == enHeadline {
		t.Fatalf("the headline reads the same in both languages: %q", zhHeadline)
	}

	var s linkStatus
	p := pollOf(t, b, zh.body, "link", "SOMETHING_ELSE")
	if err := json.Unmarshal([]byte(p.body), &s); err != nil {
		t.Fatal(err)
	}
	assertEqual(t, s.Headline, zhHeadline, "the Chinese page's update after the switch to English")

	for _, q := range []string{"", "?lang=xx", "?lang=ZH-HANS"} {
		p = b.get(linkPage + "/status" + q + map[bool]string{true: "?", false: "&"}[q == ""] + "seen=SOMETHING_ELSE")
		s = linkStatus{}
		if err := json.Unmarshal([]byte(p.body), &s); err != nil {
			t.Fatal(err)
		}
		assertEqual(t, s.Headline, enHeadline, "the poll with "+q+": the cookie's language")
	}
}

// The same for the result page's long-poll: the card it renders again is
// in the page's language.
func TestOrderPollSpeaksThePagesLanguage(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	b.signUp("orderzh@example.com")
	ref := b.buy("coffee", "2")
	attempt := ta.openAttempt(t, ref, ta.insertWallet(t, ta.buyerID(t, "orderzh@example.com"), "0917****zh1"))
	ta.settle(t, ref, attempt, db.AttemptSuccess, "SUCCESS", "PAY-"+ref)

	b.post("/lang", url.Values{"lang": {"zh-Hans"}, "next": {"/orders/" + ref}})
	zh := b.get("/orders/" + ref)
	zhStatus := textOf(t, html(t, zh.body), "result-status")
	b.post("/lang", url.Values{"lang": {"en"}, "next": {"/orders/" + ref}})
	enStatus := textOf(t, html(t, b.get("/orders/"+ref).body), "result-status")
	if zhStatus == enStatus {
		t.Fatalf("the status reads the same in both languages: %q", zhStatus)
	}

	var st orderStatus
	p := pollOf(t, b, zh.body, "result", "x")
	if err := json.Unmarshal([]byte(p.body), &st); err != nil {
		t.Fatal(err)
	}
	assertEqual(t, textOf(t, html(t, st.HTML), "result-status"), zhStatus, "the Chinese page's card after the switch to English")

	p = b.get("/orders/" + ref + "/status?lang=nope&seen=x")
	st = orderStatus{}
	if err := json.Unmarshal([]byte(p.body), &st); err != nil {
		t.Fatal(err)
	}
	assertEqual(t, textOf(t, html(t, st.HTML), "result-status"), enStatus, "a language we do not have: the cookie's")
}
