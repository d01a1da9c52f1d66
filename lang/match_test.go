package lang

import "testing"

func TestMatch(t *testing.T) {
	cases := []struct{ chosen, accept, want string }{
		{"", "", "en"},
		{"", "fr-FR,fr;q=0.9", "en"},
		{"", "zh-CN,zh;q=0.9,en;q=0.8", "zh-Hans"},
		{"", "zh", "zh-Hans"},
		{"", "zh-TW", "zh-Hant"},
		{"", "zh-HK,en;q=0.5", "zh-Hant"},
		{"", "zh-Hant-TW", "zh-Hant"},
		{"", "ko-KR,ko;q=0.9", "ko"},
		{"", "id-ID", "id"},
		{"", "ms-MY", "ms"},
		{"", "th-TH", "th"},
		{"", "fr;q=0.9,th;q=0.8", "th"},
		{"", "en-GB,ko;q=0.5", "en"},
		{"", "not a header;;;", "en"},
		{"ko", "zh-TW", "ko"},      // the buyer's choice wins
		{"xx", "zh-TW", "zh-Hant"}, // an unknown choice is ignored
		{"zh-hant", "th", "th"},    // codes are exact
	}
	for _, c := range cases {
		if got := Match(c.chosen, c.accept); got.Code != c.want {
			t.Errorf("Match(%q, %q) = %s, want %s", c.chosen, c.accept, got.Code, c.want)
		}
	}
}
