package antom

// Env describes the buyer's device (API.md §4.1, §5.1). Scan to Link and
// the hosted card page use terminalType WEB.
type Env struct {
	TerminalType   string `json:"terminalType,omitempty"` // WEB, WAP, APP, MINI_APP
	OSType         string `json:"osType,omitempty"`       // IOS, ANDROID
	UserAgent      string `json:"userAgent,omitempty"`
	DeviceTokenID  string `json:"deviceTokenId,omitempty"`
	ClientIP       string `json:"clientIp,omitempty"`
	CookieID       string `json:"cookieId,omitempty"`
	DeviceLanguage string `json:"deviceLanguage,omitempty"`
	DeviceID       string `json:"deviceId,omitempty"`
}

// Terminal types.
const (
	TerminalWeb     = "WEB"
	TerminalWap     = "WAP"
	TerminalApp     = "APP"
	TerminalMiniApp = "MINI_APP"
)

// PSPCustomerInfo describes the buyer's wallet account (applyToken, pay,
// inquiryPayment, notifyPayment).
type PSPCustomerInfo struct {
	PSPName             string `json:"pspName,omitempty"`
	PSPCustomerID       string `json:"pspCustomerId,omitempty"`
	DisplayCustomerID   string `json:"displayCustomerId,omitempty"`
	DisplayCustomerName string `json:"displayCustomerName,omitempty"`
	Customer2088ID      string `json:"customer2088Id,omitempty"`
}

// RedirectActionForm tells where to send the buyer (hosted payments).
type RedirectActionForm struct {
	Method         string `json:"method,omitempty"` // GET or POST
	Parameters     string `json:"parameters,omitempty"`
	RedirectURL    string `json:"redirectUrl,omitempty"`
	ActionFormType string `json:"actionFormType,omitempty"`
}
