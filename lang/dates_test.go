package lang

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestDates(t *testing.T) {
	at := time.Date(2026, 1, 2, 15, 4, 0, 0, time.FixedZone("KST", 9*3600)) // 06:04 UTC
	cases := []struct{ lang, date, datetime, tm string }{
		{"en", "2 Jan 2026", "2 Jan 2026, 06:04 UTC", "06:04 UTC"},
		{"zh-Hans", "2026年1月2日", "2026年1月2日 06:04 UTC", "06:04 UTC"},
		{"zh-Hant", "2026年1月2日", "2026年1月2日 上午6:04 UTC", "上午6:04 UTC"},
		{"ko", "2026년 1월 2일", "2026년 1월 2일 오전 6:04 UTC", "오전 6:04 UTC"},
		{"id", "2 Jan 2026", "2 Jan 2026 06.04 UTC", "06.04 UTC"},
		{"ms", "2 Jan 2026", "2 Jan 2026, 6:04 PG UTC", "6:04 PG UTC"},
		{"th", "2 ม.ค. 2569", "2 ม.ค. 2569 06:04 UTC", "06:04 UTC"},
	}
	for _, c := range cases {
		l, _ := ByCode(c.lang)
		loc := For(l)
		if got := loc.Date(at); got != c.date {
			t.Errorf("%s: Date = %q, want %q", c.lang, got, c.date)
		}
		if got := loc.DateTime(at); got != c.datetime {
			t.Errorf("%s: DateTime = %q, want %q", c.lang, got, c.datetime)
		}
		if got := loc.Time(at); got != c.tm {
			t.Errorf("%s: Time = %q, want %q", c.lang, got, c.tm)
		}
	}
	pm := time.Date(2026, 8, 31, 0, 30, 0, 0, time.UTC)
	if got := For(Languages[3]).DateTime(pm); got != "2026년 8월 31일 오전 12:30 UTC" {
		t.Errorf("ko midnight: %q", got)
	}
	if got := For(Languages[0]).Date(pm); got != "31 Aug 2026" {
		t.Errorf("en: %q", got)
	}
}

// A time of day sits in a Chinese sentence as a word of it: no space
// between it and a Chinese character next to it ("最遲在上午9:58 UTC 前",
// not "最遲在 上午9:58 UTC 前"), as Traditional Chinese's time begins
// with 上午/下午. Every message given a time of day (an At or a Time
// argument; format.* joins a date and a time with a space on purpose)
// is read with one put in.
func TestTimesSitInChineseSentences(t *testing.T) {
	hanSpaceHan := regexp.MustCompile(`\p{Han} +\p{Han}`)
	at := time.Date(2026, 12, 3, 9, 58, 0, 0, time.UTC)
	for _, code := range []string{"zh-Hans", "zh-Hant"} {
		l, _ := ByCode(code)
		tm := For(l).Time(at)
		for id, words := range catalog(t, code) {
			if strings.HasPrefix(id, "format.") || !strings.Contains(words, "{{.At}}") && !strings.Contains(words, "{{.Time}}") {
				continue
			}
			said := strings.NewReplacer("{{.At}}", tm, "{{.Time}}", tm).Replace(words)
			if bad := hanSpaceHan.FindString(said); bad != "" {
				t.Errorf("%s %s: %q has a space inside %q", code, id, said, bad)
			}
		}
	}
}
