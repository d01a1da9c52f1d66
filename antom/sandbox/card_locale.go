package sandbox

import (
	"net/http"
	"net/url"

	"golang.org/x/text/language"

	"antom-checkout/lang"
)

// localeParam is the hosted card page's query parameter naming the
// language it speaks: the one pay's env.deviceLanguage asked for, put in
// the page's address (normalUrl) when the payment is made, as Antom's
// cashier builds its page from the request. The page keeps it across
// its forms through the payment's stored address (payment.ActionURL).
const localeParam = "locale"

// cardLocale is the card page language for a pay request's
// env.deviceLanguage (as Antom writes one, "th_TH", "zh_TW"; a BCP 47
// tag, "zh-Hant", "ko-KR", too): the best of
// cardLanguages, or "" when it names none of them (the page then goes by
// the browser's Accept-Language, cardWordsFor).
func cardLocale(deviceLanguage string) string {
	tag, err := language.Parse(deviceLanguage)
	if deviceLanguage == "" || err != nil {
		return ""
	}
	_, i, conf := cardMatcher.Match(tag)
	if conf == language.No {
		return ""
	}
	return cardLanguages[i].code
}

// cardWordsOf is the card page's language for payment p seen by request
// r: the one its pay asked for (localeParam in its page's address), else
// the browser's (cardWordsFor) — for a payment not known too.
func cardWordsOf(r *http.Request, p payment) (string, *cardWords) {
	if u, err := url.Parse(p.ActionURL); err == nil {
		code := u.Query().Get(localeParam)
		for _, l := range cardLanguages {
			if code != "" && l.code == code {
				return l.code, l.words
			}
		}
	}
	return cardWordsFor(r)
}

// cardAmount writes an amount of minor units of currency as the merchant
// app's pages write money in language code (lang.Localizer.Money: "฿"
// or "JP¥" and the language's grouping), with the currency's minor units
// as Antom counts them (minorDigits); a language the app does not have
// gets English's way.
func cardAmount(code, currency string, minor int64) string {
	l, ok := lang.ByCode(code)
	if !ok {
		l = lang.English
	}
	return lang.For(l).Money(currency, minor, minorDigits(currency))
}
