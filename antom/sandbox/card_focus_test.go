package sandbox

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// fieldState is what a card page's input says of itself: whether it has
// autofocus, its aria-invalid and aria-describedby, and whether the
// element it names is a field error with words in it.
type fieldState struct {
	autofocus             bool
	invalid, describedBy  string
	describedByHoldsError bool
}

// fieldsOf reads the state of a card page's inputs, by id.
func fieldsOf(t *testing.T, p page) map[string]fieldState {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(p.body))
	must(t, err)
	out := map[string]fieldState{}
	doc.Find("input:not([type=hidden])").Each(func(_ int, in *goquery.Selection) {
		id, _ := in.Attr("id")
		_, focus := in.Attr("autofocus")
		invalid, _ := in.Attr("aria-invalid")
		by, _ := in.Attr("aria-describedby")
		held := by != "" && doc.Find("#"+by+".field-error").Length() == 1 && strings.TrimSpace(doc.Find("#"+by).Text()) != ""
		out[id] = fieldState{autofocus: focus, invalid: invalid, describedBy: by, describedByHoldsError: held}
	})
	return out
}

// A card form shown again with field errors puts the focus on the first
// field in error — in the form's order: number, expiry, CVC, name — and
// on no other, as the merchant app's forms do (autofocus); each field in
// error says so (aria-invalid) and names its error (aria-describedby),
// the others neither. The focus stayed on <body>: a keyboard or
// screen-reader user had to hunt for what to mend. The challenge's code
// alike; a card form without errors moves no focus, while the challenge,
// one field, has it on its code from the start.
func TestCardPageFocusesTheFirstFieldInError(t *testing.T) {
	l := newLinkSetup(t)
	resp := l.startCard(t, cardReq("card-focus", "USD", 2000, ""))
	b := newBrowser(t)
	if got := fieldsOf(t, b.get(resp.NormalURL)); got["number"].autofocus || got["name"].autofocus {
		t.Fatalf("the card form without errors moves the focus: %+v", got)
	}
	for _, tc := range []struct {
		what      string
		set       map[string]string
		wrong     []string
		focusedOn string
	}{
		{"every field wrong", map[string]string{"number": "4242 4242 4242 4241", "expiry": "01/20", "cvc": "12", "name": ""},
			[]string{"number", "expiry", "cvc", "name"}, "number"},
		{"the expiry and the name wrong", map[string]string{"expiry": "13/40", "name": ""}, []string{"expiry", "name"}, "expiry"},
		{"the CVC wrong", map[string]string{"cvc": "1"}, []string{"cvc"}, "cvc"},
		{"the name missing", map[string]string{"name": " "}, []string{"name"}, "name"},
	} {
		form := cardFields(resp.PaymentID, visaCard)
		for k, v := range tc.set {
			form.Set(k, v)
		}
		p := b.post(l.url+"/sandbox/card/pay", form)
		equal(t, p.status, http.StatusUnprocessableEntity, tc.what+": status")
		got := fieldsOf(t, p)
		for _, f := range []string{"number", "expiry", "cvc", "name"} {
			wrong := false
			for _, w := range tc.wrong {
				wrong = wrong || w == f
			}
			s := got[f]
			equal(t, s.autofocus, f == tc.focusedOn, tc.what+": "+f+" has autofocus")
			if wrong {
				equal(t, s.invalid, "true", tc.what+": "+f+" aria-invalid")
				equal(t, s.describedBy, f+"-error", tc.what+": "+f+" aria-describedby")
				equal(t, s.describedByHoldsError, true, tc.what+": "+f+"'s error, the element it names")
			} else {
				equal(t, s.invalid+s.describedBy, "", tc.what+": "+f+" without error: aria-invalid, aria-describedby")
			}
		}
	}

	must(t, l.s.PayCard(t.Context(), resp.PaymentID, threeDSCard))
	challenge := fieldsOf(t, b.get(resp.NormalURL))
	// The challenge asks for one thing, its code: the focus is there at
	// once (a keyboard user's Enter did nothing until a Tab).
	equal(t, challenge["code"].autofocus, true, "the challenge, first shown: code has autofocus")
	empty := b.post(l.url+"/sandbox/card/challenge", url.Values{"paymentId": {resp.PaymentID}, "code": {""}})
	equal(t, empty.status, http.StatusUnprocessableEntity, "an empty code: status")
	code := fieldsOf(t, empty)["code"]
	equal(t, code, fieldState{autofocus: true, invalid: "true", describedBy: "code-error", describedByHoldsError: true}, "an empty code: the code field")
}
