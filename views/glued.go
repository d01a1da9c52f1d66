package views

import (
	"context"
	"strings"
	"unicode"
)

// gluedParts are markParts with the closing punctuation right after the
// marked part ("." in English, "。" in Chinese; "" when words or a space
// follow, as Korean's "(으)로" or Thai's " อยู่แล้ว") cut off as glue, for
// the template to end the marked part's last box with (emailPartsThen):
// an email kept whole (.whole) then never leaves its full stop alone at
// the start of a line.
func gluedParts(ctx context.Context, id, field string) (parts []part, glue string) {
	parts = markParts(ctx, id, field, nil)
	for i := range len(parts) - 1 {
		if parts[i].Link != 0 && parts[i+1].Link == 0 {
			next := parts[i+1].Words
			cut := strings.IndexFunc(next, func(r rune) bool { return !unicode.In(r, unicode.Po, unicode.Pe, unicode.Pf) })
			if cut < 0 {
				cut = len(next)
			}
			glue, parts[i+1].Words = next[:cut], next[cut:]
			break
		}
	}
	return parts, glue
}

// signedInParts are the signed-in box's "You are signed in as {{.Email}}."
// cut around the email, its full stop glued on (gluedParts).
func signedInParts(ctx context.Context) (parts []part, glue string) {
	return gluedParts(ctx, "auth.signed_in_as", "Email")
}
