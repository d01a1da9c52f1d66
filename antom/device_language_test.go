package antom

import "testing"

// Each of the shop's languages goes to Antom as its samples write one.
func TestDeviceLanguageIsWrittenAsAntomWritesIt(t *testing.T) {
	for tag, want := range map[string]string{
		"en": "en_US", "zh-Hans": "zh_CN", "zh-Hant": "zh_TW", "ko": "ko_KR",
		"id": "id_ID", "ms": "ms_MY", "th": "th_TH", "": "", "not a tag!": "",
	} {
		if got := DeviceLanguage(tag); got != want {
			t.Errorf("DeviceLanguage(%q) = %q, want %q", tag, got, want)
		}
	}
}
