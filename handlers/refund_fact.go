package handlers

import (
	"unicode"
	"unicode/utf8"

	"antom-checkout/checkout"
	"antom-checkout/views"
)

// refundFact says refund r as a line of the confirmation's refunds so far
// (refundsSoFar), led by how it stands: "Refunded: $10.00 by
// ann@shop.example on 1 Dec 2026 11:15:31 UTC" ("outside this app (in
// Antom)" for one made in Antom Dashboard or by another system); one not
// made says when it was sent and what became of it ("Being refunded:
// $10.00, sent by … on …; Antom is still processing it", "Failed: …").
func refundFact(r checkout.RefundInfo) views.Fact {
	who := "by " + r.CreatedBy
	switch {
	case r.Outside:
		who = "outside this app (in Antom)"
	case r.CreatedBy == "":
		who = "automatically"
	}
	if r.Status == checkout.RefundSuccess {
		at := r.RefundedAt
		if at.IsZero() {
			at = r.CreatedAt
		}
		return views.Fact{Label: "Refunded", Value: r.Amount.String() + " " + who + " on " + views.AdminTime(r.Zone, at)}
	}
	sent := r.Amount.String() + ", sent " + who + " on " + views.AdminTime(r.Zone, r.CreatedAt)
	switch {
	case r.Status == checkout.RefundFail:
		return views.Fact{Label: "Failed", Value: sent + failedWords(r)}
	case r.Unconfirmed():
		return views.Fact{Label: "Being refunded", Value: sent + "; Antom has not confirmed it yet"}
	}
	return views.Fact{Label: "Being refunded", Value: sent + "; Antom is still processing it"}
}

// failedWords says what became of failed refund r since: who closed it,
// then whether it was settled another way, tried again, is still owed,
// or is owed nothing now (later refunds made it good, or the payment has
// nothing left to refund). A failure we decided ourselves (OursOnly) may
// yet be done at Antom: where it stands now (checkout's ClosedByUsNow)
// follows as a sentence of its own — never in brackets, since its words
// hold brackets of their own once Antom was found processing it ("Antom
// is processing it (found by … on …): …").
func failedWords(r checkout.RefundInfo) string {
	if !r.OursOnly {
		return "; " + sinceFailed(r)
	}
	return "; closed as failed by us, not by Antom; " + sinceFailed(r) + ". " + sentence(r.ClosedByUsNow()) + "."
}

// sinceFailed is failedWords' clause of what became of failed refund r
// since it failed, with no capital or stop.
func sinceFailed(r checkout.RefundInfo) string {
	switch {
	case !r.HandledAt.IsZero():
		return r.HandledAmount.String() + " of it settled another way"
	case r.RetriedBy != "":
		return "tried again as " + r.RetriedBy
	case r.OpenFailure && r.OursOnly:
		return r.Owed.String() + " of it still owed to the buyer unless Antom makes it"
	case r.OpenFailure:
		return r.Owed.String() + " of it still owed to the buyer"
	case r.OutsideTook:
		return "nothing of it owed: refunds made outside this app had already taken that amount"
	case r.Automatic && r.OutsideGave.Minor > 0:
		rest := checkout.Money{Currency: r.Amount.Currency, Minor: r.Amount.Minor - r.OutsideGave.Minor}
		return r.OutsideGave.String() + " of it given back by refunds made outside this app; the rest, " + rest.String() + ", to be returned to the buyer another way"
	case r.Automatic:
		return "to be returned to the buyer another way"
	}
	return "nothing of it owed now"
}

// sentence is clause with its first letter a capital ("we stopped …" →
// "We stopped …"), to begin a sentence; the caller ends it.
func sentence(clause string) string {
	if clause == "" {
		return ""
	}
	first, n := utf8.DecodeRuneInString(clause)
	return string(unicode.ToUpper(first)) + clause[n:]
}
