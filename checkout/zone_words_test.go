package checkout

import (
	"strings"
	"testing"
	"time"

	"antom-checkout/db"
)

// The words staff read write their times in the shop's zone
// (Options.Zone, SHOP_TIMEZONE), labelled by its offset; UTC without one.
// A refund's read model carries the zone, so the words a page builds from
// it later (ClosedByUsNow) say the same.
func TestStaffWordsInShopZone(t *testing.T) {
	bangkok, err := time.LoadLocation("Asia/Bangkok")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 2, 20, 0, 0, 0, time.UTC)
	s := &Service{opts: Options{Zone: bangkok}}
	words := map[string]string{
		"expired":          expiredWords(at, s.zone()),
		"found":            FoundProcessingWords("ann@shop.example", at, s.zone()),
		"closed":           RefundClosedByUsWords(false, at, s.zone()),
		"closed by us now": refundInfo(db.Refund{Status: db.RefundFail, FinalSource: db.SourceOurs, WatchEndedAt: at}, "ORD-1", s.zone()).ClosedByUsNow(),
	}
	for what, w := range words {
		if !strings.Contains(w, "3\u00a0Dec\u00a02026 03:00:00\u00a0UTC+7") || strings.Contains(w, "20:00") {
			t.Errorf("%s: %q, want Bangkok's time", what, w)
		}
	}
	if w := expiredWords(at, (&Service{}).zone()); !strings.Contains(w, "2\u00a0Dec\u00a02026 20:00:00\u00a0UTC") {
		t.Errorf("no zone: %q, want UTC", w)
	}
}

// The dashboard's today is the shop's day: at 21:08 UTC on 7 December
// it is already 8 December in Bangkok, and today counts from 17:00 UTC;
// without a zone, from UTC's midnight.
func TestDashboardDayIsTheShopsDay(t *testing.T) {
	bangkok, err := time.LoadLocation("Asia/Bangkok")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 7, 21, 8, 0, 0, time.UTC)
	if got, want := shopDay(now, bangkok), time.Date(2026, 12, 7, 17, 0, 0, 0, time.UTC); !got.Equal(want) || got.Day() != 8 {
		t.Errorf("Bangkok's day: %v, want %v (8 December there)", got, want)
	}
	if got, want := shopDay(now, nil), time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("UTC's day: %v, want %v", got, want)
	}
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := shopDay(now, newYork), time.Date(2026, 12, 7, 5, 0, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("New York's day: %v, want %v", got, want)
	}
}
