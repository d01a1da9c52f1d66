package views

import (
	"testing"

	"antom-checkout/lang"
)

// The signed-in sentence's full stop goes with the email; words after it
// (Korean's particle, Thai's) stay words of their own.
func TestGluedPartsTakeOnlyClosingPunctuation(t *testing.T) {
	for code, want := range map[string][2]string{
		"en":      {".", ""},
		"zh-Hans": {"", " 的身份登录。"},
		"ko":      {"", "(으)로 로그인되어 있습니다."},
		"th":      {"", " อยู่แล้ว"},
	} {
		l, ok := lang.ByCode(code)
		if !ok {
			t.Fatalf("no language %s", code)
		}
		parts, glue := signedInParts(lang.WithLocalizer(t.Context(), lang.For(l)))
		after := parts[len(parts)-1].Words
		if parts[len(parts)-1].Link != 0 {
			after = ""
		}
		if glue != want[0] || after != want[1] {
			t.Errorf("%s: glue %q, then %q; want %q, then %q", code, glue, after, want[0], want[1])
		}
	}
}
