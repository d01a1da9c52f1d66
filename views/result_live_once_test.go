package views

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"antom-checkout/lang"
)

// The result page says once, not twice, that it updates by itself:
// while a payment was processing, a notice after "Check again" ("We
// checked a moment ago. We keep checking. This page shows the result as
// soon as we know it.") stood above a detail that said it again ("This
// page updates by itself as soon as we know."). Each notice a waiting
// card can show, beside each detail (every flag that picks one, on an
// order that can still be paid and one that cannot), says it once in
// English (claimsLive), and every language has as many live sentences
// there as English.
func TestResultSaysOnceThatItUpdates(t *testing.T) {
	var cards []ResultCard
	for _, state := range []string{StateProcessing, StateCardPage, StateCancelling} {
		for flags := range 1 << 6 {
			r := ResultCard{State: state, Waiting: true, Card: true,
				PageRefused: flags&1 != 0, CardOpening: flags&2 != 0, CardNotOpened: flags&4 != 0, CancelHeld: flags&8 != 0}
			if flags&16 != 0 {
				r.DecidedBy = "7 Dec 2026, 17:00 UTC"
			}
			if flags&32 != 0 {
				r.Unpayable = "x"
			}
			if state == StateCardPage && flags&1 != 0 {
				r.CardPageURL = "https://open-sea-global.alipay.com/page"
			}
			for _, n := range []string{NoticeTooSoon, NoticeStillOpen, NoticeStillAsking} {
				r.Notice = n
				cards = append(cards, r)
			}
		}
	}
	said := func(l lang.Language, r ResultCard) (text string, live int) {
		t.Helper()
		r.Ref, r.Key = "ORD-1", "k"
		var buf bytes.Buffer
		if err := ResultBody(r).Render(lang.WithLocalizer(context.Background(), lang.For(l)), &buf); err != nil {
			t.Fatal(err)
		}
		d, err := goquery.NewDocumentFromReader(&buf)
		if err != nil {
			t.Fatal(err)
		}
		parts := d.Find("[data-testid=result-notice], [data-testid=result-detail]")
		if parts.Length() != 2 {
			t.Fatalf("%s %+v: %d of the notice and the detail", l.Code, r, parts.Length())
		}
		return strings.Join(strings.Fields(parts.Text()), " "), parts.Find(".live-words").Length()
	}
	for _, r := range cards {
		text, live := said(lang.English, r)
		name := fmt.Sprintf("%s %s (refused %v, opening %v, not opened %v, held %v, by %q, unpayable %v)",
			r.State, r.Notice, r.PageRefused, r.CardOpening, r.CardNotOpened, r.CancelHeld, r.DecidedBy, r.Unpayable != "")
		if n := len(claimsLive.FindAllString(text, -1)); n != 1 {
			t.Errorf("%s: says %d times that the page moves on by itself: %q", name, n, text)
		}
		for _, l := range lang.Languages {
			if other, n := said(l, r); n != live {
				t.Errorf("%s in %s: %d live sentences, English %d: %q", name, l.Code, n, live, other)
			}
		}
	}
}
