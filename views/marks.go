package views

import (
	"strings"

	"github.com/a-h/templ"
)

// mark is a brand's badge: its name in its colours (drawn by app.css's
// .mark-* classes; no copied logos).
type mark struct {
	Class string // the .mark-* class with the brand's colours
	Text  string // the brand's name as the badge spells it; "" for a card of no known brand
}

// walletMarks are the badges of the wallets Scan to Link offers, by
// Antom's wallet code.
var walletMarks = map[string]mark{
	"ALIPAY_CN": {"mark-alipay", "Alipay"},
	"ALIPAY_HK": {"mark-alipay", "AlipayHK"},
	"GCASH":     {"mark-gcash", "GCash"},
	"DANA":      {"mark-dana", "DANA"},
	"KAKAOPAY":  {"mark-kakaopay", "kakaopay"},
	"TNG":       {"mark-tng", "TNG"},
	"TRUEMONEY": {"mark-truemoney", "TrueMoney"},
}

// cardMarks are the badges of card brands, by the name buyers see
// ("Visa", as checkout names a card).
var cardMarks = map[string]mark{
	"visa":             {"mark-visa", "VISA"},
	"mastercard":       {"mark-mastercard", "mastercard"},
	"american express": {"mark-amex", "AMEX"},
	"jcb":              {"mark-jcb", "JCB"},
	"unionpay":         {"mark-unionpay", "UnionPay"},
	"discover":         {"mark-discover", "DISCOVER"},
}

// walletMarkOf is a wallet's badge; an unknown code gets a plain one.
func walletMarkOf(code string) mark {
	if m, ok := walletMarks[code]; ok {
		return m
	}
	return mark{"mark-plain", code}
}

// cardMarkOf is a card brand's badge; an unknown brand gets a plain card.
func cardMarkOf(brand string) mark {
	if m, ok := cardMarks[strings.ToLower(brand)]; ok {
		return m
	}
	return mark{Class: "mark-card"} // badge says "card" in the page's language
}

// markClasses are the badges' class attributes, class="mark mark-…", by
// their .mark-* class, made once. Written as class={ "mark", m.Class },
// templ worked out the class list anew on every badge (its CSS class
// processing: a map, slices and strings, ~10 allocations), and a
// signed-in buyer's checkout page draws a badge for every wallet brand
// it offers to link and every kept wallet and card.
var markClasses = func() map[string]templ.Attributer {
	out := map[string]templ.Attributer{}
	for _, marks := range []map[string]mark{walletMarks, cardMarks} {
		for _, m := range marks {
			out[m.Class] = markClassOf(m.Class)
		}
	}
	for _, class := range []string{"mark-plain", "mark-card"} {
		out[class] = markClassOf(class)
	}
	return out
}()

// markClassOf is the class attribute of a badge of class.
func markClassOf(class string) templ.Attributer { return classAttr("mark " + class) }

// classAttr is a class attribute of classes (space-separated), for an
// element whose classes are one of a few lists made once and written as
// they are ({ classAttr(…)... }), where class={ … } would run templ's
// CSS class processing on every render.
func classAttr(classes string) templ.Attributer {
	return templ.OrderedAttributes{{Key: "class", Value: classes}}
}

// The card box's button for a new card: the box's main button, or a
// secondary one (newCardButton).
var (
	newCardMain      = classAttr("btn btn-block")
	newCardSecondary = classAttr("btn btn-block btn-secondary")
)

// newCardButton is the class attribute of the card box's button for a
// new card, secondary or not.
func newCardButton(secondary bool) templ.Attributer {
	if secondary {
		return newCardSecondary
	}
	return newCardMain
}

// classes is m's class attribute.
func (m mark) classes() templ.Attributer {
	if a, ok := markClasses[m.Class]; ok {
		return a
	}
	return markClassOf(m.Class)
}
