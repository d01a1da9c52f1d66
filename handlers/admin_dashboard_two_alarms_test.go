package handlers

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"antom-checkout/checkout"
)

// An order whose capture Antom refused, then its void, has two alarms on
// its page, and the dashboard counts it on both lines (its problems are
// alarms, not orders): the refused voids' line says how many of its
// orders are also among the failed captures; with none, it says nothing.
func TestDashboardSaysAnOrderOnBothAlarmLines(t *testing.T) {
	ta := newAdminApp(t)
	ta.refusingAntom(t, "PROCESS_FAIL", "Refused at the issuer")
	staff := ta.client(t)
	staff.staffSignIn()
	authorized := func() string {
		t.Helper()
		o, err := ta.Checkout.CreateOrder(t.Context(), checkout.Viewer{GuestKey: "k-guest"}, "teapot", "1")
		if err != nil {
			t.Fatal(err)
		}
		ta.authorizeCard(t, o.Ref, ta.cardAttempt(t, o.Ref, "MANUAL", 14*time.Minute))
		return o.Ref
	}
	voidOnly := authorized()
	noticed(t, staff.confirm("/admin/orders/"+voidOnly+"/void", nil), "/admin/orders/"+voidOnly)
	d := html(t, staff.get("/admin").body)
	assertEqual(t, testid(d, "voids-refused-capture-failed").Length(), 0, "a note with no order on both lines")

	both := authorized()
	noticed(t, staff.confirm("/admin/orders/"+both+"/capture", url.Values{"amount": {"3000"}}), "/admin/orders/"+both)
	noticed(t, staff.confirm("/admin/orders/"+both+"/void", nil), "/admin/orders/"+both)
	o := html(t, staff.get("/admin/orders/"+both).body)
	assertEqual(t, testid(o, "capture-failed").Length()+testid(o, "void-refused").Length(), 2, "the order's alarms")

	d = html(t, staff.get("/admin").body)
	words := func(id string) string { return strings.Join(strings.Fields(testid(d, id).Text()), " ") }
	assertContains(t, words("problem-captures-failed"), "1 failed capture")
	assertContains(t, words("problem-voids-refused"), "2 refused voids")
	assertEqual(t, words("voids-refused-capture-failed"),
		"(1 order here also counted among the failed captures: a capture refused, then a void — one order, two alarms)", "the note")
}
