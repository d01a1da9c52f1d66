package antom

// CardInfo describes the card of a payment (inquiryPayment; per the seed
// also notifyPayment, API.md §6.3). CardNo is masked.
type CardInfo struct {
	CardNo              string        `json:"cardNo,omitempty"`
	CardBrand           string        `json:"cardBrand,omitempty"`
	CardToken           Secret        `json:"cardToken,omitempty"`
	IssuingCountry      string        `json:"issuingCountry,omitempty"`
	Funding             string        `json:"funding,omitempty"`
	PaymentMethodRegion string        `json:"paymentMethodRegion,omitempty"`
	ThreeDSResult       ThreeDSResult `json:"threeDSResult,omitzero"`
}

// PaymentResultInfo is the card outcome of a payment (pay, inquiryPayment,
// notifyPayment).
type PaymentResultInfo struct {
	CardNo               string        `json:"cardNo,omitempty"`
	CardBrand            string        `json:"cardBrand,omitempty"`
	CardToken            Secret        `json:"cardToken,omitempty"`
	IssuingCountry       string        `json:"issuingCountry,omitempty"`
	Funding              string        `json:"funding,omitempty"`
	PaymentMethodRegion  string        `json:"paymentMethodRegion,omitempty"`
	CardBin              string        `json:"cardBin,omitempty"`
	LastFour             string        `json:"lastFour,omitempty"`
	ExpiryMonth          string        `json:"expiryMonth,omitempty"`
	ExpiryYear           string        `json:"expiryYear,omitempty"`
	CardholderName       string        `json:"cardholderName,omitempty"`
	ThreeDSResult        ThreeDSResult `json:"threeDSResult,omitzero"`
	AvsResultRaw         string        `json:"avsResultRaw,omitempty"`
	CvvResultRaw         string        `json:"cvvResultRaw,omitempty"`
	NetworkTransactionID string        `json:"networkTransactionId,omitempty"`
	RefusalCodeRaw       string        `json:"refusalCodeRaw,omitempty"`
	RefusalReasonRaw     string        `json:"refusalReasonRaw,omitempty"`
	MerchantAdviceCode   string        `json:"merchantAdviceCode,omitempty"`
	AuthorizationCode    string        `json:"authorizationCode,omitempty"`
	RRN                  string        `json:"rrn,omitempty"`
}

// ThreeDSResult is the 3-D Secure outcome of a card payment.
type ThreeDSResult struct {
	ThreeDSVersion  string `json:"threeDSVersion,omitempty"`
	ECI             string `json:"eci,omitempty"`
	CAVV            string `json:"cavv,omitempty"`
	DSTransactionID string `json:"dsTransactionId,omitempty"`
	XID             string `json:"xid,omitempty"`
	Challenged      Bool   `json:"challenged,omitempty"`
}

// cardToken picks the token from cardInfo first, then paymentResultInfo
// (API.md §5.1.b, §6.3).
func cardToken(ci CardInfo, pri PaymentResultInfo) Secret {
	if ci.CardToken != "" {
		return ci.CardToken
	}
	return pri.CardToken
}
