package views

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"antom-checkout/lang"
)

// TestFieldErrorsAreTheFieldsOwn: after a failed submit every field
// marked invalid names its error in its aria-describedby (a screen reader
// says it on reaching the field, not only once as an alert when the page
// loads, which most do not announce for a page just loaded), each id it
// names is on the page, and the first invalid field alone has the focus
// (autofocus): a keyboard or screen-reader user starts where the problem
// is, not at the top of the page. The buyer's sign-in and sign-up, and
// staff's refund, capture, password, refund lookup, staff, mark handled
// another way, mark resolved and mark reviewed forms, and the shop's
// buy form.
func TestFieldErrorsAreTheFieldsOwn(t *testing.T) {
	ctx := lang.WithLocalizer(context.Background(), lang.For(lang.English))
	pwErr := map[string]string{"password": "Enter your password."}
	cases := []struct {
		name      string
		comp      templ.Component
		first     string   // the invalid field that has the focus
		errorText []string // each invalid field's error, in the page's order
	}{
		{"signin email and password", SignInPage(AuthForm{Errors: map[string]string{"email": "Enter your email address.", "password": "Enter your password."}}),
			"email", []string{"Enter your email address.", "Enter your password."}},
		{"signin password", SignInPage(AuthForm{Email: "ann@example.com", Errors: pwErr}), "password", []string{pwErr["password"]}},
		{"signup email and password", SignUpPage(AuthForm{Errors: map[string]string{"email": "Enter an email address like name@example.com.", "password": "Use at least 8 characters."}}),
			"email", []string{"Enter an email address like name@example.com.", "Use at least 8 characters."}},
		{"refund amount", refundForm("ORD-1", RefundForm{Currency: "USD", Errors: map[string]string{"amount": "At most $18.50 can be refunded."}}, "$18.50"),
			"refund-amount", []string{"At most $18.50 can be refunded."}},
		{"refund reason", refundForm("ORD-1", RefundForm{Currency: "USD", Errors: map[string]string{"reason": "Keep the reason under 256 characters."}}, "$18.50"),
			"refund-reason", []string{"Keep the reason under 256 characters."}},
		{"capture amount", captureVoidForms("ORD-1", CaptureForm{Show: true, Currency: "USD", Max: "$12.00", Errors: map[string]string{"amount": "Capture between $0.01 and $12.00."}}),
			"capture-amount", []string{"Capture between $0.01 and $12.00."}},
		{"staff password", AdminPasswordPage(AdminPassword{MinLength: 12, MinWide: 8, Errors: map[string]string{"new": "Use at least 12 characters, or 8 Chinese characters (kanji) or Korean syllables, which count as 1½ each.", "confirm": "The two new passwords differ."}}),
			"new", []string{"Use at least 12 characters, or 8 Chinese characters (kanji) or Korean syllables, which count as 1½ each.", "The two new passwords differ."}},
		{"refund lookup", AdminLookupPage(AdminLookup{Errors: map[string]string{"id": "Enter a refund id."}}), "lookup-id", []string{"Enter a refund id."}},
		{"staff add", AdminStaffPage(AdminStaff{Errors: map[string]string{"email": "Enter an email address."}}), "email", []string{"Enter an email address."}},
		{"mark handled another way", handledForm("ORD-1", AdminRefund{ID: 7, RequestID: "RF-7", Amount: "$1.00", Owed: "$1.00"}, HandledForm{RefundID: 7, Error: "Say how it was handled."}),
			"handled-note-7", []string{"Say how it was handled."}},
		{"mark resolved", resolveForm("ORD-1", "capture-failed", "PR-1", ResolveForm{Alarm: "capture-failed", RequestID: "PR-1", Error: "Say what you did."}),
			"resolve-note-capture-failed-PR-1", []string{"Say what you did."}},
		{"mark reviewed", reviewForm(3, "/admin/notifications", ReviewForm{ID: 3, Error: "Keep the note to 200 characters."}),
			"review-note-3", []string{"Keep the note to 200 characters."}},
		{"order quantity", StorefrontPage(Storefront{Products: []Product{{Slug: "mug", Name: "Mug"}}, ErrorSlug: "mug", Error: "Choose from 1 to 10."}),
			"qty-mug", []string{"Choose from 1 to 10."}},
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
			invalid := doc.Find(`[aria-invalid=true]`)
			if invalid.Length() != len(c.errorText) {
				t.Fatalf("%d fields marked invalid, want %d", invalid.Length(), len(c.errorText))
			}
			invalid.Each(func(i int, f *goquery.Selection) {
				id, _ := f.Attr("id")
				ids, ok := f.Attr("aria-describedby")
				if !ok {
					t.Errorf("invalid field #%s has no aria-describedby: its error %q is not its own", id, c.errorText[i])
					return
				}
				var said []string
				for _, ref := range strings.Fields(ids) {
					el := doc.Find("#" + ref)
					if el.Length() != 1 {
						t.Errorf("field #%s is described by #%s, which is on the page %d times", id, ref, el.Length())
						continue
					}
					said = append(said, strings.TrimSpace(el.Text()))
				}
				if len(said) == 0 || said[0] != c.errorText[i] {
					t.Errorf("field #%s is described first by %q, want its error %q", id, said, c.errorText[i])
				}
			})
			focused := doc.Find("[autofocus]")
			if id, _ := focused.Attr("id"); focused.Length() != 1 || id != c.first {
				t.Errorf("the focus goes to %d fields (first #%s), want the first invalid field #%s alone", focused.Length(), id, c.first)
			}
		})
	}
}

// A sign-in refused as a whole ("Wrong email or password.", which names
// neither field) opens with the focus on the password, the email kept,
// and the password names the form's error first in its aria-describedby:
// an alert on a page just loaded is mostly not announced. Neither field
// is marked invalid: which one was wrong is not known.
func TestSignInRefusalIsThePasswordsToo(t *testing.T) {
	ctx := lang.WithLocalizer(context.Background(), lang.For(lang.English))
	const wrong = "Wrong email or password."
	for name, comp := range map[string]templ.Component{
		"buyer": SignInPage(AuthForm{Email: "ann@example.com", Errors: map[string]string{"": wrong}}),
		"staff": AdminSignInPage(AdminSignIn{Email: "admin@shop.example", Errors: map[string]string{"": wrong}}),
	} {
		t.Run(name, func(t *testing.T) {
			var b bytes.Buffer
			if err := comp.Render(ctx, &b); err != nil {
				t.Fatal(err)
			}
			doc, err := goquery.NewDocumentFromReader(&b)
			if err != nil {
				t.Fatal(err)
			}
			focused := doc.Find("[autofocus]")
			if id, _ := focused.Attr("id"); focused.Length() != 1 || id != "password" {
				t.Errorf("the focus goes to %d fields (first #%s), want #password alone", focused.Length(), id)
			}
			ids, _ := doc.Find("#password").Attr("aria-describedby")
			refs := strings.Fields(ids)
			if len(refs) == 0 || strings.TrimSpace(doc.Find("#"+refs[0]).Text()) != wrong {
				t.Errorf("the password is described by %q, want the form's error %q first", ids, wrong)
			}
			if n := doc.Find("[aria-invalid=true]").Length(); n != 0 {
				t.Errorf("%d fields marked invalid, want none", n)
			}
		})
	}
}
