package sandbox

import (
	"context"

	"antom-checkout/antom"
)

// cardFacts is what notifyPayment and inquiryPayment tell of a hosted
// card payment: its card part and, once the buyer gave it, the card.
type cardFacts struct {
	cp   cardPayment
	card card // zero until the card is known
}

// loadCardFacts reads the card facts of a payment; ok is false for
// payments that are not hosted card payments.
func loadCardFacts(ctx context.Context, db rowQuerier, p payment) (cardFacts, bool, error) {
	if p.MethodType != cardMethod {
		return cardFacts{}, false, nil
	}
	cp, k, found, err := cardDetails(ctx, db, p.PaymentID)
	return cardFacts{cp: cp, card: k}, found && err == nil, err
}

// known reports whether the buyer's card is known.
func (f cardFacts) known() bool { return f.card.Token != "" }

// authExpiry is authExpiryTime once the payment was authorized, else "".
func (f cardFacts) authExpiry() string {
	if f.cp.AuthExpiresAt.IsZero() {
		return ""
	}
	return antomTime(f.cp.AuthExpiresAt)
}

// resultInfo is paymentResultInfo, fields in the order of vector
// notifyPayment_card.json; nil while the card is unknown.
func (f cardFacts) resultInfo(p payment) *antom.PaymentResultInfo {
	if !f.known() {
		return nil
	}
	k := f.card
	return &antom.PaymentResultInfo{
		CardNo:              maskedCardNo(k.LastFour),
		CardBrand:           k.Brand,
		CardToken:           antom.Secret(k.Token),
		IssuingCountry:      k.Country,
		Funding:             k.Funding,
		PaymentMethodRegion: k.Country,
		CardBin:             k.BIN,
		LastFour:            k.LastFour,
		ExpiryMonth:         k.ExpiryMonth,
		ExpiryYear:          k.ExpiryYear,
		ThreeDSResult:       f.threeDS(p),
	}
}

// info is cardInfo (seed 002: the merchant reads cardInfo.cardToken
// first); nil while the card is unknown.
func (f cardFacts) info(p payment) *antom.CardInfo {
	if !f.known() {
		return nil
	}
	k := f.card
	return &antom.CardInfo{
		CardNo:              maskedCardNo(k.LastFour),
		CardBrand:           k.Brand,
		CardToken:           antom.Secret(k.Token),
		IssuingCountry:      k.Country,
		Funding:             k.Funding,
		PaymentMethodRegion: k.Country,
		ThreeDSResult:       f.threeDS(p),
	}
}

// threeDS is the 3-D Secure outcome of a challenged card that was
// authorized; zero otherwise.
func (f cardFacts) threeDS(p payment) antom.ThreeDSResult {
	if !f.card.Challenge || f.cp.Authorized == 0 {
		return antom.ThreeDSResult{}
	}
	return antom.ThreeDSResult{ThreeDSVersion: "2.2.0", ECI: "05", Challenged: true}
}
