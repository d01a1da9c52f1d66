package handlers

import (
	"net/http"
	"net/url"
	"strings"
)

// refusedAt posts form to path, an action refused for where things stand
// now (not for what the form holds): the answer must be a 303 to the page
// at to (Post/Redirect/Get, so that Reload sends nothing again) naming
// its notice (?notice=: noticeTo, toCheckout, toResult), which is
// returned as the browser shows it next, saying want exactly once; shown
// again, that page no longer says it.
func (b *browserClient) refusedAt(to, path string, form url.Values, want string) page {
	b.t.Helper()
	return b.refusedWith(to, "POST "+path, b.post(path, form), want)
}

// refusedWith checks p, the answer to the request named path, as
// refusedAt says.
func (b *browserClient) refusedWith(to, path string, p page, want string) page {
	b.t.Helper()
	if p.status != http.StatusSeeOther || !namesNotice(p.location, to) {
		b.t.Fatalf("%s: %d %q, want 303 to %s:\n%s", path, p.status, p.location, to, p.body)
	}
	shown := b.get(p.location)
	// Said once on the page (its text: a notice's words for later, in
	// its attributes, are not said now).
	said := strings.Count(html(b.t, shown.body).Text(), want)
	if shown.status != http.StatusOK || said != 1 {
		b.t.Fatalf("GET %s after %s: %d, says %q %d times, want once:\n%s", p.location, path, shown.status, want, said, shown.body)
	}
	if again := b.get(p.location); strings.Contains(again.body, want) {
		b.t.Fatalf("GET %s again still says %q:\n%s", p.location, want, again.body)
	}
	return shown
}
