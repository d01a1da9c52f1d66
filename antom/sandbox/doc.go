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
//     registered client id (SANDBOX_ ids under /ams/sandbox/api/v1/ only, as
//     Antom does). Requests are checked like Antom checks them (method,
//     media type, Client-Id, Request-Time, Signature) and rejected with
//     Antom's unsigned error answers; a POST to any other path, or to an
//     API that does not exist, is NO_INTERFACE_DEF. Accepted calls go to the APIFunc
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
//   - Takes card payments on its hosted card page (CASHIER_PAYMENT + CARD),
//     issues card tokens and charges them again, and serves capture,
//     refund and inquiryRefund with notifyCapture and notifyRefund.
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
// A consult from the buyer's phone (env.terminalType WAP or APP, with
// env.osType IOS or ANDROID) answers the same wallet-app page as normalUrl,
// authUrl and applinkUrl, and no QR code; Agree then sends the phone to
// authRedirectUrl with authCode and authState appended (and
// AUTHCODE_CREATED is sent as for Scan to Link).
//
// The wallet app and the hosted card page name the merchant by
// [Merchant.Name] (the Dashboard's merchant name), else by its client id.
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
// applyToken redeems an auth code once (the same code again, however
// soon, is INVALID_AUTHCODE: Antom's codes are single-use) and issues
// tokens valid for the seed's table:
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
// nothing. CASHIER_PAYMENT is the hosted card flow (below); other
// product codes answer PARAM_ILLEGAL.
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
// FAIL payment, or one with refunds ("an already-refunded payment cannot
// be cancelled", API.md §5.5), answers F ORDER_STATUS_INVALID. The cancel
// window (00:15 GMT+8 on T+1) is not enforced.
//
// [Sandbox.Payment] reads a payment for tests. The wallet app's home page
// lists the user's recent payments; the control page lists the last 50.
//
// # Hosted card payments
//
// pay with productCode CASHIER_PAYMENT (API.md §5.1.b, §8.3, seed 002)
// needs paymentMethod.paymentMethodType CARD, an absolute http(s)
// paymentRedirectUrl and env.terminalType (WEB, WAP, APP or MINI_APP);
// paymentFactor is optional (a card payment is an authorization whether or
// not isAuthorization says so) and its captureMode is AUTOMATIC (the
// default) or MANUAL; anything else answers PARAM_ILLEGAL and stores
// nothing. paymentExpiryTime must
// be in the future and less than 10 minutes after the request (API.md
// §8.4); without it the payment expires 14 minutes × TimeScale after the
// request. Repeats follow AGREEMENT_PAYMENT's rules; the capture mode
// counts as a parameter.
//
// Without paymentMethodId the answer is U PAYMENT_IN_PROCESS with
// paymentId, paymentRequestId, paymentAmount, paymentCreateTime and, as
// normalUrl and redirectActionForm (GET), the hosted card page
//
//	GET  /sandbox/card/pay?paymentId=…   the card form, or the 3-D Secure challenge
//	POST /sandbox/card/pay               the card form (number, expiry MM/YY, CVC, name)
//	POST /sandbox/card/challenge         the challenge form (code)
//
// The page shows the merchant (order.merchant's display name or name, else
// the client id), the order description and the amount. A form with
// field errors (Luhn check, malformed or past expiry, CVC not 3–4 digits,
// no name) is shown again with HTTP 422 and changes nothing, the focus on
// the first field in error (autofocus), each field in error aria-invalid
// and naming its error (aria-describedby). A valid card
// is tokenized for the merchant, then authorized or declined, and the
// browser is sent (303) to paymentRedirectUrl, after a failure too; the
// merchant learns the outcome from notifyPayment or inquiryPayment. A page
// for an unknown payment answers 404; for one that is finished or past
// its expiry, 410 with a link back to the merchant and what is true of
// the card: under captureMode MANUAL, authorized (nothing charged until
// the merchant captures) until a capture makes it finished, or, never
// captured, its authorization expired or voided (nothing charged). A
// hosted payment nobody paid becomes FAIL ORDER_IS_CLOSED at its expiry, with
// notifyPayment F. No card number or CVC is stored or logged: a card is
// kept as its BIN, last four digits, expiry and the outcome its number
// stands for.
//
// Test cards ([TestCards]; any future expiry, any CVC, any name):
//
//	4242 4242 4242 4242  VISA        authorized
//	5555 5555 5555 4444  MASTERCARD  authorized
//	4000 0000 0000 0002  VISA        declined: F RISK_REJECT
//	4000 0000 0000 9995  VISA        declined: F USER_BALANCE_NOT_ENOUGH (a DEBIT card)
//	4000 0000 0000 3220  VISA        3-D Secure: a challenge page; code 123456
//	                                 authorizes, any other code fails with RISK_REJECT
//	4000 0000 0000 0077  VISA        authorized; the authorization expires 2 minutes
//	                                 (× TimeScale) later instead of 7 days
//
// Any other number that passes the Luhn check is authorized, its brand
// read from its first digits (VISA, MASTERCARD, AMEX, JCB, DISCOVER,
// UNIONPAY, DINERS, else UNKNOWN); every card is a CREDIT card issued in
// US unless listed otherwise. API.md names no 3-D Secure failure code, so
// a failed challenge uses the documented RISK_REJECT, with a result
// message that says 3-D Secure authentication failed.
//
// Each card the buyer types gets a new card token (52 characters) bound to
// the merchant. pay answers an authorization made at once (a kept card's
// token) with its authExpiryTime too (API.md §5.2). A final outcome
// queues notifyPayment PAYMENT_RESULT (S, or F with the decline code) with authExpiryTime (7 days × TimeScale after
// authorization), paymentResultInfo {cardNo ************4242, cardBrand,
// cardToken, issuingCountry, funding, paymentMethodRegion, cardBin,
// lastFour, expiryMonth, expiryYear, threeDSResult after a challenge} and,
// because seed 002 has the merchant read it there first, a top-level
// cardInfo {cardNo, cardBrand, cardToken, issuingCountry, funding,
// paymentMethodRegion}: fields in the order of vector
// notifyPayment_card.json, cardInfo last. Declined cards get a token too
// (tokenization comes before authorization); an expired payment whose
// card was never given has no card fields.
//
// With paymentMethodId set to a card token this merchant was issued, pay
// charges the stored card without a page: S (or F with the card's
// outcome) and notifyPayment carrying the same token; for the 3-D Secure
// card it answers U PAYMENT_IN_PROCESS with normalUrl pointing at the
// challenge. Any other token (unknown, or another merchant's) answers F
// PARAM_ILLEGAL "unknown card token…": API.md lists no card-token code.
// pay answers carry no card details; read them from notifyPayment or
// inquiryPayment, which for card payments adds paymentMethodType CARD,
// authExpiryTime, cardInfo, paymentResultInfo and transactions[] (one
// CAPTURE per successful capture: transactionStatus SUCCESS,
// transactionRequestId, transactionId = captureId, transactionAmount,
// transactionTime).
//
// captureMode AUTOMATIC captures the whole amount at authorization and
// sends notifyCapture CAPTURE_RESULT S as well (captureRequestId
// AUTO_<paymentId>; API.md §6.4). MANUAL leaves the payment SUCCESS
// (authorized, with authExpiryTime) until the merchant captures.
//
// Go helpers for tests: [Sandbox.PayCard] does what the form does with a
// card number (for the 3-D Secure card it leaves the payment waiting),
// [Sandbox.PassChallenge] answers the challenge. [Sandbox.SettlePayment]
// and the control page's Settle buttons also decide hosted card payments:
// success passes a pending challenge or pays with the Visa test card,
// failure is PROCESS_FAIL.
//
// # Capture
//
// capture takes money from a MANUAL card authorization, in one or more
// captures. Its answers and codes, checked in this order:
//
//	F PARAM_ILLEGAL                     captureRequestId, paymentId or captureAmount missing or malformed (not stored)
//	same answer again                   a captureRequestId used before with the same paymentId and amount
//	F REPEAT_REQ_INCONSISTENT           a captureRequestId used before with other parameters
//	F AUTH_NOT_FOUND                    no payment of this merchant has this paymentId
//	F ORDER_STATUS_INVALID              not a card payment, not authorized (PROCESSING, FAIL) or captureMode AUTOMATIC
//	F AUTH_CANCELLED                    the authorization was cancelled (voided)
//	F AUTH_EXPIRED                      at or after authExpiryTime
//	F CURRENCY_NOT_SUPPORT              captureAmount in another currency than the payment
//	F CAPTURE_AMOUNT_EXCEED_AUTH_LIMIT  all captures together would exceed the authorized amount
//	S                                   captureRequestId, captureId, paymentId, captureAmount, captureTime
//
// Every outcome after the field checks is stored under the
// captureRequestId, refusals included. A successful capture queues
// notifyCapture {notifyType CAPTURE_RESULT, result S, captureRequestId,
// paymentId, captureId, captureAmount, captureTime} to the payment's
// paymentNotifyUrl, else the merchant's URL. isLastCapture is accepted
// and ignored. The sandbox has no fault that answers U
// CAPTURE_IN_PROCESS.
//
// cancel of a card authorization not yet captured voids it (the payment
// becomes CANCELLED; a later capture gets AUTH_CANCELLED); cancel of a
// captured card payment refunds it in full, to the card, outside the
// sandbox; cancel of a hosted payment not yet paid just closes it. Like a
// wallet payment, a payment with refunds cannot be cancelled: F
// ORDER_STATUS_INVALID (API.md §5.5).
//
// # Refunds
//
// refund gives back part or all of a SUCCESS payment, in one or more
// refunds; for a card payment only the captured amount can be refunded.
// Its answers and codes, checked in this order:
//
//	F PARAM_ILLEGAL            refundRequestId, paymentId or refundAmount missing or malformed, bad refundNotifyUrl (not stored)
//	same answer again          a refundRequestId used before with the same paymentId and amount
//	F REPEAT_REQ_INCONSISTENT  a refundRequestId used before with other parameters
//	F ORDER_NOT_EXIST          no payment of this merchant has this paymentId
//	F ORDER_STATUS_INVALID     the payment is not SUCCESS (PROCESSING, FAIL, CANCELLED), or a card authorization with nothing captured
//	F CURRENCY_NOT_SUPPORT     refundAmount in another currency than the payment
//	F REFUND_AMOUNT_EXCEED     all refunds together (processing ones included) would exceed what was paid (captured)
//	S                          refundRequestId, refundId, paymentId, refundAmount, refundTime
//
// A refund of a wallet payment credits the test user's balance (as far as
// the payment still holds money); a card refund is recorded on the
// payment (PaymentInfo.Refunded). A payment stays SUCCESS after refunds.
// Each completed refund queues notifyRefund {notifyType REFUND_RESULT,
// result S, refundStatus SUCCESS, refundRequestId, refundId, refundAmount,
// refundTime} to the refund's refundNotifyUrl, else the payment's
// paymentNotifyUrl, else the merchant's URL.
//
// Refund delay: API.md marks REFUND_IN_PROCESS as a guess, so a delayed
// refund does not answer it. While [Sandbox.SetRefundDelay] is set (not
// scaled by TimeScale), refund answers S with the refundId but without
// refundTime, inquiryRefund reports PROCESSING until the delay has passed,
// and then the settler completes the refund (the wallet user gets the
// money) and sends notifyRefund: the documented pattern where the final
// result comes by notification. Set it from the control page, or
//
//	GET|POST /sandbox/control/refund-delay.json  {"ms":3600000}
//	     how long refunds accepted from now on stay PROCESSING; 0 = done at once
//
// inquiryRefund finds the merchant's refund by refundId (which wins) or
// refundRequestId: S with refundId, refundRequestId, refundAmount,
// refundStatus (PROCESSING, SUCCESS with refundTime, or FAIL for a
// refund that was refused with F: it has no refundId), else F
// ORDER_NOT_EXIST; neither id is F PARAM_ILLEGAL.
//
// The control page lists card payments with their method (brand and last
// four digits), capture mode and authorized, captured and refunded
// amounts, and the last 50 refunds.
//
// # Faults as JSON
//
// GET /sandbox/control/faults.json reads the switchboard and POST sets it.
// The document is shaped like the Go structs, with latency in milliseconds:
//
//	{"API": {"payments/pay": {"Latency": 250, "UnknownNext": 1, "DropNext": 0, "ServerErrorNext": 0,
//	                          "NotFoundNext": 0, "NoPageNext": 1, "NoAuthExpiryNext": 0}},
//	 "Notify": {"DropNext": 0, "DuplicateNext": 2, "ReorderNext": 0, "CorruptSignatureNext": 0}}
//
// NotFoundNext answers F ORDER_NOT_EXIST without doing the work (a payment
// or refund Antom does not show yet: for inquiryPayment, cancel, refund,
// inquiryRefund; AUTH_NOT_FOUND for capture; refused with a 400 for pay, the authorization
// APIs and "*", which Antom never answers so); NoPageNext does the work and answers without any page
// address (for a hosted pay: U PAYMENT_IN_PROCESS with no normalUrl);
// NoAuthExpiryNext does the work and answers without authExpiryTime (a
// card authorization's pay or inquiryPayment answer that does not say
// until when it can be captured, API.md §5.2, §5.3).
//
// Latency and a Hold ([Faults.Hold]) delay a call before its work, and
// the work is done at the end of the delay whether or not the caller is
// still there, as Antom does a call it has received: a caller that gave
// up (an HTTP client's timeout) or died (kill -9) meanwhile leaves a
// payment, refund, … made whose answer nobody read ("sandbox: caller
// gone; work done" in the log), which the merchant must find by inquiry.
// Only the sandbox stopping ends the delay without the work: Close, for
// every call in flight (a caller still there gets HTTP 500), and the end
// of Start's ctx for calls whose callers have left.
//
// A POST replaces the whole switchboard with exactly what it gives: each API
// entry is that API's faults ("*" is every API without its own entry; an
// all-zero entry is none) and Notify the notification faults; whatever is
// left out is off, so {"API":{}} or {} turns every fault off (an old
// "Reset" field is still accepted, and a GET's "Fired" sent back is
// ignored; errors name only API and Notify). A body that is not one JSON object, an API the sandbox
// does not serve, a field or fault kind not above (case-sensitive), a
// negative count or a Latency over 600000 is answered 400 with
// {"error": reason}, and nothing changes. The answer is the resulting
// switchboard. GET also answers "Fired": how often each fault has fired
// since the sandbox started ([Faults.Fired]).
//
// # The ledger and merchants as JSON
//
//	GET  /sandbox/control/ledger.json?clientId=…   the merchant's [Ledger]:
//	     payments (with referenceOrderId), refunds, captures, consults and
//	     the calls per request id ([Sandbox.RequestCalls]); clientId may be
//	     left out while only one merchant is registered
//	GET  /sandbox/control/merchants.json           [{"clientId","notifyUrl","name"}]
//	POST /sandbox/control/merchants.json           {"clientId":"…","notifyUrl":"…","name":"…"}
//	     sets a registered merchant's notification URL and, if given, its
//	     name ([Sandbox.SetNotifyURL])
//
// [Control] is a Go client of these endpoints for other processes.
//
// # Files in the data directory
//
// [Open] and [Provision] keep their state in [Config.DataDir] (created with
// mode 0700). Each key and id file is one line, created with mode 0600:
//
//	sandbox.db            SQLite state: merchants, notification outbox, attempts,
//	                      test wallet users and balances, QR codes, auth
//	                      codes, tokens, payments, card tokens, captures,
//	                      refunds
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
