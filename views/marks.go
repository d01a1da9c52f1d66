package views

import "strings"

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
