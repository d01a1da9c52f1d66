package handlers

import (
	"net/http"
	"net/url"
	"testing"
)

// confirmation is what a staff action's confirmation page posts when its
// Confirm is pressed, reached as a browser reaches it: the action's first
// form (fields, without confirm) posted to path must answer 303 to the
// action's confirmation, signed for the session (confirmationOf); that
// page, opened, must show a Confirm; its form's hidden fields as the page
// holds them (confirmForm: confirm=yes, the fields, signature and seal)
// are returned. Any other answer fails the test.
func (b *browserClient) confirmation(path string, fields url.Values) url.Values {
	b.t.Helper()
	first := b.post(path, fields)
	if first.status != http.StatusSeeOther {
		b.t.Fatalf("POST %s %v: %d %q, want 303 to its confirmation:\n%s", path, fields, first.status, first.location, first.body)
	}
	shown := b.get(confirmationOf(b.t, first.location, path))
	if shown.status != http.StatusOK {
		b.t.Fatalf("GET %s: %d %q, want its confirmation:\n%s", first.location, shown.status, shown.location, shown.body)
	}
	return confirmForm(b.t, shown.body)
}

// confirm does a staff action as a browser does: its first form (fields)
// posted to path, the confirmation it is sent to, and that page's Confirm
// pressed (confirmation); it returns the Confirm's answer.
func (b *browserClient) confirm(path string, fields url.Values) page {
	b.t.Helper()
	return b.post(path, b.confirmation(path, fields))
}

// shownBefore is what the Confirm of a confirmation of the action at path
// with fields posts, as the page would have held it had b's sign-in been
// shown it before the data changed (a tab left open): confirm=yes, the
// fields, this sign-in's signature (postSig) and the seal over them
// (sealOver). For a test of what the action's own checks say when such a
// Confirm is pressed once its action may no longer be done — the page
// itself, opened now, would say there is nothing to confirm.
func shownBefore(t *testing.T, ta *testApp, b *browserClient, path string, fields url.Values) url.Values {
	t.Helper()
	key := confirmKeyOf(t, ta, b, path)
	posted := url.Values{}
	for k, v := range fields {
		posted[k] = append([]string(nil), v...)
	}
	posted.Set("confirm", "yes")
	posted.Set(confirmSigParam, postSig(key, path))
	posted.Set(confirmSealParam, sealOver(key, path, posted))
	return posted
}
