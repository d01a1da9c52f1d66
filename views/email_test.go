package views

import (
	"context"
	"strings"
	"testing"
)

// TestEmailLocalPartBreaksAfterItsMarks: an email's local part too wide
// for its line breaks after a dot, underscore, hyphen or plus before it
// breaks anywhere (a <wbr> after each, none at its end), and between it
// and its "@domain"; the words stay escaped. An account id (no "@") is
// one box, with no <wbr>.
func TestEmailLocalPartBreaksAfterItsMarks(t *testing.T) {
	for _, c := range []struct{ email, want string }{
		{"bob-with.a_long+tag@shop.example.com", `<span class="whole"><span>bob-<wbr>with.<wbr>a_<wbr>long+<wbr>tag</span><wbr><span>@shop.example.com</span></span>`},
		{"plain@example.com", `<span class="whole"><span>plain</span><wbr><span>@example.com</span></span>`},
		{"ends.-@example.com", `<span class="whole"><span>ends.<wbr>-</span><wbr><span>@example.com</span></span>`},
		{"<b>.x@example.com", `<span class="whole"><span>&lt;b&gt;.<wbr>x</span><wbr><span>@example.com</span></span>`},
		{"GCash 0917****123", `<span class="whole"><span>GCash 0917****123</span></span>`},
	} {
		var b strings.Builder
		if err := emailText(c.email).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		if got := b.String(); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.email, got, c.want)
		}
	}
}

// TestEmailThenKeepsItsPunctuation: punctuation after an email in a
// sentence ("Staff account added: x@y.example.") is in the email's last
// box, so that it stays on the email's last line — after the box it
// went to a line of its own whenever the email wrapped.
func TestEmailThenKeepsItsPunctuation(t *testing.T) {
	for _, c := range []struct{ email, end, want string }{
		{"a.b@shop.example", ".", `<span class="whole"><span>a.<wbr>b</span><wbr><span>@shop.example.</span></span>`},
		{"GCash 0917****123", "),", `<span class="whole"><span>GCash 0917****123),</span></span>`},
	} {
		var b strings.Builder
		if err := emailTextThen(c.email, c.end).Render(context.Background(), &b); err != nil {
			t.Fatal(err)
		}
		if got := b.String(); got != c.want {
			t.Errorf("%s then %q:\n got %s\nwant %s", c.email, c.end, got, c.want)
		}
	}
	var page strings.Builder
	if err := AdminStaffPage(AdminStaff{Password: "one-time", Added: "a.b@shop.example"}).Render(context.Background(), &page); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(page.String(), `<span>@shop.example.</span></span></strong></p>`) {
		t.Errorf("the staff-added sentence's full stop is not in the email's last box:\n%s", page.String())
	}
}
