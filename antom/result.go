package antom

// Result is the "result" object every Antom response and notification
// carries. It describes the call, not the business state (API.md §2.3).
type Result struct {
	ResultCode    string `json:"resultCode"`
	ResultStatus  string `json:"resultStatus"`
	ResultMessage string `json:"resultMessage"`
}

// Result statuses.
const (
	StatusSuccess = "S"
	StatusFail    = "F"
	StatusUnknown = "U"
)

// AckBody is the exact body a merchant answers a notification with; any
// other body counts as "not received" and Antom sends again (API.md §6.1).
const AckBody = `{"result":{"resultCode":"SUCCESS","resultStatus":"S","resultMessage":"success"}}`
