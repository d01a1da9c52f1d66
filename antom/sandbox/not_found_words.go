package sandbox

// notFoundWords is the resultMessage of the NotFoundNext fault's F
// ORDER_NOT_EXIST, by the API it answers: what that call refers to and
// Antom does not show (yet). A refund call names the payment it refunds
// (API.md §5.2: "Unknown paymentId (inquiry/cancel/refund)"), so it is
// the payment that is not there; only inquiryRefund asks about a refund.
// The authorization APIs name an authorization. The words match the
// sandbox's own answers when the reference is unknown
// (orderNotExist, inquiryRefund's).
var notFoundWords = map[string]string{
	apiPay:            "no such payment (yet)",
	apiInquiryPayment: "no such payment (yet)",
	apiCancel:         "no such payment (yet)",
	apiCapture:        "no such payment (yet)",
	apiRefund:         "no such payment (yet)",
	apiInquiryRefund:  "no such refund (yet)",
	apiConsult:        "no such authorization (yet)",
	apiApplyToken:     "no such authorization (yet)",
	apiRevoke:         "no such authorization (yet)",
}

// notFoundMessage is notFoundWords' message for api ("payments/capture"),
// or a neutral one for an API the table does not name (one a test
// registered with Handle).
func notFoundMessage(api string) string {
	if m, ok := notFoundWords[api]; ok {
		return m
	}
	return "no such order (yet)"
}
