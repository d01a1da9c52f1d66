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
//	sandbox.db            SQLite state: merchants, notification outbox, attempts
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
