package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

// A staff confirmation's Confirm does exactly what its page confirmed: a
// form edited in the browser after it was shown — another amount or
// reason in a hidden field, its seal taken away, a field added — is
// refused, saying so, and nothing is stored or sent; the form as shown
// still acts.
func TestConfirmedFormChangedDoesNothing(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	paid, _ := ta.paidOrder(t, "sealed-refund@example.com")
	held := ta.authorizedOrder(t, "sealed-capture@example.com")
	b := ta.client(t)
	b.staffSignIn()
	const changed = "What that confirmation sent is not what it showed (its form was changed after it was shown), so nothing was done."

	refund := "/admin/orders/" + paid + "/refunds"
	shown := confirmForm(t, b.ask(refund, url.Values{"amount": {"5.00"}, "reason": {"damaged"}, "key": {refundFormKey(t, b.get("/admin/orders/"+paid).body)}}).body)
	capture := "/admin/orders/" + held + "/capture"
	captureShown := confirmForm(t, b.ask(capture, url.Values{"amount": {"3.00"}}).body)
	void := "/admin/orders/" + held + "/void"
	voidShown := confirmForm(t, b.ask(void, nil).body)
	for _, c := range []struct {
		name, path string
		form       url.Values
		change     func(url.Values)
	}{
		{"a refund's amount", refund, shown, func(v url.Values) { v.Set("amount", "50.00") }},
		{"a refund's reason", refund, shown, func(v url.Values) { v.Set("reason", "someone else's words") }},
		{"a refund's seal taken away", refund, shown, func(v url.Values) { v.Del(confirmSealParam) }},
		{"a capture's amount", capture, captureShown, func(v url.Values) { v.Set("amount", "37.00") }},
		{"a field added to a void", void, voidShown, func(v url.Values) { v.Set("amount", "1.00") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			form := url.Values{}
			for k, v := range c.form {
				form[k] = append([]string(nil), v...)
			}
			c.change(form)
			p := b.post(c.path, form)
			assertEqual(t, p.status, http.StatusSeeOther, "the answer")
			assertContains(t, b.get(p.location).body, changed)
			assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds"), 0, "refunds stored")
			assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM captures"), 0, "captures stored")
			assertEqual(t, fmt.Sprint(f.count("refund"), f.count("capture"), f.count("cancel")), "0 0 0", "refunds, captures, voids sent")
		})
	}

	noticed(t, b.post(refund, shown), "/admin/orders/"+paid)
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds WHERE amount = 500"), 1, "the refund confirmed, once its form is as shown")
	noticed(t, b.post(capture, captureShown), "/admin/orders/"+held)
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM captures WHERE amount = 300"), 1, "the capture confirmed, once its form is as shown")
}
