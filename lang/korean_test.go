package lang

import "testing"

// TestKoreanParticles: a wallet or method name in a Korean sentence is
// followed by the particle its reading takes, not "을(를)".
func TestKoreanParticles(t *testing.T) {
	ko, _ := ByCode("ko")
	l := For(ko)
	cases := []struct{ id, wallet, want string }{
		{"link.pending_detail", "Kakao Pay", "휴대폰에서 Kakao Pay를 열고 코드를 스캔한 뒤 동의하세요. 이 페이지는 자동으로 업데이트됩니다."},
		{"link.phone_head", "Touch 'n Go eWallet", "Touch 'n Go eWallet을 열어 연결하세요"},
		{"link.phone_head", "GCash", "GCash를 열어 연결하세요"},
		{"link.phone_head", "카카오페이", "카카오페이를 열어 연결하세요"},
		{"link.phone_head", "토스뱅크", "토스뱅크를 열어 연결하세요"},
		{"link.phone_head", "우리은행", "우리은행을 열어 연결하세요"},
		{"link.linked_detail", "DANA", "이제 DANA로 한 번에 결제할 수 있습니다."},
		{"link.linked_detail", "Touch 'n Go eWallet", "이제 Touch 'n Go eWallet으로 한 번에 결제할 수 있습니다."},
		{"link.unlinked_detail", "AlipayHK", "AlipayHK는 여기에서 연결되었지만 이후 연결이 해제되어 한 번에 결제할 수 없습니다. 다시 연결할 수 있습니다."},
		// A name whose reading is not known keeps both forms.
		{"link.phone_head", "Zqx", "Zqx을(를) 열어 연결하세요"},
	}
	for _, c := range cases {
		if got := l.T(c.id, Args{"Wallet": c.wallet}); got != c.want {
			t.Errorf("%s with %q = %q, want %q", c.id, c.wallet, got, c.want)
		}
	}
	// Only the name's own particle is picked; other languages are untouched.
	en := For(English)
	if got := en.T("link.phone_head", Args{"Wallet": "Kakao Pay"}); got != "Open Kakao Pay to link it" {
		t.Errorf("en phone_head = %q", got)
	}
}

// TestKoreanNumberEndings: numbers ending names (masked accounts, card
// digits) read in Sino-Korean.
func TestKoreanNumberEndings(t *testing.T) {
	cases := []struct {
		name string
		want int
	}{
		{"Visa •••• 4242", endVowel},        // 이
		{"GCash 0917****123", endConsonant}, // 삼
		{"Visa •••• 1881", endRieul},        // 일
		{"Card 1230", endConsonant},         // 십
		{"Card 0000", endConsonant},         // 영
		{"Kakao Pay", endVowel},             // 페이
		{"우리은행", endConsonant},              // 행
		{"서울", endRieul},                    // 울
		{"•••", endUnknown},
		{"", endUnknown},
	}
	for _, c := range cases {
		if got := koEnding(c.name); got != c.want {
			t.Errorf("koEnding(%q) = %d, want %d", c.name, got, c.want)
		}
	}
	ko, _ := ByCode("ko")
	if got := For(ko).NameParticles("\x00(으)로 결제", "\x00", "Visa •••• 1881"); got != "\x00로 결제" {
		t.Errorf("NameParticles after ㄹ = %q", got)
	}
	if got := For(ko).NameParticles("\x00(으)로 결제", "\x00", "GCash 0917****123"); got != "\x00으로 결제" {
		t.Errorf("NameParticles after 삼 = %q", got)
	}
	if got := For(English).NameParticles("x(으)로", "x", "Kakao Pay"); got != "x(으)로" {
		t.Errorf("English NameParticles changed %q", got)
	}
}
