package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"antom-checkout/antom/sandbox"
)

// A failed refund that a refund still processing covers part of cannot be
// marked handled another way until Antom has answered for that refund:
// staff who typed a note and pressed "Mark handled another way" read that
// refusal, the note quoted. When Antom makes the covering refund, the
// live page redraws: the refusal becomes what is true now — said so, not
// dropped — and the note is back in the failure's form, where the next
// news leaves it (trial F2). At 1280, 390 and 320 px the notice fits.
func TestCoveredRefusalOutlivesTheLiveRedrawWithTheNote(t *testing.T) {
	srv, _, staff, ref := refusedRefund(t, "covered.live@example.com")
	const note = "bank transfer, ref 42"
	staff.run(chromedp.SendKeys("[data-testid=handled-note]", note, chromedp.ByQuery))

	// A colleague refunds $2.00 meanwhile; Antom's answer is held: it
	// processes, covering part of the failure.
	colleague := staff.tab()
	colleague.visit("/admin/orders/" + ref)
	colleague.run(chromedp.SetValue("[data-testid=refund-amount]", "2.00", chromedp.ByQuery))
	colleague.click("[data-testid=refund-submit]", "[data-testid=confirm]")
	refund := srv.App.Sandbox().Faults().Hold("payments/refund")
	t.Cleanup(refund.Release)
	colleague.run(chromedp.Click("[data-testid=confirm-yes]", chromedp.ByQuery))
	select {
	case <-refund.Arrived():
	case <-time.After(15 * time.Second):
		t.Fatal("the colleague's refund never reached Antom")
	}

	// The news of that refund reaches the page (busy with the note: its
	// bar, not a redraw) before the click, whose place the bar moves:
	// clicked as the bar came, the press could land on the form above.
	staff.run(chromedp.WaitVisible("[data-testid=order-changed]", chromedp.ByQuery))
	staff.click("[data-testid=handled-submit]", "[data-testid=flash]")
	staff.waitText("[data-testid=flash][data-tone=pending]", "still processing at Antom, covers part of the failed refund")
	staff.waitText("[data-testid=flash]", "Nothing was marked. Your note was not saved: “"+note+"”.")
	staff.waitText("[data-testid=refund-covered-wait]", "once Antom has answered for")

	refund.Release()
	staff.waitText("[data-testid=flash][data-tone=note]", "Antom has made refund RF-"+ref)
	staff.waitText("[data-testid=flash]", "its line below says what it still owes and what can be done now. Nothing was marked. Your note, “"+note+"”, is back in its form below, not saved yet.")
	var typed string
	staff.run(chromedp.Value("[data-testid=handled-note]", &typed, chromedp.ByQuery))
	if typed != note {
		t.Fatalf("the failure's note field holds %q, want the note typed", typed)
	}
	staff.waitText("[data-testid=order-refunded]", "$2.00")

	// More news: the note being in its form holds the page, as typing does.
	refundFive(colleague, "[data-testid=flash]")
	staff.run(chromedp.WaitVisible("[data-testid=order-changed]", chromedp.ByQuery))
	staff.run(chromedp.Value("[data-testid=handled-note]", &typed, chromedp.ByQuery))
	if typed != note {
		t.Fatalf("after more news the note field holds %q", typed)
	}
	staff.waitText("[data-testid=flash]", "Antom has made refund RF-"+ref)

	for _, width := range []int64{1280, 390, 320} {
		staff.run(chromedp.EmulateViewport(width, 844))
		staff.fits(fmt.Sprintf("the notice at %d px", width), "[data-testid=flash]", "main")
	}
}

// Two tabs press "Try this refund again" on the same failed refund: the
// second is refused while the first's retry processes — "which Antom is
// still processing: wait for its outcome." Once Antom makes the retry,
// the live page redraws and that notice says what is true now ("which is
// done: nothing is owed of it."), never "still processing" beside a
// summary showing it made (trial F4).
func TestSecondRetryNoticeSaysTheRetryMadeOnTheLivePage(t *testing.T) {
	srv, _, staff, ref := refusedRefund(t, "retry.twice.live@example.com")
	other := staff.tab()
	other.visit("/admin/orders/" + ref)

	// Both tabs press it, each reaching its confirmation.
	staff.click("[data-testid=retry-submit]", "[data-testid=confirm]")
	other.click("[data-testid=retry-submit]", "[data-testid=confirm]")
	refund := srv.App.Sandbox().Faults().Hold("payments/refund")
	t.Cleanup(refund.Release)
	staff.run(chromedp.Click("[data-testid=confirm-yes]", chromedp.ByQuery))
	select {
	case <-refund.Arrived():
	case <-time.After(15 * time.Second):
		t.Fatal("the retry never reached Antom")
	}
	other.click("[data-testid=confirm-yes]", "[data-testid=flash]")
	other.waitText("[data-testid=flash][data-tone=pending]", "was already tried again, as refund RF-"+ref)
	other.waitText("[data-testid=flash]", "which Antom is still processing: wait for its outcome.")

	refund.Release()
	staff.waitText("[data-testid=flash]", "Tried the failed refund RF-"+ref)
	staff.waitText("[data-testid=flash]", " ($5.00) again. Refunded $5.00.")
	other.waitText("[data-testid=order-refunded]", "$5.00")
	other.waitText("[data-testid=flash][data-tone=note]", ", which is done: nothing is owed of it.")
	if got := other.text("[data-testid=flash]"); strings.Contains(got, "still processing") {
		t.Fatalf("the second tab's notice still says %q", got)
	}
	for _, width := range []int64{1280, 390, 320} {
		other.run(chromedp.EmulateViewport(width, 844))
		other.fits(fmt.Sprintf("the notice at %d px", width), "[data-testid=flash]", "main")
	}
}

// Tab B types how a failed refund was settled while tab A tries it again
// (Antom still processing): B's "Mark handled another way" is refused
// saying the retry is still processing and that settling it another way
// too would pay the buyer twice, B's note quoted, not thrown away. Once
// Antom makes the retry, the live page says so, the note still quoted
// (trial F1 of the staff note).
func TestHandledRefusedWhileRetryProcessesKeepsTheNoteLive(t *testing.T) {
	srv, _, tabB, ref := refusedRefund(t, "retried.note.live@example.com")
	const note = "Refunded $2 by PayPal"
	tabB.run(chromedp.SendKeys("[data-testid=handled-note]", note, chromedp.ByQuery))

	tabA := tabB.tab()
	tabA.visit("/admin/orders/" + ref)
	tabA.click("[data-testid=retry-submit]", "[data-testid=confirm]")
	refund := srv.App.Sandbox().Faults().Hold("payments/refund")
	t.Cleanup(refund.Release)
	tabA.run(chromedp.Click("[data-testid=confirm-yes]", chromedp.ByQuery))
	select {
	case <-refund.Arrived():
	case <-time.After(15 * time.Second):
		t.Fatal("the retry never reached Antom")
	}

	// As above: the retry's news reaches tab B (its bar) before the
	// click, or the press could land on "Try this refund again" (CI 93:
	// refused as a second retry).
	tabB.run(chromedp.WaitVisible("[data-testid=order-changed]", chromedp.ByQuery))
	tabB.click("[data-testid=handled-submit]", "[data-testid=flash]")
	tabB.waitText("[data-testid=flash][data-tone=pending]", ", which Antom is still processing: the buyer will get this money back through RF-")
	tabB.waitText("[data-testid=flash]", "so settling it another way too would pay them twice.")
	tabB.waitText("[data-testid=flash]", "Nothing was marked. Your note was not saved: “"+note+"”.")

	refund.Release()
	tabB.waitText("[data-testid=order-refunded]", "$5.00")
	tabB.waitText("[data-testid=flash][data-tone=note]", ", which Antom has made: the buyer got this money back through it")
	tabB.waitText("[data-testid=flash]", "Nothing was marked. Your note was not saved: “"+note+"”.")
	if got := tabB.text("[data-testid=flash]"); strings.Contains(got, "still processing") {
		t.Fatalf("tab B's notice still says %q", got)
	}
}

// Tab B types how a failed refund was settled while tab A tries it again
// and Antom refuses the retry too: what was owed passed to the retry.
// B's "Mark handled another way", sent after that, is refused saying so
// — mark the retry handled instead — and B's note is not only quoted:
// it is back in the retry's form, the only one offered, ready to send,
// as when the retry fails after the refusal (trial: the note was quoted,
// the form left empty). At 1280, 390 and 320 px the notice fits.
func TestHandledRefusedAfterTheRetryFailedPutsTheNoteBack(t *testing.T) {
	srv, _, tabB, ref := refusedRefund(t, "retry.failed.note@example.com")
	const note = "Refunded $2 by PayPal"
	tabB.run(chromedp.SendKeys("[data-testid=handled-note]", note, chromedp.ByQuery))

	tabA := tabB.tab()
	tabA.visit("/admin/orders/" + ref)
	srv.App.Sandbox().Faults().SetAPI("payments/refund", sandbox.APIFault{NotFoundNext: 1})
	tabA.click("[data-testid=retry-submit]", "[data-testid=confirm]")
	tabA.click("[data-testid=confirm-yes]", "[data-testid=refund-retried-by]")
	tabA.waitText("[data-testid=refund-failed]", "Antom has no record")

	// The retry's news reaches tab B (busy with the note: its bar) before
	// the click, as in the tests above.
	tabB.run(chromedp.WaitVisible("[data-testid=order-changed]", chromedp.ByQuery))
	tabB.click("[data-testid=handled-submit]", "[data-testid=flash], [data-testid=problem]")
	tabB.waitText("[data-testid=flash][data-tone=note]", ", which failed too: what was owed passed to that refund")
	tabB.waitText("[data-testid=flash]", "Nothing was marked. Your note, “"+note+"”, is back in its form below, not saved yet.")
	var forms int
	var typed string
	tabB.run(
		chromedp.Evaluate(`document.querySelectorAll("[data-testid=handled-note]").length`, &forms),
		chromedp.Value("[data-testid=handled-note]", &typed, chromedp.ByQuery),
	)
	if forms != 1 || typed != note {
		t.Fatalf("%d handled forms, the retry's note field holding %q: want one, holding the note typed", forms, typed)
	}
	for _, width := range []int64{1280, 390, 320} {
		tabB.run(chromedp.EmulateViewport(width, 844))
		tabB.fits(fmt.Sprintf("the notice at %d px", width), "[data-testid=flash]", "main")
	}
}
