package antom

// PayRequest starts a payment, API.md §5.1: AGREEMENT_PAYMENT with an
// access token (Scan to Link) or CASHIER_PAYMENT with CARD (hosted page).
// Field order follows the official SDK, so bodies match it byte for byte.
type PayRequest struct {
	ProductCode        string             `json:"productCode"`
	PaymentRequestID   string             `json:"paymentRequestId"` // idempotency key
	Order              Order              `json:"order"`
	PaymentAmount      Amount             `json:"paymentAmount"`
	PaymentMethod      PaymentMethod      `json:"paymentMethod"`
	PaymentExpiryTime  string             `json:"paymentExpiryTime,omitempty"` // ISO-8601; tokenized pay: < 1 min ahead
	PaymentRedirectURL string             `json:"paymentRedirectUrl,omitempty"`
	PaymentNotifyURL   string             `json:"paymentNotifyUrl,omitempty"`
	PaymentFactor      PaymentFactor      `json:"paymentFactor,omitzero"`
	SettlementStrategy SettlementStrategy `json:"settlementStrategy,omitzero"`
	Env                Env                `json:"env,omitzero"`
	MerchantRegion     string             `json:"merchantRegion,omitempty"`
	UserRegion         string             `json:"userRegion,omitempty"`
	AppID              string             `json:"appId,omitempty"`
	MerchantAccountID  string             `json:"merchantAccountId,omitempty"`
	ExtendInfo         string             `json:"extendInfo,omitempty"`
}

// Product codes.
const (
	ProductAgreementPayment = "AGREEMENT_PAYMENT"
	ProductCashierPayment   = "CASHIER_PAYMENT"
)

func (r *PayRequest) requestID() string { return r.PaymentRequestID }

// Order is the merchant's order, used by Antom for risk checks and
// reporting.
type Order struct {
	ReferenceOrderID string   `json:"referenceOrderId"`
	OrderDescription string   `json:"orderDescription"`
	OrderAmount      Amount   `json:"orderAmount"`
	Merchant         Merchant `json:"merchant,omitzero"`
	Goods            []Goods  `json:"goods,omitempty"`
	Buyer            Buyer    `json:"buyer,omitzero"`
	Env              Env      `json:"env,omitzero"`
	ExtendInfo       string   `json:"extendInfo,omitempty"`
}

// Merchant identifies a secondary merchant (acquirer model).
type Merchant struct {
	ReferenceMerchantID string `json:"referenceMerchantId,omitempty"`
	MerchantMCC         string `json:"merchantMCC,omitempty"`
	MerchantName        string `json:"merchantName,omitempty"`
	MerchantDisplayName string `json:"merchantDisplayName,omitempty"`
}

// Goods is one line of an order.
type Goods struct {
	ReferenceGoodsID string `json:"referenceGoodsId,omitempty"`
	GoodsName        string `json:"goodsName,omitempty"`
	GoodsCategory    string `json:"goodsCategory,omitempty"`
	GoodsBrand       string `json:"goodsBrand,omitempty"`
	GoodsUnitAmount  Amount `json:"goodsUnitAmount,omitzero"`
	GoodsQuantity    string `json:"goodsQuantity,omitempty"`
	GoodsURL         string `json:"goodsUrl,omitempty"`
}

// Buyer is the merchant's view of the buyer.
type Buyer struct {
	ReferenceBuyerID string   `json:"referenceBuyerId,omitempty"`
	BuyerName        UserName `json:"buyerName,omitzero"`
	BuyerPhoneNo     string   `json:"buyerPhoneNo,omitempty"`
	BuyerEmail       string   `json:"buyerEmail,omitempty"`
}

// UserName is a person's name.
type UserName struct {
	FirstName  string `json:"firstName,omitempty"`
	MiddleName string `json:"middleName,omitempty"`
	LastName   string `json:"lastName,omitempty"`
	FullName   string `json:"fullName,omitempty"`
}

// PaymentMethod says how the buyer pays. For AGREEMENT_PAYMENT,
// PaymentMethodType is the wallet and PaymentMethodID the access token;
// for a saved card, "CARD" and the card token; for the hosted card page,
// "CARD" and no id.
type PaymentMethod struct {
	PaymentMethodType     string         `json:"paymentMethodType"`
	PaymentMethodID       Secret         `json:"paymentMethodId,omitempty"`
	CustomerID            string         `json:"customerId,omitempty"`
	PaymentMethodMetaData map[string]any `json:"paymentMethodMetaData,omitempty"`
	ExtendInfo            string         `json:"extendInfo,omitempty"`
}

// PaymentFactor controls authorization and capture (card payments).
type PaymentFactor struct {
	CaptureMode     string `json:"captureMode,omitempty"` // AUTOMATIC (default) or MANUAL
	IsAuthorization Bool   `json:"isAuthorization,omitempty"`
}

// Capture modes.
const (
	CaptureAutomatic = "AUTOMATIC"
	CaptureManual    = "MANUAL"
)

// SettlementStrategy names the currency the merchant is settled in.
type SettlementStrategy struct {
	SettlementCurrency string `json:"settlementCurrency,omitempty"`
}

// PayResponse is Antom's answer to pay. On U/PAYMENT_IN_PROCESS for a
// hosted payment, send the buyer to NormalURL (or RedirectActionForm).
type PayResponse struct {
	Result             Result             `json:"result"`
	PaymentRequestID   string             `json:"paymentRequestId,omitempty"`
	PaymentID          string             `json:"paymentId,omitempty"`
	PaymentAmount      Amount             `json:"paymentAmount,omitzero"`
	PaymentCreateTime  string             `json:"paymentCreateTime,omitempty"`
	PaymentTime        string             `json:"paymentTime,omitempty"`
	AuthExpiryTime     string             `json:"authExpiryTime,omitempty"`
	NormalURL          string             `json:"normalUrl,omitempty"`
	SchemeURL          string             `json:"schemeUrl,omitempty"`
	ApplinkURL         string             `json:"applinkUrl,omitempty"`
	AppIdentifier      string             `json:"appIdentifier,omitempty"`
	PaymentActionForm  string             `json:"paymentActionForm,omitempty"`
	RedirectActionForm RedirectActionForm `json:"redirectActionForm,omitzero"`
	PSPCustomerInfo    PSPCustomerInfo    `json:"pspCustomerInfo,omitzero"`
	PaymentResultInfo  PaymentResultInfo  `json:"paymentResultInfo,omitzero"`
}

// RedirectURL returns where to send the buyer: NormalURL, else the
// redirect form's URL (GET forms only).
func (r *PayResponse) RedirectURL() string {
	if r.NormalURL != "" {
		return r.NormalURL
	}
	if r.RedirectActionForm.Method == "" || r.RedirectActionForm.Method == "GET" {
		return r.RedirectActionForm.RedirectURL
	}
	return ""
}
