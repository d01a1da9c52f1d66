package views

import (
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"antom-checkout/lang"
)

// gluedParts are markParts with what touches the marked part right after
// it (trailEnd: "." in English, "。" in Chinese, Korean's particle
// "(으)로"; "" when a space follows, as Thai's " อยู่แล้ว") cut off as
// glue, for the template to end the marked part's last box with
// (emailPartsThen): an email kept whole (.whole) then never leaves its
// full stop, nor its particle, alone at the start of a line ("(으)로"
// began a line of its own at 320 px).
func gluedParts(ctx context.Context, id, field string) (parts []part, glue string) {
	parts = markParts(ctx, id, field, nil)
	for i := range len(parts) - 1 {
		if parts[i].Link != 0 && parts[i+1].Link == 0 {
			next := parts[i+1].Words
			cut := trailEnd(next)
			glue, parts[i+1].Words = next[:cut], next[cut:]
			break
		}
	}
	return parts, glue
}

// trailEnd is where the words after a marked part stop touching it: its
// closing punctuation (Unicode Po, Pe, Pf), then a Korean particle
// written on after it (particleEnd), one in both forms ("(으)로",
// bothFormsOpen) too. Words or a space stop it.
func trailEnd(next string) int {
	cut := strings.IndexFunc(next, func(r rune) bool { return !unicode.In(r, unicode.Po, unicode.Pe, unicode.Pf) })
	if cut < 0 {
		cut = len(next)
	}
	if r, _ := utf8.DecodeRuneInString(next[cut:]); unicode.Is(unicode.Hangul, r) || strings.HasPrefix(next[cut:], bothFormsOpen) {
		cut += particleEnd(next[cut:])
	}
	return cut
}

// glueLinks moves the punctuation that touches each link of a cut
// sentence into the link's part: from the words before it their last
// opening marks (Unicode Ps, Pi) and the Korean word they are written
// onto (leadStart: "상점(" before an address), into Lead; from the words after it their first closing ones (Pe, Pf,
// Po: "." in English, "。" in Chinese, Korean's ")"), and the Korean
// particle written on after them (")에", or a particle in both forms,
// "(으)로"), into Trail. Words or a space between stop the cut. The template renders a
// link with them inside one span that lines never break (glued, app.css
// .glued): a line never starts with the "。" after a link, nor ends with
// the "(" before one — Chromium breaks freely beside an inline block, as
// a link holding a boxed word (.term) or an address kept whole is. parts
// is not changed; words parts left empty stay, saying nothing.
func glueLinks(parts []part) []part {
	parts = slices.Clone(parts)
	for i := range parts {
		if parts[i].Link == 0 {
			continue
		}
		if i > 0 && parts[i-1].Link == 0 {
			words := parts[i-1].Words
			before, _ := leadWord(words) // up to its last opening marks
			cut := leadStart(words, len(before))
			parts[i].Lead, parts[i-1].Words = words[cut:], words[:cut]
		}
		if i+1 < len(parts) && parts[i+1].Link == 0 {
			next := parts[i+1].Words
			cut := trailEnd(next)
			parts[i].Trail, parts[i+1].Words = next[:cut], next[cut:]
		}
	}
	return parts
}

// leadStart is where the Lead of a link starts in words, the words
// before it, whose opening marks start at cut: at the Korean word written
// onto the link or its marks ("상점(" before the shop's address in
// "상점(help@…)에 문의하세요"), back to the space before it — the word,
// its bracket, the address and the particle after it are one word to a
// Korean reader, and a line broke "상점 ⏎ (help@demo-shop.example)에" at
// 320 and 390 px (trial). After a space, or anything but Hangul, at cut.
func leadStart(words string, cut int) int {
	if r, _ := utf8.DecodeLastRuneInString(words[:cut]); !unicode.Is(unicode.Hangul, r) {
		return cut
	}
	return strings.LastIndexFunc(words[:cut], unicode.IsSpace) + 1
}

// leadWord cuts a link's Lead into the word it holds (Korean's "상점")
// and the opening marks that end it ("("); word is "" when it holds marks
// only. Of the words before a link, it cuts off their last opening marks
// (glueLinks).
func leadWord(lead string) (word, marks string) {
	cut := len(lead)
	for cut > 0 {
		r, size := utf8.DecodeLastRuneInString(lead[:cut])
		if !unicode.In(r, unicode.Ps, unicode.Pi) {
			break
		}
		cut -= size
	}
	return lead[:cut], lead[cut:]
}

// bothFormsOpen starts the one Korean particle whose both forms begin
// with a bracket, "(으)로": glued to a link like any particle written on
// it — an e-mail address's "(으)로" began a line of its own at 320 px.
const bothFormsOpen = "(으)"

// particleEnd is where the Korean word that s starts ends (its first
// space, or all of s): a particle written onto what precedes it
// ("(help@…)에 문의하세요"), which a line must not take from it.
func particleEnd(s string) int {
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return i
	}
	return len(s)
}

// linkParts are markParts with the punctuation around the marked part
// glued on (glueLinks), for a sentence whose marked part is a link.
func linkParts(ctx context.Context, id, field string, args lang.Args) []part {
	return glueLinks(markParts(ctx, id, field, args))
}

// signedInParts are the signed-in box's "You are signed in as {{.Email}}."
// cut around the email, its full stop glued on (gluedParts).
func signedInParts(ctx context.Context) (parts []part, glue string) {
	return gluedParts(ctx, "auth.signed_in_as", "Email")
}
