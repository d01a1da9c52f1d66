package handlers

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/db"
)

// The refund lookup is a GET form: its answer has an address of its own
// (?id=…&ask=yes), so Reload asks Antom again and shows the answer —
// never "Confirm Form Resubmission" — and the address can be bookmarked
// or sent to a colleague. ?id= alone fills the form in and asks nothing;
// a bad id shows the form with its error (422), nothing asked; a lookup
// form posted (a page from before) is sent (303) to the answer's address,
// asking nothing itself; and the address followed from another site asks
// nothing, showing the form filled in and saying so, as the cross-origin
// protection holds a staff form posted from another site to nothing.
func TestRefundLookupAnswerHasAnAddressOfItsOwn(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	f.answer = map[string]string{"inquiryRefund": `{"result":{"resultCode":"ORDER_NOT_EXIST","resultStatus":"F","resultMessage":"order not exist"}}`}
	b := ta.client(t)
	b.staffSignIn()
	const id = "RF-NOBODY-KNOWS"
	answer := "/admin/refunds/lookup?" + url.Values{"id": {id}, "ask": {"yes"}}.Encode()

	form := html(t, b.get("/admin/refunds/lookup").body)
	lookupForm := testid(form, "lookup-form")
	assertEqual(t, lookupForm.AttrOr("method", ""), "get", "the lookup form's method")
	assertEqual(t, lookupForm.Find(`input[type=hidden][name=ask]`).AttrOr("value", ""), "yes", "the form's own field")

	filled := b.get("/admin/refunds/lookup?id=" + id)
	assertEqual(t, filled.status, http.StatusOK, "the form filled in")
	assertEqual(t, testid(html(t, filled.body), "lookup-id").AttrOr("value", ""), id, "the id filled in")
	assertEqual(t, f.count("inquiryRefund"), 0, "lookups sent for the form filled in")

	for i := 1; i <= 2; i++ { // the second: Reload, or the bookmark opened
		p := b.get(answer)
		assertEqual(t, p.status, http.StatusOK, "the answer")
		assertContains(t, p.body, `data-testid="lookup-not-found"`, `data-testid="lookup-not-ours"`)
		assertEqual(t, testid(html(t, p.body), "lookup-id").AttrOr("value", ""), id, "the id kept in the form")
		assertEqual(t, f.count("inquiryRefund"), 2*i, "lookups sent (as a refundId, then a refundRequestId)")
	}

	bad := b.get("/admin/refunds/lookup?" + url.Values{"id": {strings.Repeat("R", 65)}, "ask": {"yes"}}.Encode())
	assertEqual(t, bad.status, http.StatusUnprocessableEntity, "a lookup of an id too long")
	assertContains(t, bad.body, `data-testid="id-error"`, "at most 64 characters")
	assertEqual(t, f.count("inquiryRefund"), 4, "lookups sent for an id too long")

	posted := b.post("/admin/refunds/lookup", url.Values{"id": {" " + id + " "}})
	assertEqual(t, posted.status, http.StatusSeeOther, "a lookup form posted")
	assertEqual(t, posted.location, answer, "where a posted lookup leads")
	assertEqual(t, f.count("inquiryRefund"), 4, "lookups sent by the post itself")

	for _, site := range []string{"cross-site", "same-site"} {
		req, err := http.NewRequest(http.MethodGet, b.base+answer, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Sec-Fetch-Site", site)
		resp, err := b.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		p := read(t, resp)
		assertEqual(t, p.status, http.StatusOK, site+": the form")
		d := html(t, p.body)
		assertEqual(t, testid(d, "lookup-id").AttrOr("value", ""), id, site+": the id filled in")
		assertEqual(t, asRead(textOf(t, d, "lookup-not-asked")), "This lookup was opened from another site, so Antom was not asked. Check the id, then press Ask Antom.", site+": why")
		assertEqual(t, testid(d, "lookup-not-found").Length(), 0, site+": an answer")
		assertEqual(t, f.count("inquiryRefund"), 4, site+": lookups sent")
	}
	for _, site := range []string{"same-origin", "none"} { // this site's pages; typed or bookmarked
		req, err := http.NewRequest(http.MethodGet, b.base+answer, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Sec-Fetch-Site", site)
		resp, err := b.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		assertContains(t, read(t, resp).body, `data-testid="lookup-not-found"`)
	}
	assertEqual(t, f.count("inquiryRefund"), 8, "lookups sent from this site")
}

// A refund's Ask Antom on its order's page is the lookup's GET form
// too: it leads to the answer's address for that refund.
func TestOrderRefundsAskAntomAtTheLookupsAddress(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "asks@example.com")
	a, err := ta.DB.SuccessfulAttempt(context.Background(), ta.order(t, ref).ID)
	if err != nil {
		t.Fatal(err)
	}
	ta.refund(t, ref, a.ID, 300, db.RefundSuccess)
	b := ta.client(t)
	b.staffSignIn()
	form := testid(html(t, b.get("/admin/orders/"+ref).body), "refund-check").Closest("form")
	assertEqual(t, form.AttrOr("method", ""), "get", "Ask Antom's method")
	assertEqual(t, form.AttrOr("action", ""), "/admin/refunds/lookup", "Ask Antom's address")
	got := url.Values{}
	form.Find("input").Each(func(_ int, s *goquery.Selection) { got.Add(s.AttrOr("name", ""), s.AttrOr("value", "")) })
	assertEqual(t, got.Encode(), url.Values{"id": {"RF-" + ref + "-300"}, "ask": {"yes"}}.Encode(), "what Ask Antom sends")
}
