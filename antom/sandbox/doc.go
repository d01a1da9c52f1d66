// Package sandbox is a local stand-in for Antom's gateway: it speaks Antom's
// wire format (paths, headers, RSA256 signatures, result codes) so that the
// merchant app, its tests and any Antom client, the official SDKs included,
// can run without reaching Antom.
//
// The sandbox is a test tool. Its control page and JSON endpoints have no
// authentication and let anyone change its behaviour: it must never face the
// internet. Bind it to a loopback address.
//
// # What it does
//
//   - Serves POST /ams/api/v1/<api> and /ams/sandbox/api/v1/<api> for any
//     registered client id. Requests are checked like Antom checks them
//     (method, media type, Client-Id, Request-Time, Signature) and rejected
//     with Antom's unsigned error answers; accepted calls go to the APIFunc
//     registered with [Sandbox.Handle] and its answer is signed with the
//     sandbox's "Antom" key, with lower-case client-id, response-time and
//     signature headers.
//   - Sends notifications from a durable outbox, each attempt freshly signed,
//     re-sent on Antom's schedule (0 s, 2 min, 10 min, 10 min, 1 h, 2 h, 6 h,
//     15 h; eight attempts in all, each delay multiplied by
//     [Config.TimeScale]) until the merchant answers HTTP 200 with exactly
//     antom.AckBody.
//   - Injects faults on demand ([Faults]), from Go tests, from the control
//     page at /sandbox/control, or as JSON at /sandbox/control/faults.json.
//   - Plays Scan to Link: consult, applyToken and revoke, and the buyer's
//     phone — a test wallet app with seeded test users ([TestUsers]).
//   - Takes tokenized payments: pay (AGREEMENT_PAYMENT), inquiryPayment and
//     cancel, debiting the test users' balances, with notifyPayment.
//
// # Scan to Link
//
// consult (scopes AGREEMENT_PAY, terminal type WEB, one of the wallets
// ALIPAY_CN, ALIPAY_HK, GCASH, DANA, KAKAOPAY, TNG, TRUEMONEY) answers a
// single-use QR code that expires 15 minutes (× TimeScale) later. Its TEXT
// codeValue, also authUrl and normalUrl, is the wallet app's page
// BaseURL/sandbox/wallet/authorize?code=…; its BIGIMAGE codeValue is
// BaseURL/sandbox/wallet/qr.png?code=…, a PNG of the same QR code. The same
// authState and parameters while the QR code is unused and unexpired get
// the same answer again; afterwards PARAM_ILLEGAL.
//
// The wallet app (a stand-in for the phone that scans the QR code):
//
//	GET  /sandbox/wallet/authorize?code=…  sign in, then Agree or Decline
//	GET  /sandbox/wallet                   balances and linked merchants, with Unlink
//	GET  /sandbox/wallet/qr.png?code=…     the QR code image
//	POST /sandbox/wallet/signin, /signout, /authorize, /unlink (its forms)
//
// Its session cookie is sandbox_wallet (path /sandbox/wallet). Every test
// user's password is "sandbox". Agree ([Sandbox.Authorize] from Go) creates
// an auth code valid for [Config.AuthCodeTTL] and sends notifyAuthorization
// AUTHCODE_CREATED to the consult's authNotifyUrl, else the merchant's
// notification URL; the phone is not sent back to the merchant. Unlink
// ([Sandbox.CancelToken]) ends the link and sends TOKEN_CANCELED.
//
// applyToken redeems an auth code once (the same code again within
// AuthCodeTTL of its first redemption gets the very same answer; after
// that INVALID_AUTHCODE) and issues tokens valid for the seed's table:
// Alipay 92 years, the other wallets 100 (refresh tokens a year more; see
// [Sandbox.SetTokenLifetime] for short-lived access tokens). A refresh
// replaces both tokens; the old ones then fail. revoke ends a live link.
//
// Sandbox conventions, not Antom facts:
//
//   - Decline sends the browser to the consult's authRedirectUrl with
//     authState and error=USER_DECLINED appended, standing in for the
//     phone returning to the merchant. No notification is sent.
//   - consult answers PARAM_ILLEGAL when there is neither an authNotifyUrl
//     nor a registered notification URL: the auth code would have nowhere
//     to go.
//   - TOKEN_CANCELED goes to the merchant's registered notification URL,
//     else the consult's authNotifyUrl.
//   - The refresh token outlives the access token by one year.
//
// Control endpoints for tests out of process:
//
//	POST /sandbox/control/tokens/cancel.json   {"login":"…","wallet":"GCASH"}
//	     cancels that user's live links in that wallet, wallet side
//	     (TOKEN_CANCELED each); answers {"canceled":n}
//	GET|POST /sandbox/control/token-lifetime.json  {"ms":60000}
//	     access token lifetime for tokens issued from now on; 0 = the table
//
// # Tokenized payments
//
// pay with productCode AGREEMENT_PAYMENT charges the wallet user a live
// access token of the calling merchant names; paymentMethodType must be
// the token's wallet, else F INVALID_ACCESS_TOKEN (also for revoked,
// cancelled, expired, unknown and other merchants' tokens). The amount is
// debited from the user's balance in the payment currency (a currency the
// user holds none of counts as 0) in the transaction that stores the
// payment: S with paymentId, paymentCreateTime and paymentTime, or F
// USER_BALANCE_NOT_ENOUGH with nothing debited. Every final outcome,
// failures included, is stored as a payment (inquiryPayment reports it)
// and queued, in the same transaction, as notifyPayment PAYMENT_RESULT (S,
// or F with the payment's code) to the request's paymentNotifyUrl, else
// the merchant's registered URL; with neither, nothing is sent. Requests
// that fail their checks (PARAM_ILLEGAL, REPEAT_REQ_INCONSISTENT) store
// nothing. Other product codes answer PARAM_ILLEGAL.
//
// paymentExpiryTime (ISO-8601 with an offset) may be at most 1 minute
// after the request (seed 001), else PARAM_ILLEGAL; without it a
// tokenized payment expires 1 minute × TimeScale after the request. A
// payment still PROCESSING at its expiry becomes FAIL ORDER_IS_CLOSED,
// with notifyPayment F, and gets back any money it held.
//
// pay is idempotent per merchant and paymentRequestId (API.md §2.4): a
// repeat with the same amount, currency, payment method type and id,
// product code and order.referenceOrderId gets the same paymentId and the
// answer for the payment as it stands (U PAYMENT_IN_PROCESS while it is
// processing, the stored S or F once final, F ORDER_IS_CANCELED once
// cancelled); anything else changed gets F REPEAT_REQ_INCONSISTENT.
//
// Magic amounts decide a tokenized payment's outcome whatever the
// balance, by the last two digits of the value in minor units (USD 12.91
// and JPY 1291 both end in 91; IDR amounts end in 00 on Antom's wire, so
// IDR has none):
//
//	…91  U PAYMENT_IN_PROCESS; the money is taken at once (as far as the
//	     balance goes); SUCCESS 3 s × TimeScale later, notifyPayment S
//	…92  U PAYMENT_IN_PROCESS; nothing taken; FAIL
//	     PAYMENT_AMOUNT_EXCEED_LIMIT 3 s × TimeScale later, notifyPayment F
//	…93  U PAYMENT_IN_PROCESS; stays PROCESSING until the tester settles it
//	     or it expires (FAIL ORDER_IS_CLOSED, notifyPayment F)
//	…94  F RISK_REJECT at once (a FAIL payment, notifyPayment F)
//
// Settlements and expiries are kept in the database and run by a settler
// that Start starts next to the dispatcher, so they resume after a
// restart. A tester can decide a PROCESSING payment at once with
// [Sandbox.SettlePayment], the control page's Settle buttons or
//
//	POST /sandbox/control/payments/settle.json  {"paymentId":"…","status":"SUCCESS"}
//	     SUCCESS takes the money still owed (as far as the balance goes),
//	     FAIL (code PROCESS_FAIL) gives back what was held; either sends
//	     notifyPayment. Answers {"paymentId","status","resultCode"}; 404
//	     for an unknown payment, 409 when it is not PROCESSING.
//
// inquiryPayment and cancel find the merchant's payment by paymentId
// (which wins) or paymentRequestId, else F ORDER_NOT_EXIST. inquiryPayment
// reports paymentStatus PROCESSING, SUCCESS, FAIL or CANCELLED with the
// payment's own paymentResultCode. cancel turns a PROCESSING or SUCCESS
// payment CANCELLED (paymentResultCode ORDER_IS_CANCELED), gives the
// wallet user the money back and drops any pending settlement; it sends no
// notification. Cancelling again answers S with the same cancelTime; a
// FAIL payment answers F ORDER_STATUS_INVALID. The cancel window (00:15
// GMT+8 on T+1) is not enforced.
//
// [Sandbox.Payment] reads a payment for tests. The wallet app's home page
// lists the user's recent payments; the control page lists the last 50.
//
// # Faults as JSON
//
// GET /sandbox/control/faults.json reads the switchboard and POST sets it.
// The document is shaped like the Go structs, with latency in milliseconds:
//
//	{"Reset": false,
//	 "API": {"payments/pay": {"Latency": 250, "UnknownNext": 1, "DropNext": 0, "ServerErrorNext": 0}},
//	 "Notify": {"DropNext": 0, "DuplicateNext": 2, "ReorderNext": 0, "CorruptSignatureNext": 0}}
//
// On POST, Reset clears everything first, each API entry listed replaces that
// API's faults (all zero removes it; "*" is every API without its own entry)
// and Notify, when present, replaces the notification faults. The answer is
// the resulting switchboard.
//
// # Files in the data directory
//
// [Open] and [Provision] keep their state in [Config.DataDir] (created with
// mode 0700). Each key and id file is one line, created with mode 0600:
//
//	sandbox.db            SQLite state: merchants, notification outbox, attempts,
//	                      test wallet users and balances, QR codes, auth
//	                      codes, tokens, payments
//	antom_private_key     the sandbox's own signing key ("Antom's" private key),
//	                      base64 PKCS#8 DER without PEM armour
//	antom_public_key      its public key, base64 X.509 SubjectPublicKeyInfo DER:
//	                      what a merchant configures as the Antom public key
//	client_id             the provisioned merchant's client id, "SANDBOX_" and
//	                      16 digits
//	merchant_private_key  the provisioned merchant's private key, base64 PKCS#8
//	                      DER: the form Antom's SDKs take as merchantPrivateKey
//	merchant_public_key   the merchant's public key, base64 X.509 DER: what the
//	                      sandbox verifies requests with
//
// To point any Antom client at the sandbox, give it client_id,
// merchant_private_key and antom_public_key, and the sandbox's base URL as the
// gateway. Because the client id starts with SANDBOX_, SDKs call and sign the
// /ams/sandbox/api/v1/ paths; both path families are accepted.
//
// The key files are created once and then only read: delete them (and
// sandbox.db) to start over. When client_id and merchant_public_key exist,
// [Open] registers that merchant by itself, keeping any notification URL it
// already has.
package sandbox
