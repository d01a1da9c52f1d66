package views

import (
	"regexp"
	"strings"
)

// Hidden is a form field a confirmation sends again, as it was.
type Hidden struct{ Name, Value string }

// ConfirmPage asks the buyer to confirm an action before it is done: its
// form posts to Action with confirm=yes; Back leaves everything as it was.
// The page works without JavaScript.
type ConfirmPage struct {
	Page
	Action string
	Back   string
	// Subject: what the action is about, {"GCash", "0917****123"}, {"Visa",
	// "•••• 4242"}: its name and its account each kept whole on a line, as
	// the wallet list keeps them ("Kakao Pay 010- ⏎ ****-5678" at 320 px).
	Subject WalletNamed
	Mark    string // the subject's brand, for its badge (wallet code or card brand name)
}

// AdminConfirm asks staff to confirm a refund, a void, an unlink or a
// card removal. The admin is in English: the handler words it.
type AdminConfirm struct {
	AdminPage
	Question string // the page's heading: "Refund $12.00 of order ORD-…?"
	Detail   string // what happens, in a sentence or two
	// Settles, when set, says what else the action settles, after Detail
	// (a refund that makes good failed refunds still owed).
	Settles string
	// Caution, when set, is a warning said before Detail, ending in a
	// link: CautionLink's text CautionLinkText (a page to look at first).
	Caution, CautionLink, CautionLinkText string
	Facts                                 []Fact // what the action is about
	Action                                string // where the form posts, with Fields and confirm=yes
	Fields                                []Hidden
	Button                                string // "Refund $12.00"
	Back                                  string // where "Cancel" goes
}

// Fact is one line of a confirmation's summary: Label and its Value, or
// a list under one label (an order's refunds so far): Items, each a line
// of its own led by its own Label ("Refunded", "Failed") and the list
// known by ID (data-testid "confirm-"+ID, its label's "confirm-"+ID+"-label").
type Fact struct {
	Label, Value string
	ID           string
	Items        []Fact
}

// orderRefPattern matches an order ref as checkout makes them
// ("ORD-20261202-FXCGUTYUUA").
var orderRefPattern = regexp.MustCompile(`ORD-[0-9]{8}-[A-Z0-9]+`)

// questionPart is a piece of a staff confirmation's question: Words, or
// an order ref (Ref), kept whole on one line (.ref, never broken at its
// hyphen), with the punctuation right after it (Then: "?") inside the
// ref's box: in a heading a ref is an inline-block (app.css: it moves to
// a line of its own whole, never breaks at its hyphen, and is set smaller
// where a line is narrower than it), and a line may break after a box — a
// "?" after it went to a line of its own whenever the ref filled its line.
type questionPart struct{ Words, Ref, Then string }

// refFollowers are the marks that end a question or a clause after a
// ref, never to start a line of their own.
const refFollowers = "?!.,:;)"

// questionParts cuts s around the order refs it names.
func questionParts(s string) []questionPart {
	var out []questionPart
	for {
		m := orderRefPattern.FindStringIndex(s)
		if m == nil {
			break
		}
		if m[0] > 0 {
			out = append(out, questionPart{Words: s[:m[0]]})
		}
		rest := strings.TrimLeft(s[m[1]:], refFollowers)
		out = append(out, questionPart{Ref: s[m[0]:m[1]], Then: s[m[1] : len(s)-len(rest)]})
		s = rest
	}
	if s != "" {
		out = append(out, questionPart{Words: s})
	}
	return out
}

// emailPattern matches an email address inside a sentence (a staff
// email in a fact: "$2.00 by ann@shop.example on …"), the marks that
// end a clause after it (";", ",") left out.
var emailPattern = regexp.MustCompile(`[^\s@;,()]+@[^\s@;,()]+[^\s@;,().]`)

// factPart is a piece of a confirmation's fact: Words, or an Email kept
// whole as staff pages keep emails (emailParts: it moves to a line of its
// own whole, and breaks before its "@" only when wider than the line) —
// in a phone's narrow column a plain "admin@shop.example" broke at a dot.
type factPart struct{ Words, Email string }

// factParts cuts s around the email addresses it names.
func factParts(s string) []factPart {
	var out []factPart
	for {
		m := emailPattern.FindStringIndex(s)
		if m == nil {
			break
		}
		if m[0] > 0 {
			out = append(out, factPart{Words: s[:m[0]]})
		}
		out = append(out, factPart{Email: s[m[0]:m[1]]})
		s = s[m[1]:]
	}
	if s != "" {
		out = append(out, factPart{Words: s})
	}
	return out
}
