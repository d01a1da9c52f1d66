package e2e

import "testing"

// Thai's "เข้าสู่ระบบ" (sign in) reads on one line wherever a guest
// reads it: with real fonts, My orders' hint broke its link "เข้าสู่ ⏎
// ระบบ" at 320 px; the sign-in page and the checkout offer it too.
func TestThaiSignInStaysWholeOnAPhone(t *testing.T) {
	srv := startServer(t, nil)
	b := newBrowser(t, srv.URL)
	b.visit("/")
	b.switchTo("th")
	for _, width := range []int64{320, 390} {
		b.viewport(width, 700, true)
		seen := 0
		for _, path := range []string{"/orders", "/signin", "/signup"} {
			b.visit(path)
			seen += b.wordsOnOneLine([]string{"เข้าสู่ระบบ"})
		}
		if seen < 3 {
			t.Fatalf("%d px: เข้าสู่ระบบ seen %d times, want 3 or more", width, seen)
		}
	}
}
