package handlers

import (
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"antom-checkout/db"
)

// A staff Confirm posted with confirm=yes and its page's fields but
// without the page's signature, or without its seal, or without both (a
// form edited in devtools, its sig or seal field deleted; a post made by
// hand) is refused as a changed one is: 303 to the order's page, which
// says so; no refund or capture stored, nothing sent to Antom — never
// left to the action's own checks, which would do it. The form as shown
// still acts.
func TestStaffConfirmWithoutSignatureOrSealDoesNothing(t *testing.T) {
	ta, f := newFakeAntomApp(t)
	paid, _ := ta.paidOrder(t, "unsigned-refund@example.com")
	held := ta.authorizedOrder(t, "unsigned-void@example.com")
	b := ta.client(t)
	b.staffSignIn()
	const (
		notShown = "That confirmation was not shown to this sign-in for this action (it was shown to an earlier sign-in, or its form was changed after it was shown), so nothing was done."
		changed  = "What that confirmation sent is not what it showed (its form was changed after it was shown), so nothing was done."
	)

	refund := "/admin/orders/" + paid + "/refunds"
	refundShown := b.confirmation(refund, url.Values{"amount": {"5.00"}, "reason": {"damaged"}, "key": {refundFormKey(t, b.get("/admin/orders/"+paid).body)}})
	void := "/admin/orders/" + held + "/void"
	voidShown := b.confirmation(void, nil)
	for _, action := range []struct {
		name, path, order string
		shown             url.Values
	}{
		{"refund", refund, "/admin/orders/" + paid, refundShown},
		{"void", void, "/admin/orders/" + held, voidShown},
	} {
		for _, c := range []struct {
			without []string
			says    string
		}{
			{[]string{confirmSigParam}, notShown},
			{[]string{confirmSealParam}, changed},
			{[]string{confirmSigParam, confirmSealParam}, notShown},
		} {
			t.Run(fmt.Sprintf("%s without %v", action.name, c.without), func(t *testing.T) {
				form := url.Values{}
				for k, v := range action.shown {
					form[k] = append([]string(nil), v...)
				}
				for _, name := range c.without {
					form.Del(name)
				}
				if form.Get("confirm") != "yes" {
					t.Fatalf("the form posted: %v", form)
				}
				p := b.post(action.path, form)
				assertEqual(t, p.status, http.StatusSeeOther, "the answer")
				assertContains(t, b.get(noticed(t, p, action.order)).body, c.says)
				assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds"), 0, "refunds stored")
				assertEqual(t, ta.order(t, held).Status, db.OrderAuthorized, "the held order's status")
				assertEqual(t, fmt.Sprint(f.count("refund"), f.count("cancel"), f.count("capture")), "0 0 0", "refunds, voids, captures sent to Antom")
			})
		}
	}

	noticed(t, b.post(refund, refundShown), "/admin/orders/"+paid)
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM refunds WHERE amount = 500"), 1, "the refund confirmed, its form as shown")
	assertEqual(t, f.count("refund"), 1, "refunds sent once confirmed")
	noticed(t, b.post(void, voidShown), "/admin/orders/"+held)
	assertEqual(t, f.count("cancel"), 1, "voids sent once confirmed")
}
