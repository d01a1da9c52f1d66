package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/checkout"
)

// formFields are the fields a browser sends with the page's form posting
// to action: its named inputs.
func formFields(t *testing.T, body, action string) url.Values {
	t.Helper()
	form := html(t, body).Find(`form[action="` + action + `"]`)
	if form.Length() != 1 {
		t.Fatalf("%d forms post to %s", form.Length(), action)
	}
	v := url.Values{}
	form.Find("input[name]").Each(func(_ int, in *goquery.Selection) { v.Add(in.AttrOr("name", ""), in.AttrOr("value", "")) })
	return v
}

// Replaying a notification from a page of a filtered inbox returns staff
// to that same page and filter (the flash above it), and from a
// notification's own page to that page: they never lose their place. A
// return address that is not the inbox's goes to the inbox.
func TestAdminReplayReturnsToTheSamePage(t *testing.T) {
	ta := newAdminApp(t)
	ref, _ := ta.paidOrder(t, "payer@example.com")
	body := fmt.Sprintf(`{"notifyType":"PAYMENT_RESULT","result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"},"paymentRequestId":"PR-%s-TEST","paymentId":"PAY-%s","paymentAmount":{"currency":"USD","value":"3700"}}`, ref, ref)
	for range checkout.InboxPageSize + 8 {
		rec := ta.do(ta.notification(t, testClientID, "/antom/notify", ta.now.Format(time.RFC3339), []byte(body)))
		assertEqual(t, rec.Code, http.StatusOK, "notification")
	}
	b := ta.client(t)
	b.staffSignIn()

	const here = "/admin/notifications?page=2&verdict=duplicate"
	p := b.get(here)
	d := html(t, p.body)
	rows := testid(d, "inbox-row")
	if rows.Length() == 0 {
		t.Fatalf("page 2 lists nothing:\n%s", p.body)
	}
	id := rows.First().AttrOr("data-id", "")
	action := "/admin/notifications/" + id + "/replay"
	r := b.post(action, formFields(t, p.body, action))
	assertContains(t, b.get(noticed(t, r, here)).body, "Replayed notification #"+id+": duplicate.")

	// From a notification's own page, back to it.
	id = rows.Eq(1).AttrOr("data-id", "")
	one := "/admin/notifications/" + id
	action = one + "/replay"
	r = b.post(action, formFields(t, b.get(one).body, action))
	assertContains(t, b.get(noticed(t, r, one)).body, "Replayed notification #"+id+": duplicate.")

	// Anywhere else: the inbox.
	for _, back := range []string{"https://evil.example/admin/notifications", "//evil.example", "/admin/orders", "/admin/notificationsX", ""} {
		id = rows.Eq(2).AttrOr("data-id", "")
		r = b.post("/admin/notifications/"+id+"/replay", url.Values{"back": {back}})
		noticed(t, r, "/admin/notifications") // back: the inbox
		rows = rows.Slice(1, rows.Length())
	}
}
