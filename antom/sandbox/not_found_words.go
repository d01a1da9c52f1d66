package sandbox

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"antom-checkout/antom"
)

// notFoundWords is the NotFoundNext fault's F answer, by the API it
// answers: its result code and resultMessage, what that call refers to
// and Antom does not show (yet). A refund call names the payment it
// refunds (API.md §5.2: ORDER_NOT_EXIST, "Unknown paymentId
// (inquiry/cancel/refund)"), so it is the payment that is not there; only
// inquiryRefund asks about a refund (§5.7). capture names the
// authorization's paymentId, and Antom's capture answers an unknown one
// AUTH_NOT_FOUND (§5.4's result codes; it has no ORDER_NOT_EXIST), as the
// sandbox's own capture does. The words match the sandbox's own answers
// when the reference is unknown (orderNotExist, inquiryRefund's,
// capture's).
//
// Its keys are also the only APIs that answer the fault at all
// (notFoundAnswers): those that refer to a payment or refund made
// earlier. pay makes the payment it would not find, and the
// authorization APIs' complete result table (§4.2) has no such code: a
// faithful stand-in never answers them so, so the control refuses the
// fault for them (and for "*", which reaches them; notFoundRefused) and
// takeAPI never fires it on them.
var notFoundWords = map[string]struct{ code, message string }{
	apiInquiryPayment: {antom.CodeOrderNotExist, "no such payment (yet)"},
	apiCancel:         {antom.CodeOrderNotExist, "no such payment (yet)"},
	apiCapture:        {codeAuthNotFound, "no authorization with this paymentId (yet)"},
	apiRefund:         {antom.CodeOrderNotExist, "no such payment (yet)"},
	apiInquiryRefund:  {antom.CodeOrderNotExist, "no such refund (yet)"},
}

// notFoundAnswer is notFoundWords' answer for api ("payments/capture"),
// or ORDER_NOT_EXIST with a neutral message for an API the table does not
// name (one a test registered with Handle).
func notFoundAnswer(api string) resultBody {
	if w, ok := notFoundWords[api]; ok {
		return failure(w.code, w.message)
	}
	return failure(antom.CodeOrderNotExist, "no such order (yet)")
}

// neverNotFound are the sandbox's APIs that never answer a not-found code
// (see notFoundWords): the control refuses NotFoundNext for them, and a
// switchboard set through the Go API never fires it on them.
var neverNotFound = map[string]bool{apiPay: true, apiConsult: true, apiApplyToken: true, apiRevoke: true}

// notFoundRefused is the control's reason to refuse NotFoundNext for api
// (an API name or "*"), or nil when api may answer it.
func notFoundRefused(api string) error {
	switch {
	case api == "*":
		return fmt.Errorf("NotFoundNext cannot apply to every API: a not-found answer (ORDER_NOT_EXIST, AUTH_NOT_FOUND for capture) is one only of %s (arm one of them)", notFoundAPIs())
	case neverNotFound[api]:
		return fmt.Errorf("NotFoundNext: Antom's %s never answers ORDER_NOT_EXIST (API.md §4.2, §5.2); a not-found answer is one only of %s", api, notFoundAPIs())
	}
	return nil
}

// notFoundAPIs names notFoundWords' APIs, sorted, for error messages.
func notFoundAPIs() string {
	return strings.Join(slices.Sorted(maps.Keys(notFoundWords)), ", ")
}
