package views

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"antom-checkout/checkout/limits"
	"antom-checkout/lang"
)

// Every staff text field says its limit — "at most N characters", N the
// very number the domain refuses past (package limits, which checkout's
// checks read) — in its label or in a hint its aria-describedby names,
// so staff know it before sending; and none has a maxlength, which
// would cut a longer paste without a word (the server refuses it, the
// whole text kept).
func TestStaffTextFieldsSayTheServersLimit(t *testing.T) {
	ctx := lang.WithLocalizer(context.Background(), lang.For(lang.English))
	cases := []struct {
		name  string
		comp  templ.Component
		field string // its data-testid
		limit int
	}{
		{"refund reason", refundForm("ORD-1", RefundForm{Currency: "USD"}, "$18.50"), "refund-reason", limits.RefundReason},
		{"refund reason sent back", refundForm("ORD-1", RefundForm{Currency: "USD", Errors: map[string]string{"reason": "Keep the reason to 256 characters."}}, "$18.50"),
			"refund-reason", limits.RefundReason},
		{"handled another way", handledForm("ORD-1", AdminRefund{ID: 7, Amount: "$5.00", Owed: "$5.00", RequestID: "RF-1"}, HandledForm{}), "handled-note", limits.StaffNote},
		{"handled another way, part owed", handledForm("ORD-1", AdminRefund{ID: 7, Amount: "$5.00", Owed: "$2.00", RequestID: "RF-1"}, HandledForm{}), "handled-note", limits.StaffNote},
		{"mark resolved", resolveForm("ORD-1", "paymentid-conflict", "PR-1", ResolveForm{}), "resolve-note", limits.StaffNote},
		{"mark reviewed", reviewForm(3, "/admin/notifications", ReviewForm{}), "review-note", limits.StaffNote},
		{"refund lookup", AdminLookupPage(AdminLookup{}), "lookup-id", limits.RefundLookupID},
		{"refund lookup sent back", AdminLookupPage(AdminLookup{Errors: map[string]string{"id": "Enter a refundRequestId or a refundId."}}), "lookup-id", limits.RefundLookupID},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := c.comp.Render(ctx, &b); err != nil {
				t.Fatal(err)
			}
			doc, err := goquery.NewDocumentFromReader(&b)
			if err != nil {
				t.Fatal(err)
			}
			f := doc.Find(`input[data-testid="` + c.field + `"]`)
			if f.Length() != 1 {
				t.Fatalf("%d fields %s", f.Length(), c.field)
			}
			if n, ok := f.Attr("maxlength"); ok {
				t.Errorf("maxlength %q: a browser cuts a longer paste to it without a word", n)
			}
			said := doc.Find(`label[for="` + f.AttrOr("id", "") + `"]`).Text()
			for _, id := range strings.Fields(f.AttrOr("aria-describedby", "")) {
				said += " " + doc.Find("#"+id).Text()
			}
			want := "at most " + strconv.Itoa(c.limit) + " characters"
			if !strings.Contains(strings.ToLower(strings.Join(strings.Fields(said), " ")), want) {
				t.Errorf("its label and hints say %q, not %q", said, want)
			}
		})
	}
}
