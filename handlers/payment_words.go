package handlers

import (
	"antom-checkout/checkout"
	"antom-checkout/db"
	"antom-checkout/views"
)

// paymentResult is an order's payment said in plain words.
type paymentResult struct {
	State    string // views.State*
	Headline string
	Detail   string
	Relink   bool // the wallet must be linked again before it can pay
}

// describePayment says what the database holds about an order's payment.
func describePayment(o checkout.Order, p checkout.PaymentView) paymentResult {
	switch {
	case o.Status == db.OrderAuthorized:
		return paymentResult{State: views.StateAuthorized, Headline: "Authorised — awaiting capture",
			Detail: "Your card authorised " + o.Total.String() + ". The shop takes the money when it ships your order; until then it is only held."}
	case o.Status == db.OrderVoided:
		return paymentResult{State: views.StateVoided, Headline: "Authorisation released",
			Detail: "The shop cancelled this order and released the hold on your card. You were not charged."}
	case o.Status == db.OrderPaid || p.Status == db.AttemptSuccess:
		return paymentResult{State: views.StatePaid, Headline: "Paid",
			Detail: "Thank you. We received " + o.Total.String() + " for " + o.Description + "."}
	case p.Status == db.AttemptProcessing || o.Status == db.OrderProcessing:
		return paymentResult{State: views.StateProcessing, Headline: confirmingWith(p),
			Detail: "This usually takes a few seconds, and this page updates by itself. Please don't pay again meanwhile."}
	case p.Status == db.AttemptFail:
		return paymentResult{State: views.StateFailed, Headline: "The payment did not go through",
			Detail: failureWords(p.ResultCode), Relink: p.ResultCode == "INVALID_ACCESS_TOKEN"}
	case p.Status == db.AttemptCancelled:
		return paymentResult{State: views.StateCancelled, Headline: "Payment cancelled",
			Detail: "This payment was cancelled before it completed. You were not charged."}
	}
	return paymentResult{State: views.StateUnpaid, Headline: "Not paid yet",
		Detail: "This order has no payment yet. Go to checkout to pay for it."}
}

func confirmingWith(p checkout.PaymentView) string {
	switch {
	case p.WalletName != "":
		return "We're confirming your payment with " + p.WalletName + "…"
	case p.Method == db.MethodCard:
		return "We're confirming your card payment…"
	}
	return "We're confirming your payment…"
}

// paymentMethod names how an order was paid.
func paymentMethod(p checkout.PaymentView) string {
	if p.WalletName != "" {
		return p.WalletName
	}
	if p.CardLabel != "" {
		return p.CardLabel
	}
	if p.Method == db.MethodCard {
		return "Card"
	}
	return ""
}

// failureWords explains a failed payment's result code to the buyer.
func failureWords(code string) string {
	switch code {
	case "USER_BALANCE_NOT_ENOUGH":
		return "Your wallet balance is not enough for this payment. Nothing was charged."
	case "INVALID_ACCESS_TOKEN":
		return "This wallet is no longer linked. Link it again to pay with it."
	case "RISK_REJECT":
		return "The payment was declined by a security check. Nothing was charged. Please pay another way."
	case "PAYMENT_AMOUNT_EXCEED_LIMIT", "PAYMENT_COUNT_EXCEED_LIMIT":
		return "This payment is over what this payment method allows. Nothing was charged. Please pay another way."
	case "USER_AMOUNT_EXCEED_LIMIT":
		return "This payment is over your wallet's spending limit. Nothing was charged. Please pay another way."
	case "ORDER_IS_CLOSED":
		return "This payment was closed before it completed. Nothing was charged. You can pay again."
	case "ORDER_NOT_EXIST":
		return "The payment never reached the payment service. Nothing was charged. You can pay again."
	case "PROCESS_FAIL":
		return "The payment service could not process this payment. Nothing was charged. Please try again or pay another way."
	case "NO_PAYMENT_PAGE":
		return "The card payment page could not be opened. Nothing was charged. Please try again."
	case "":
		return "The payment was declined. Nothing was charged. Please try again or pay another way."
	}
	return "The payment was declined (" + code + "). Nothing was charged. Please try again or pay another way."
}
