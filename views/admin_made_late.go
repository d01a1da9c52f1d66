package views

import "strings"

// wordPart is a piece of a sentence: text, set in a mono span when mono
// (a refundRequestId).
type wordPart struct {
	text string
	mono bool
}

// sentence builds a sentence of wordParts; templ writes them side by
// side, so the spaces are the sentence's own.
type sentence []wordPart

func (s *sentence) say(words ...string) { *s = append(*s, wordPart{text: strings.Join(words, "")}) }

// ids adds refundRequestIds, each mono, joined by ", " and " and ".
func (s *sentence) ids(ids []string) {
	for i, id := range ids {
		switch {
		case i > 0 && i == len(ids)-1:
			s.say(" and ")
		case i > 0:
			s.say(", ")
		}
		*s = append(*s, wordPart{text: id, mono: true})
	}
}

// words is what madeLateTwiceNotice says of t: which refunds we closed
// Antom made after all (or is found processing), that other refunds had
// been counted towards them, what the buyer got twice or gets if what is
// processing is made, what the books still count owed that was paid,
// and whom to ask.
func (t AdminMadeLateTwice) words() sentence {
	var s sentence
	if len(t.Late) > 0 {
		them := plural(len(t.Late), "it", "them")
		s.say("Antom made ", plural(len(t.Late), "refund ", "refunds "))
		s.ids(t.Late)
		s.say(" after we had closed ", them, " as failed, while other refunds had been counted towards making ", them, " good")
		switch {
		case t.GotAny && t.More:
			s.say(": the buyer got ", t.Got, " more than was meant, and gets ", t.May, " more in all if Antom makes the refunds still processing.")
		case t.GotAny:
			s.say(": the buyer got ", t.Got, " more than was meant.")
		case t.More:
			s.say(": if Antom makes the refunds still processing, the buyer gets ", t.May, " more than was meant.")
		default:
			s.say(".")
		}
	}
	if t.OwedAny {
		s.say(" The books still count ", t.Owed, " owed to the buyer that ", plural(len(t.Late), "that refund", "those refunds"),
			" paid: do not refund it again.")
	}
	if t.IfFoundAny {
		them := plural(len(t.Found), "it", "them")
		s.say(" Antom is found processing ", plural(len(t.Found), "refund ", "refunds "))
		s.ids(t.Found)
		s.say(", which we had closed as failed, while other refunds had been counted towards making ", them,
			" good: if Antom makes ", them, ", the buyer gets ", t.IfFound, " more than was meant.")
	}
	if t.More || t.IfFoundAny {
		s.say(" Ask Antom, and contact the buyer.")
	} else if t.GotAny {
		s.say(" Contact the buyer.")
	}
	return s
}

// gotTwice says what the buyer got through retry r (PaidTwice, made)
// whose original Antom made after all: its amount twice, and what that
// was more than was meant when less (the payment's cap took the rest off
// another failure's debt): "$1.00 twice" or "$1.00 twice, $0.50 more
// than was meant".
func gotTwice(r AdminRefund) string {
	if r.Twice == r.Amount || r.Twice == "" {
		return r.Amount + " twice"
	}
	return r.Amount + " twice, " + r.Twice + " more than was meant"
}
