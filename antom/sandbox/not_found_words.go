package sandbox

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// notFoundWords is the resultMessage of the NotFoundNext fault's F
// ORDER_NOT_EXIST, by the API it answers: what that call refers to and
// Antom does not show (yet). A refund call names the payment it refunds
// (API.md §5.2: "Unknown paymentId (inquiry/cancel/refund)"), so it is
// the payment that is not there; only inquiryRefund asks about a refund.
// The words match the sandbox's own answers when the reference is unknown
// (orderNotExist, inquiryRefund's).
//
// Its keys are also the only APIs that answer the fault at all
// (notFoundAnswers): those that refer to a payment or refund made
// earlier — API.md §5.2 lists ORDER_NOT_EXIST for inquiry, cancel and
// refund, §5.7 for inquiryRefund, and capture names the authorization's
// paymentId as they do. pay makes the payment it would not find, and
// the authorization APIs' complete result table (§4.2) has no such
// code: a faithful stand-in never answers them ORDER_NOT_EXIST, so the
// control refuses the fault for them (and for "*", which reaches them;
// notFoundRefused) and takeAPI never fires it on them.
var notFoundWords = map[string]string{
	apiInquiryPayment: "no such payment (yet)",
	apiCancel:         "no such payment (yet)",
	apiCapture:        "no such payment (yet)",
	apiRefund:         "no such payment (yet)",
	apiInquiryRefund:  "no such refund (yet)",
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

// neverNotFound are the sandbox's APIs that never answer ORDER_NOT_EXIST
// (see notFoundWords): the control refuses NotFoundNext for them, and a
// switchboard set through the Go API never fires it on them.
var neverNotFound = map[string]bool{apiPay: true, apiConsult: true, apiApplyToken: true, apiRevoke: true}

// notFoundRefused is the control's reason to refuse NotFoundNext for api
// (an API name or "*"), or nil when api may answer it.
func notFoundRefused(api string) error {
	switch {
	case api == "*":
		return fmt.Errorf("NotFoundNext cannot apply to every API: ORDER_NOT_EXIST is an answer only of %s (arm one of them)", notFoundAPIs())
	case neverNotFound[api]:
		return fmt.Errorf("NotFoundNext: Antom's %s never answers ORDER_NOT_EXIST (API.md §4.2, §5.2); it is an answer only of %s", api, notFoundAPIs())
	}
	return nil
}

// notFoundAPIs names notFoundWords' APIs, sorted, for error messages.
func notFoundAPIs() string {
	return strings.Join(slices.Sorted(maps.Keys(notFoundWords)), ", ")
}
