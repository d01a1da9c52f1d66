package antom

import (
	"context"
	"strings"
)

// API paths (production form; SANDBOX_ client ids call and sign the
// /ams/sandbox/api/… form, see SandboxPath).
const (
	PathConsult        = "/ams/api/v1/authorizations/consult"
	PathApplyToken     = "/ams/api/v1/authorizations/applyToken"
	PathRevoke         = "/ams/api/v1/authorizations/revoke"
	PathPay            = "/ams/api/v1/payments/pay"
	PathInquiryPayment = "/ams/api/v1/payments/inquiryPayment"
	PathCapture        = "/ams/api/v1/payments/capture"
	PathCancel         = "/ams/api/v1/payments/cancel"
	PathRefund         = "/ams/api/v1/payments/refund"
	PathInquiryRefund  = "/ams/api/v1/payments/inquiryRefund"
)

// API names, as they appear in Error.API and Call.API.
const (
	APIConsult        = "consult"
	APIApplyToken     = "applyToken"
	APIRevoke         = "revoke"
	APIPay            = "pay"
	APIInquiryPayment = "inquiryPayment"
	APICapture        = "capture"
	APICancel         = "cancel"
	APIRefund         = "refund"
	APIInquiryRefund  = "inquiryRefund"
)

// request is a typed request body. requestID names the call for
// observers: its idempotency key or ids, never a token.
type request interface {
	requestID() string
}

// ids joins the non-empty ids of a call.
func ids(id ...string) string {
	var parts []string
	for _, s := range id {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " ")
}

// call runs one API call and returns the decoded response whenever Antom's
// signed answer was read (S, and also F and U, next to the error).
func call[T any](ctx context.Context, c *Client, api, path string, req request) (*T, error) {
	resp := new(T)
	answered, err := c.do(ctx, api, path, req, resp)
	if !answered {
		return nil, err
	}
	return resp, err
}

// Consult gets an authorization URL or Scan-to-Link QR code.
func (c *Client) Consult(ctx context.Context, r *ConsultRequest) (*ConsultResponse, error) {
	return call[ConsultResponse](ctx, c, APIConsult, PathConsult, r)
}

// ApplyToken exchanges an auth code or refresh token for tokens.
func (c *Client) ApplyToken(ctx context.Context, r *ApplyTokenRequest) (*ApplyTokenResponse, error) {
	return call[ApplyTokenResponse](ctx, c, APIApplyToken, PathApplyToken, r)
}

// Revoke ends an access token.
func (c *Client) Revoke(ctx context.Context, r *RevokeRequest) (*RevokeResponse, error) {
	return call[RevokeResponse](ctx, c, APIRevoke, PathRevoke, r)
}

// Pay starts a payment. A U answer (e.g. PAYMENT_IN_PROCESS with the
// hosted page's URL) returns the response and a KindUnknown error.
func (c *Client) Pay(ctx context.Context, r *PayRequest) (*PayResponse, error) {
	return call[PayResponse](ctx, c, APIPay, PathPay, r)
}

// InquiryPayment reads a payment's state.
func (c *Client) InquiryPayment(ctx context.Context, r *InquiryPaymentRequest) (*InquiryPaymentResponse, error) {
	return call[InquiryPaymentResponse](ctx, c, APIInquiryPayment, PathInquiryPayment, r)
}

// Capture captures an authorized card payment.
func (c *Client) Capture(ctx context.Context, r *CaptureRequest) (*CaptureResponse, error) {
	return call[CaptureResponse](ctx, c, APICapture, PathCapture, r)
}

// Cancel cancels a payment or voids an authorization.
func (c *Client) Cancel(ctx context.Context, r *CancelRequest) (*CancelResponse, error) {
	return call[CancelResponse](ctx, c, APICancel, PathCancel, r)
}

// Refund refunds a payment.
func (c *Client) Refund(ctx context.Context, r *RefundRequest) (*RefundResponse, error) {
	return call[RefundResponse](ctx, c, APIRefund, PathRefund, r)
}

// InquiryRefund reads a refund's state.
func (c *Client) InquiryRefund(ctx context.Context, r *InquiryRefundRequest) (*InquiryRefundResponse, error) {
	return call[InquiryRefundResponse](ctx, c, APIInquiryRefund, PathInquiryRefund, r)
}
