// Package proof drives the whole checkout the way buyers, staff and Antom
// do, breaks things on purpose, and then checks the checkout's books
// against the sandbox's own ledger: the proof behind `make chaos` and
// `make crash` (README.md, "Proof").
//
//   - Chaos (RunChaos) runs the Antom sandbox and the app on loopback and
//     drives them only through HTTP: buyers sign up, link wallets by Scan
//     to Link (playing the phone on the sandbox's wallet app), pay in one
//     click and by card on the sandbox's hosted page (3-D Secure
//     included), double-click, pay from two tabs at once and pay again
//     after a failure; staff refund, capture and void in /admin. All the
//     while the sandbox's faults are switched on and re-armed from a
//     schedule the seed decides. Then the faults go off, the reconciler
//     is given time to settle (waiting on the books, with a deadline), and
//     Compare looks at every order, attempt, refund, capture and link.
//   - Crash (RunCrash) runs the built binary: `antom-checkout sandbox`
//     and the app as processes of their own, drives payments, refunds and
//     link attempts, and kills the app with SIGKILL again and again — at
//     random moments and, through the test-only TEST_CRASH_AT setting, at
//     exact points (between the pay call and storing its answer, inside
//     the notification transaction, …) — restarting it each time, then
//     compares the same way.
//
// What Compare counts (per order, or per request id or authState when no
// order is involved):
//
//   - double charge: an order with more than one payment that took the
//     buyer's money at Antom (paymentStatus SUCCESS);
//   - lost: money Antom took (or a link Antom made) that the checkout
//     does not hold: the order is not paid or authorised, its attempt is
//     not SUCCESS, the buyer's page does not say paid;
//   - stuck: anything still PROCESSING (or an authorised link without its
//     token) once the deadline to settle has passed, on either side;
//   - mismatched: every other disagreement: paid here but not at Antom,
//     other amounts or paymentIds, refunds or captures whose outcome
//     differs, request ids Antom saw that the checkout has no record of.
package proof
