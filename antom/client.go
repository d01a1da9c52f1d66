package antom

import (
	"context"
	"crypto/rsa"
	"errors"
	"net"
	"net/http"
	"time"
)

// Config is what a Client needs. Keys are parsed once, by the caller
// (ParsePrivateKey, ParsePublicKey).
type Config struct {
	GatewayURL      string          // scheme+host, e.g. https://open-sea-global.alipay.com
	ClientID        string          // "SANDBOX_…" ids call and sign /ams/sandbox/api/… (SandboxPath)
	PrivateKey      *rsa.PrivateKey // merchant key: signs requests
	AntomPublicKey  *rsa.PublicKey  // verifies responses
	HTTPClient      *http.Client    // nil: 15 s connect, 30 s in all, like Antom's SDK
	AllowAnyGateway bool            // only for the built-in sandbox (http://127.0.0.1:port …)
	Now             func() time.Time
	// OnSend, if set, is told about every API call as it starts (the API
	// and the call's request id, as in Call); the context it returns is the
	// one OnCall gets when the call ends, so that an observer can give the
	// call its place among events that happen while it runs.
	OnSend func(ctx context.Context, api, requestID string) context.Context
	// OnCall, if set, is told about every API call once, after it ends.
	OnCall func(ctx context.Context, c Call)
}

// Call is what OnCall learns about one API call. It never holds a body or
// a token.
type Call struct {
	API          string // "pay", "applyToken", …
	RequestID    string // the idempotency key or ids of the call; for consult, applyToken and revoke, whose only ids are credentials (authState, authCode or refresh token, access token), the credential's Fingerprint
	ResultStatus string // S, F, U as the answer said (unverified if Err says so); empty without one
	ResultCode   string
	// State is what a verified answer says of the thing asked about, apart
	// from the call's own result: for inquiryPayment "paymentStatus FAIL
	// (ORDER_IS_CLOSED)", for inquiryRefund "refundStatus PROCESSING"
	// (API.md §5.3, §5.7); empty for calls whose answer has none.
	State   string
	Kind    Kind  // meaningful only when Err != nil
	Err     error // nil on success
	Latency time.Duration
	// HTTPStatus is the answer's HTTP status (0 without an answer).
	HTTPStatus int
	// Unverified: an answer came, but without a valid signature (Error.
	// Unverified): ResultStatus and ResultCode are only what its body
	// claims, and the outcome is unknown.
	Unverified bool
}

// Client calls Antom's API: it signs requests, verifies responses and
// sorts every failure into a Kind. It is safe for concurrent use.
type Client struct {
	base     string
	clientID string
	key      *rsa.PrivateKey
	pub      *rsa.PublicKey
	http     *http.Client
	now      func() time.Time
	onCall   func(ctx context.Context, c Call)
	onSend   func(ctx context.Context, api, requestID string) context.Context
}

// NewClient checks cfg and builds a Client.
func NewClient(cfg Config) (*Client, error) {
	switch {
	case cfg.ClientID == "":
		return nil, errors.New("antom: client: client id missing")
	case cfg.PrivateKey == nil:
		return nil, errors.New("antom: client: merchant private key missing")
	case cfg.AntomPublicKey == nil:
		return nil, errors.New("antom: client: Antom public key missing")
	}
	base, err := gatewayBase(cfg.GatewayURL, cfg.AllowAnyGateway)
	if err != nil {
		return nil, err
	}
	c := &Client{
		base:     base,
		clientID: cfg.ClientID,
		key:      cfg.PrivateKey,
		pub:      cfg.AntomPublicKey,
		http:     noRedirects(cfg.HTTPClient),
		now:      cfg.Now,
		onCall:   cfg.OnCall,
		onSend:   cfg.OnSend,
	}
	if c.now == nil {
		c.now = time.Now
	}
	return c, nil
}

// noRedirects returns a copy of hc (or a default client) that never
// follows a redirect: a redirected POST is not Antom's answer.
func noRedirects(hc *http.Client) *http.Client {
	var cp http.Client
	if hc != nil {
		cp = *hc
	} else {
		cp = defaultHTTPClient()
	}
	cp.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &cp
}

// defaultHTTPClient mirrors the timeouts of Antom's Go SDK (API.md §1.4):
// 15 s to connect, 30 s for the whole call.
func defaultHTTPClient() http.Client {
	t := KeepAliveTransport()
	t.DialContext = (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	t.TLSHandshakeTimeout = 15 * time.Second
	return http.Client{Transport: t, Timeout: 30 * time.Second}
}

// idleConnsPerHost is how many idle connections a KeepAliveTransport
// keeps to one host.
const idleConnsPerHost = 32

// KeepAliveTransport is http.DefaultTransport's settings, keeping up to 32
// idle connections per host instead of 2: with more calls than that in
// flight at once (several buyers paying), the default closes the extra
// connections as each call ends and opens new ones (a TCP and TLS
// handshake each) for the next.
func KeepAliveTransport() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = idleConnsPerHost
	return t
}
