package checkout

import (
	"strings"
	"testing"

	"antom-checkout/lang"
)

// korean is the Korean Localizer.
func korean(t *testing.T) *lang.Localizer {
	for _, l := range lang.Languages {
		if l.Code == "ko" {
			return lang.For(l)
		}
	}
	t.Fatal("no Korean")
	return nil
}

// TestEveryCurrencyTakesOneKoreanParticle: Korean knows the word it
// reads after an amount of every currency we sell, so a particle after
// one is written in its one form, never "을(를)".
func TestEveryCurrencyTakesOneKoreanParticle(t *testing.T) {
	ko := korean(t)
	for code := range minorUnits {
		if got := ko.T("result.detail_paid", lang.Args{"Charged": Money{code, 100}}); strings.Contains(got, "(를)") {
			t.Errorf("%s: %q", code, got)
		}
	}
}

// TestEveryBrandTakesOneKoreanParticle: Korean knows how it reads every
// wallet that can be linked and every card brand we name.
func TestEveryBrandTakesOneKoreanParticle(t *testing.T) {
	ko := korean(t)
	names := []string{}
	for _, b := range WalletBrands() {
		names = append(names, b.Name)
	}
	for _, brand := range []string{"VISA", "MASTERCARD", "AMEX", "JCB", "UNIONPAY", "DISCOVER"} {
		names = append(names, brandName(brand))
	}
	for _, name := range names {
		if got := ko.T("link.linked_detail", lang.Args{"Wallet": name}); strings.Contains(got, "(으)로") {
			t.Errorf("%s: %q", name, got)
		}
	}
}
