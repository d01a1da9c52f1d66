package antom

import "golang.org/x/text/language"

// DeviceLanguage writes a language (a BCP 47 tag, as a page's
// <html lang>: "th", "zh-Hant") the way Antom's env.deviceLanguage
// carries one in its samples: language and most likely region joined by
// "_" ("th_TH", "zh_TW", "en_US"; API.md §4.1). "" for "" or a tag that
// cannot be read.
func DeviceLanguage(tag string) string {
	t, err := language.Parse(tag)
	if tag == "" || err != nil {
		return ""
	}
	base, _ := t.Base()
	region, _ := t.Region()
	return base.String() + "_" + region.String()
}
