package lang

import (
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Language is one language the buyer pages speak.
type Language struct {
	Code string // BCP 47 tag, as in <html lang> and the catalog's file name: "zh-Hant"
	Name string // its own name, as the switcher shows it: "繁體中文"
	tag  language.Tag
}

// Languages are the buyer pages' languages, in the switcher's order; the
// first is the source language and the fallback.
var Languages = []Language{
	{Code: "en", Name: "English"},
	{Code: "zh-Hans", Name: "简体中文"},
	{Code: "zh-Hant", Name: "繁體中文"},
	{Code: "ko", Name: "한국어"},
	{Code: "id", Name: "Bahasa Indonesia"},
	{Code: "ms", Name: "Bahasa Melayu"},
	{Code: "th", Name: "ภาษาไทย"},
}

// whole are, by language code, words of its catalog that a line never
// breaks inside (Language.Whole).
var whole = map[string][]string{
	"en": {"e-wallet", openedFigure},
	"id": {openedFigure},
	"ms": {"e-dompet", "E-dompet", "e-mel", "E-mel", openedFigure},
	// Chinese breaks between any two characters: in the products' names
	// it broke "单一产地咖 ⏎ 啡豆" and "风吕敷包 ⏎ 袱布" in My orders at
	// 320 px, the Scan to Link page's "扫描此二 ⏎ 维码" (QR code) at 320
	// px and the sign-up page's "一键 ⏎ 支付。" (one-click pay) at 390 px
	// (real fonts). My orders' "（已授权" (authorized) takes its figure
	// (joined by a no-break space) and "）" into its box: the amount broke
	// "（已授 ⏎ 权 JP¥5,800）" at 390 px, and before the no-break space
	// "（已授权 ⏎ JP¥5,800）" (trial). "退款" (refund) broke "退 ⏎ 款" in
	// the result page's list of refunds at 390 px (trial), and "扣款"
	// (charge) "扣 ⏎ 款" in zh-Hant at 390 px: My orders' "已扣款 …" (what
	// was charged), the receipt's "實際扣款總額" and the result page's
	// "沒有扣款" (nothing was charged). Thai's "คืนเงิน"
	// (refund) broke "การคืน ⏎ เงิน" on My orders' line of what failed
	// refunds still owe, at 390 px.
	"zh-Hans": {"咖啡豆", "包袱布", "二维码", "一键支付", "（已授权", "退款", "扣款"},
	"zh-Hant": {"咖啡豆", "包袱巾", "二維碼", "一按即付", "（已授權", "退款", "扣款"},
	"th": {"แซนด์บ็อกซ์", "อีนาเมล", "อีกครั้ง", "วอลเล็ต", "คิวอาร์โค้ด",
		"ร้านค้า", "ตรวจสอบ", "คาดว่า", "คำสั่งซื้อ", "เรียกเก็บ", "ได้รับ",
		"ดำเนินการ", "หมดอายุ", "สิ้นสุด", "ภายหลัง", "ช่องทาง",
		"ตัวเลือก", "เต็มจำนวน", "ส่วนหนึ่ง", "บางส่วน", "กาน้ำชา", "โทโคนาเมะ", "มัทฉะ",
		"ฟุโรชิกิ", "ออริจิน", "แคมป์", "สกัดเย็น", "พิธีชงชา", "ลายจุด", "ชำระเงิน", "ส่งคืน", "เคลื่อนย้าย", "ยอดเงิน", "เข้าสู่ระบบ", "เกินไป", "คืนเงิน", openedFigure},
}

// figures are money figures every catalog writes itself, whole as an
// amount is (Language.Whole): the test payment's yen "¥…91" to "¥…94"
// ("¤" stands for the language's yen symbol, as Money writes it and the
// catalogs' {{.Yen}} says it: "JP¥…91" in Simplified Chinese, where "¥"
// alone is yuan; yenFigures),
// which broke "¥…|91" at a line's end on the Korean storefront (Chromium
// may break after the ellipsis). An amount said by Money never breaks
// inside under the line-breaking rules (its symbol, digits and marks
// hold together, a symbol ending in a letter is followed by a no-break
// space). Where a catalog opens a parenthesis before the first (en, id,
// ms, th: openedFigure), "(¥…91" is the box: Chromium may break between
// an opening parenthesis and a box that follows it, which left "(" alone
// at a Thai line's end at 320 px (the earliest word found is boxed, so
// "(¥…91" wins over "¥…91"). Where a catalog writes more onto a figure,
// with no space between, the box holds it too (writtenOnFigures).
var figures = []string{"¤…91", "¤…94"}

// writtenOnFigures are, by language code, the figures with what its
// catalog writes onto them, boxed whole in their place (listed before
// figures: of words found at one place, the first listed is boxed):
// Korean's range "¥…91~¥…94)", one word between spaces, broke
// "¥…91~ ⏎ ¥…94)" beside the box at 340 to 375 px; Chinese's "¥…94）"
// could leave its "）" to begin a line (Chromium breaks freely beside a
// box).
var writtenOnFigures = map[string][]string{
	"ko": {"¤…91~¤…94)"}, "zh-Hans": {"¤…94）"}, "zh-Hant": {"¤…94）"},
}

// openedFigure is the first figure with the parenthesis before it.
const openedFigure = "(¤…91"

// yenFigures are words with each "¤" in them (figures, writtenOnFigures,
// openedFigure) written as yen, the language's yen symbol.
func yenFigures(words []string, yen string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = strings.ReplaceAll(w, "¤", yen)
	}
	return out
}

// Whole are words of l's catalog that a line never breaks inside, as its
// messages write them (each spelling); nil for none. Views put each in a
// box of its own (span.term, white-space: nowrap). Thai's "แซนด์บ็อกซ์"
// (sandbox) is not in the browser's Thai dictionary, which broke it
// mid-syllable ("แซนด์บ็ ⏎ อกซ์") on a 320 px phone, nor "อีนาเมล"
// (enamel, in the mug's name: "อีนา ⏎ เมล" in My orders); "อีกครั้ง"
// (again) is two words to it, and broke "อีก ⏎ ครั้ง" in a refused
// payment's "please try again" at 390 and 320 px. So, to it, are
// Thai's compounds of two words that read as one: "ร้านค้า" (shop:
// "ร้าน ⏎ ค้า" in a failed refund's "as far as the shop knows"),
// "ตรวจสอบ" (check: "ตรวจ ⏎ สอบ" in a declined card's "security
// check"), "คาดว่า" (expect: "คาด ⏎ ว่า" in a processing payment's "we
// expect to know"), and the rest of that kind on the buyer's pages:
// "คำสั่งซื้อ" (order), "เรียกเก็บ" (charge), "ได้รับ" (receive),
// "ดำเนินการ", "หมดอายุ", "สิ้นสุด", "ภายหลัง", "ช่องทาง",
// "ตัวเลือก", "เต็มจำนวน" (in full: "เต็ม ⏎ จำนวน" in the headline of
// an order refunded in full), "ส่วนหนึ่ง", "บางส่วน" (part, partly) and
// in the products' names "กาน้ำชา" (teapot), "สกัดเย็น" (cold brew),
// "พิธีชงชา" (tea ceremony: "พิธีชง ⏎ ชา") and "ลายจุด" (dotted: "ลาย ⏎
// จุด"), both in My orders at 320 px once the quantity went with the
// name's last word;
// "ชำระเงิน" (pay: "ชำระ ⏎ เงิน" in the sandbox banner on every page),
// "ส่งคืน" (send back: "ส่ง ⏎ คืน" in a refund on its way),
// "เคลื่อนย้าย" (move: "เคลื่อน ⏎ ย้าย" in the sandbox banner) and
// "ยอดเงิน" (balance: "ยอด ⏎ เงิน" in a declined card's reason at 320 px)
// and "เข้าสู่ระบบ" (sign in: the guest's My orders hint broke its link
// "เข้าสู่ ⏎ ระบบ" at 320 px with real fonts), and "เกินไป" (too many:
// "เกิน ⏎ ไป" in the link page's refused renew at 390 px).
// The names' loanwords it does not know either: "โทโคนาเมะ" (Tokoname:
// "กาน้ำชาโทโคนา ⏎ เมะ" on the sandbox's card page at 320 px), "มัทฉะ",
// "ฟุโรชิกิ", "ออริจิน", "แคมป์". "วอลเล็ต" (wallet) and "คิวอาร์โค้ด" (QR code) are
// loanwords it does not know: "วอลเล็ ⏎ ตนี้", "คิว ⏎ อาร์". A word of
// one letter, a hyphen and the rest may break at its hyphen wherever a
// line ends there, leaving the letter alone: Malay's "e-dompet"
// (e-wallet: "Pautkan e- ⏎ dompet") and "e-mel" (email), English's
// "e-wallet" ("linked e- ⏎ wallet" on the storefront). Markup, not
// an invisible joiner in the catalogs: copied or searched, the words stay
// as written.
func (l Language) Whole() []string { return whole[l.Code] }

// English is the source language.
var English = Languages[0]

var matcher language.Matcher

func init() {
	tags := make([]language.Tag, len(Languages))
	for i := range Languages {
		Languages[i].tag = language.MustParse(Languages[i].Code)
		tags[i] = Languages[i].tag
	}
	English = Languages[0]
	matcher = language.NewMatcher(tags)
	for _, l := range Languages {
		yen, _ := symbolIn(message.NewPrinter(l.tag), l.tag, "JPY")
		whole[l.Code] = yenFigures(slices.Concat(whole[l.Code], writtenOnFigures[l.Code], figures), yen)
	}
}

// ByCode returns the language with exactly this code ("ko", "zh-Hant"),
// as the switcher and its cookie name them.
func ByCode(code string) (Language, bool) {
	for _, l := range Languages {
		if l.Code == code {
			return l, true
		}
	}
	return Language{}, false
}

// Match chooses the language of a page: the buyer's own choice (the code
// the switcher stored) when it names one of Languages, else the best
// match for the browser's Accept-Language header ("zh-TW" and "zh-HK"
// read Traditional Chinese, "zh-CN" and "zh" Simplified), else English.
func Match(chosen, acceptLanguage string) Language {
	if l, ok := ByCode(chosen); ok {
		return l
	}
	prefs, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(prefs) == 0 {
		return English
	}
	_, i, conf := matcher.Match(prefs...)
	if conf == language.No {
		return English
	}
	return Languages[i]
}
