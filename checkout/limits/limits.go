// Package limits holds how long what staff or a buyer type may be: one
// number for each field, which both the domain's check (package
// checkout, refusing longer input with the field's error, the whole
// text kept in the field) and the form's words (package views: "one
// line, at most 200 characters" by the field) read, so that the two
// cannot drift. A leaf package: views may not import checkout (it
// brings db and antom).
//
// The forms carry no maxlength: a browser cuts a longer paste to it
// without a word, and a cut note was confirmed and stored, a cut
// reason sent to Antom (trial, 6 Dec 2026). Staff read the limit beside
// the field instead, and the server says when it is passed.
package limits

const (
	// RefundReason: a refund's reason, in characters (Antom's
	// refundReason, API.md §5.6).
	RefundReason = 256
	// StaffNote: a note staff write, in characters — how a failed refund
	// was settled another way, what was done about an alarm (Mark
	// resolved), why a quarantined notification was marked reviewed.
	StaffNote = 200
	// RefundLookupID: the refund lookup's refundRequestId or refundId,
	// in characters (Antom's limit for both, API.md §5.7).
	RefundLookupID = 64
	// Password: a password, buyer's or staff's, in bytes: bcrypt reads
	// no further.
	Password = 72
	// BuyerPasswordMin: the shortest buyer password, in characters (the
	// form's minlength).
	BuyerPasswordMin = 8
	// Email: an email address, in bytes (RFC 5321's path limit, less
	// its angle brackets).
	Email = 254
)
