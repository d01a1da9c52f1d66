package lang

import (
	"strconv"
	"sync"
	"testing"
)

// freshLocalizer returns a Localizer of l of its own, its memos empty.
func freshLocalizer(t *testing.T, l Language) *Localizer {
	t.Helper()
	b, err := loadBundle(l)
	if err != nil {
		t.Fatal(err)
	}
	return newLocalizer(l, b)
}

// TestMemoAnswersAsTheCatalogs: what T without arguments, Has and Money
// answer from their memos is what the catalogs and CLDR answer, for
// every message of every language, asked from many goroutines at once.
func TestMemoAnswersAsTheCatalogs(t *testing.T) {
	en := catalog(t, English.Code)
	for _, l := range Languages {
		fresh := freshLocalizer(t, l)
		want := map[string]string{}
		wantHas := map[string]bool{}
		for id := range en {
			want[id], wantHas[id] = fresh.T(id), fresh.Has(id)
		}
		wantMoney := fresh.Money("USD", 123456, 2) + fresh.Money("JPY", -2400, 0) + fresh.Money("XYZ", 5, 2)
		memoized := freshLocalizer(t, l)
		var wg sync.WaitGroup
		for range 4 {
			wg.Go(func() {
				for range 2 {
					for id := range en {
						if got := memoized.T(id); got != want[id] {
							t.Errorf("%s: T(%q) = %q, want %q", l.Code, id, got, want[id])
						}
						if got := memoized.Has(id); got != wantHas[id] {
							t.Errorf("%s: Has(%q) = %v, want %v", l.Code, id, got, wantHas[id])
						}
					}
					if got := memoized.Money("USD", 123456, 2) + memoized.Money("JPY", -2400, 0) + memoized.Money("XYZ", 5, 2); got != wantMoney {
						t.Errorf("%s: Money = %q, want %q", l.Code, got, wantMoney)
					}
				}
			})
		}
		wg.Wait()
		if got := memoized.T("no.such.message"); got != "no.such.message" {
			t.Errorf("%s: an unknown ID reads %q, want itself", l.Code, got)
		}
		if memoized.Has("no.such.message") {
			t.Errorf("%s: Has an unknown ID", l.Code)
		}
	}
}

// TestMemoBounded: IDs no catalog has are never kept, and a memo keeps no
// more than memoLimit answers whatever it is asked.
func TestMemoBounded(t *testing.T) {
	ko := For(Languages[3])
	before := ko.said.Len()
	for i := range 100 {
		ko.T("no.such.message." + strconv.Itoa(i))
		ko.Has("no.such.message." + strconv.Itoa(i))
	}
	if got := ko.said.Len(); got != before {
		t.Errorf("T kept %d answers for unknown IDs", got-before)
	}
	l := freshLocalizer(t, Languages[3])
	for i := range memoLimit + 100 {
		l.Money("USD", int64(i), 2)
	}
	if got := l.amounts.Len(); got != memoLimit {
		t.Errorf("the amounts memo holds %d answers, want at most %d", got, memoLimit)
	}
	if _, ok := l.amounts.Load(amount{"USD", memoLimit + 50, 2}); ok {
		t.Error("the amounts memo kept an answer past its limit")
	}
	if got, want := l.Money("USD", memoLimit+50, 2), freshLocalizer(t, Languages[3]).money("USD", memoLimit+50, 2); got != want {
		t.Errorf("an amount past the limit reads %q, want %q", got, want)
	}
}

// TestPlainWordsDoNotAllocate: a page's words without arguments, whether
// a product has words in the page's language, and a currency's symbol
// cost no allocations once said: a page says dozens of them.
func TestPlainWordsDoNotAllocate(t *testing.T) {
	ko := For(Languages[3])
	ko.T("shop.welcome")
	ko.Has("product.coffee.name")
	ko.symbol("USD")
	if n := testing.AllocsPerRun(100, func() {
		ko.T("shop.welcome")
		ko.Has("product.coffee.name")
		ko.symbol("USD")
	}); n != 0 {
		t.Errorf("%v allocations per call", n)
	}
}
