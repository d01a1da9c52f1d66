package views

import (
	"context"
	"time"

	"antom-checkout/lang"
)

// EndedCard is a kept card a payment was refused with, as checkout's
// card box names it: the card as its button read ("Visa", "•••• 4242"),
// the words that tell what became of it (Told: checkout.card_removed_by_you,
// checkout.card_removed_by_shop, on At; checkout.card_no_longer_kept when
// who or when is not known) and the way forward after them (Words:
// checkout.card_ended_others while other kept cards are offered, else
// checkout.card_ended_last).
type EndedCard struct {
	Card  WalletNamed
	At    time.Time
	Told  string
	Words string
}

// EndedCardWords says refused card e ({{.Told}}, then its way forward)
// as plain text.
func EndedCardWords(ctx context.Context, e EndedCard) string {
	return T(ctx, e.Words, lang.Args{"Told": endedCardTold(ctx, e, e.Card.Said())})
}

// endedCardParts are EndedCardWords cut around the card it names (Link
// 1, glued: cutName), for namedParts: its name and its account each kept
// whole on a line.
func endedCardParts(ctx context.Context, e EndedCard) []part {
	return cutName(T(ctx, e.Words, lang.Args{"Told": endedCardTold(ctx, e, nameMark)}))
}

// endedCardTold says what became of card e, naming it as card.
func endedCardTold(ctx context.Context, e EndedCard, card string) string {
	args := lang.Args{"Card": card}
	if !e.At.IsZero() {
		args["When"] = Date(ctx, e.At)
	}
	return T(ctx, e.Told, args)
}
