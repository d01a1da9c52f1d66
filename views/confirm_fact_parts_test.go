package views

import (
	"context"
	"regexp"
	"strings"
	"testing"
)

// A confirmation's fact keeps each email in it whole (emailParts in a
// .whole box), its words and punctuation around it as they were: the text
// reads the same, spaces included.
func TestConfirmFactKeepsEmailsWhole(t *testing.T) {
	value := "$2.00, sent by admin@127.0.0.1 on 5 Dec 2026 12:00:00 UTC; by ann.lee@shop.example, (x@y.example)."
	var b strings.Builder
	m := AdminConfirm{Facts: []Fact{{Label: "Refunded", Value: value}}}
	if err := AdminConfirmPage(m).Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	tags := regexp.MustCompile(`<[^>]*>`)
	var whole []string
	for _, m := range regexp.MustCompile(`<span class="whole">(.*?)</span></span>`).FindAllStringSubmatch(page, -1) {
		whole = append(whole, tags.ReplaceAllString(m[1], ""))
	}
	if got := strings.Join(whole, " "); got != "admin@127.0.0.1 ann.lee@shop.example x@y.example" {
		t.Fatalf("emails kept whole: %q\n%s", got, page)
	}
	i := strings.Index(page, "<dd>")
	j := strings.Index(page[i:], "</dd>")
	text := tags.ReplaceAllString(page[i:i+j], "")
	if got := strings.Join(strings.Fields(text), " "); got != value {
		t.Fatalf("the fact reads\n%q\nwant\n%q", got, value)
	}
}
