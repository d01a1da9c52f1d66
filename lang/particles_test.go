package lang

import (
	"strings"
	"testing"
)

// money is an Amount for the tests: code, minor units, digits.
type money struct {
	code   string
	minor  int64
	digits int
}

func (m money) AmountParts() (string, int64, int) { return m.code, m.minor, m.digits }

// TestKoreanParticleAfterAnAmount: after an amount, Korean says the one
// form of a particle its currency's word takes — 원 and 링깃 end in a
// consonant, 달러 in a vowel — and keeps both forms for a currency whose
// word it does not know.
func TestKoreanParticleAfterAnAmount(t *testing.T) {
	ko := For(Languages[3])
	if ko.Lang().Code != "ko" {
		t.Fatalf("Languages[3] is %s, want ko", ko.Lang().Code)
	}
	for _, c := range []struct {
		amount money
		want   string
	}{
		{money{"KRW", 15000, 0}, "₩15,000을 받았습니다."},
		{money{"USD", 1850, 2}, "US$18.50를 받았습니다."},
		{money{"MYR", 1850, 2}, "18.50을 받았습니다."},
		{money{"JPY", 2400, 0}, "2,400을 받았습니다."},
		{money{"XAU", 100, 2}, "1.00을(를) 받았습니다."},
	} {
		got := ko.T("result.detail_paid", Args{"Charged": c.amount})
		if !strings.HasSuffix(got, c.want) {
			t.Errorf("%s: %q, want it to end %q", c.amount.code, got, c.want)
		}
	}
	// Both amounts of one message: each its own particle.
	got := ko.T("result.detail_partial", Args{"Authorized": money{"USD", 5000, 2}, "Charged": money{"KRW", 3000, 0}})
	if !strings.Contains(got, "₩3,000이 청구되었고") {
		t.Errorf("partial capture: %q, want ₩3,000이", got)
	}
	// Other languages are left as they are written.
	if got := For(English).T("result.detail_paid", Args{"Charged": money{"KRW", 15000, 0}}); got != "Your order is paid: we received ₩15,000." {
		t.Errorf("English: %q", got)
	}
}

// TestParticleForms: each particle's form by the last syllable's final
// sound; (으)로 takes 로 after ㄹ, as after a vowel.
func TestParticleForms(t *testing.T) {
	forms := map[string]particle{}
	for _, p := range particles["ko"] {
		forms[p.both] = p
	}
	for _, c := range []struct {
		both string
		last rune
		want string
	}{
		{"을(를)", '원', "을"}, {"을(를)", '러', "를"},
		{"이(가)", '깃', "이"}, {"이(가)", '로', "가"},
		{"은(는)", '엔', "은"}, {"은(는)", '트', "는"},
		{"과(와)", '안', "과"}, {"와(과)", '소', "와"},
		{"(으)로", '원', "으로"}, {"(으)로", '러', "로"}, {"(으)로", '발', "로"},
		{"을(를)", 'A', "을(를)"},
	} {
		if got := forms[c.both].after(c.last); got != c.want {
			t.Errorf("%s after %c: %q, want %q", c.both, c.last, got, c.want)
		}
	}
}

// TestKoreanParticleAfterANameOrNumber: after a brand Korean reads, an
// account's last digit, a code read letter by letter, one form; after an
// e-mail address, both.
func TestKoreanParticleAfterANameOrNumber(t *testing.T) {
	ko := For(Languages[3])
	for _, c := range []struct {
		id   string
		args Args
		want string
	}{
		{"link.linked_detail", Args{"Wallet": "GCash"}, "이제 GCash로 한 번에"},
		{"link.linked_detail", Args{"Wallet": "Touch 'n Go eWallet"}, "Touch 'n Go eWallet으로"},
		{"link.phone_head", Args{"Wallet": "Kakao Pay"}, "Kakao Pay를 열어"},
		{"checkout.wallet_unusable_named", Args{"Wallet": "GCash 0917****123"}, "0917****123은 더 이상"},
		{"checkout.wallet_unusable_named", Args{"Wallet": "Visa •••• 4242"}, "4242는 더 이상"},
		{"checkout.wallet_unusable_named", Args{"Wallet": "DANA 0812****5678"}, "5678은 더 이상"},
		{"auth.signed_in_as", Args{"Email": "ana@example.com"}, "ana@example.com(으)로"},
		{"auth.signed_in_as", Args{"Email": "ana@example.kr"}, "ana@example.kr(으)로"},
	} {
		if got := ko.T(c.id, c.args); !strings.Contains(got, c.want) {
			t.Errorf("%s %v: %q, want %q in it", c.id, c.args, got, c.want)
		}
	}
	if got := ko.ParticlesAfter("Alipay 이메일", "을(를) 확인"); got != "을 확인" {
		t.Errorf("after a Korean word: %q, want 을", got)
	}
	if got := ko.ParticlesAfter("AlipayHK", "을(를) 열어"); got != "를 열어" {
		t.Errorf("after AlipayHK: %q, want 를", got)
	}
	if got := ko.ParticlesAfter("JPY", "은(는) 소수점"); got != "는 소수점" {
		t.Errorf("after JPY: %q, want 는", got)
	}
	if got := ko.ParticlesAfter("Kakao Pay 010-****-5678", "에서"); got != "에서" {
		t.Errorf("a particle with one form: %q", got)
	}
}

// TestKoreanParticleKeptWhole: a particle left in both forms is held to
// the character before it (Held: the page boxes it in a nowrap span),
// never inside an HTML entity; other text is held nowhere, and nothing is
// held in a language without particles. The text itself is left as it
// is: no invisible word joiner (U+2060) to be copied with it.
func TestKoreanParticleKeptWhole(t *testing.T) {
	ko := Languages[3]
	s := "ana@example.com(으)로 로그인, a@b.example을(를) (참고) O&#39;Neil을(를)"
	var got []string
	for _, h := range ko.Held(s) {
		got = append(got, s[h[0]:h[1]])
	}
	want := []string{"m(으)로", "e을(를)", "l을(를)"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("held %q, want %q", got, want)
	}
	if got := English.Held("a (b) c"); len(got) != 0 {
		t.Errorf("English: %v", got)
	}
	if got := ko.Held("O&#39;을(를)"); len(got) != 1 || "O&#39;을(를)"[got[0][0]:got[0][1]] != "&#39;을(를)" {
		t.Errorf("after an entity: %v", got)
	}
}
