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
// Antom made or is processing, which refunds made since were counted
// towards them, what the buyer got twice (or gets if what is processing
// is made), and whom to ask.
func (t AdminMadeLateTwice) words() sentence {
	var s sentence
	them := plural(len(t.Late)+len(t.Found), "it", "them")
	if len(t.Late) > 0 {
		s.say("Antom made ", plural(len(t.Late), "refund ", "refunds "))
		s.ids(t.Late)
		s.say(" after we had closed ", plural(len(t.Late), "it", "them"), " as failed")
		if len(t.Found) > 0 {
			s.say(", and is processing ", plural(len(t.Found), "refund ", "refunds "))
			s.ids(t.Found)
			s.say(", which we had closed as failed too")
		}
	} else {
		s.say("Antom is processing ", plural(len(t.Found), "refund ", "refunds "))
		s.ids(t.Found)
		s.say(", which we had closed as failed")
	}
	s.say("; ", plural(len(t.Since), "refund ", "refunds "))
	s.ids(t.Since)
	s.say(", made since, ", plural(len(t.Since), "was", "were"), " counted towards making ", them, " good.")
	switch {
	case t.Got && t.Processing:
		s.say(" If Antom makes the refunds made since that are still processing, the buyer gets ", t.Twice, " more than was meant.")
	case t.Got:
		s.say(" The buyer got ", t.Twice, " more than was meant.")
	}
	if t.More {
		s.say(" If Antom makes ")
		s.ids(t.Found)
		if t.Got {
			s.say(" too, the buyer gets ", t.MayTwice, " more than was meant in all.")
		} else {
			s.say(", the buyer gets ", t.MayTwice, " more than was meant.")
		}
	}
	if t.More || t.Processing {
		s.say(" Ask Antom, and contact the buyer.")
	} else {
		s.say(" Contact the buyer.")
	}
	return s
}
