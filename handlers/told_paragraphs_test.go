package handlers

import (
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// paragraphsOf is the text of the element with data-testid id, one line
// per paragraph it holds (its <p>s; its own text when it holds none), each
// line's spaces made single: what reads as apart on the page reads apart
// here.
func paragraphsOf(t *testing.T, d *goquery.Document, id string) string {
	t.Helper()
	s := testid(d, id)
	if s.Length() != 1 {
		t.Fatalf("%d elements with data-testid %q", s.Length(), id)
	}
	ps := s.Find("p")
	if ps.Length() == 0 {
		return strings.Join(strings.Fields(s.Text()), " ")
	}
	var lines []string
	ps.Each(func(_ int, p *goquery.Selection) { lines = append(lines, strings.Join(strings.Fields(p.Text()), " ")) })
	return strings.Join(lines, "\n")
}
