package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// focusedFieldJS describes where the focus is on Antom's (sandbox) card
// page: the focused input's id, whether it is aria-invalid, and the words
// of the error its aria-describedby names ("body" when nothing has it).
const focusedFieldJS = `(() => {
	const el = document.activeElement;
	if (!el || el === document.body) return "body";
	const by = el.getAttribute("aria-describedby"), err = by && document.getElementById(by);
	return el.id + " invalid=" + el.getAttribute("aria-invalid") + " error=" + (err ? err.textContent.trim() : "");
})()`

// After a field error on Antom's (sandbox) hosted card page, the focus is
// on the first field in error, its error read with it, as on the merchant
// app's own forms — not on <body> (Chromium trials): a bad card number
// takes it to the number; a good number with a short CVC, to the CVC.
func TestCardPageFocusesTheFirstFieldInError(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	buy(b, "matcha")
	b.click("[data-testid=pay-card]", "[data-testid=card-number]")
	wantFocus := func(what, want string) {
		t.Helper()
		// Chromium moves the focus to an autofocus field once it renders
		// the page; the focus is awaited, then read.
		b.waitTrue(`document.readyState === "complete" && document.activeElement !== document.body`, what+": the focus moved off <body>")
		var got string
		b.run(chromedp.Evaluate(focusedFieldJS, &got))
		if got != want {
			b.screenshot()
			t.Fatalf("%s: focus on %q, want %q", what, got, want)
		}
	}

	b.run(chromedp.SendKeys("[data-testid=card-number]", "4242 4242 4242 4241", chromedp.ByQuery))
	b.run(chromedp.Click("[data-testid=card-pay]", chromedp.ByQuery))
	b.waitTrue(`!!document.querySelector("[data-testid=card-error-number]")`, "the bad number's error")
	wantFocus("a bad card number, nothing else typed", "number invalid=true error=This card number is not valid: check the digits.")

	b.run(
		chromedp.SetValue("[data-testid=card-number]", "4242 4242 4242 4242", chromedp.ByQuery),
		chromedp.SendKeys("[data-testid=card-expiry]", "12/34", chromedp.ByQuery),
		chromedp.SendKeys("[data-testid=card-cvc]", "12", chromedp.ByQuery),
		chromedp.SendKeys("[data-testid=card-name]", "Ann Buyer", chromedp.ByQuery),
	)
	b.run(chromedp.Click("[data-testid=card-pay]", chromedp.ByQuery))
	b.waitTrue(`!document.querySelector("[data-testid=card-error-number]") && !!document.querySelector("[data-testid=card-error-cvc]")`, "the short CVC's error alone")
	wantFocus("a short CVC", "cvc invalid=true error=Enter the 3 or 4 digit security code.")
}
