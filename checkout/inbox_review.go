package checkout

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"antom-checkout/db"
	"antom-checkout/lang"
)

// maxReviewNote bounds the note of a Mark reviewed, as a failed
// refund's "handled another way" note is bounded.
const maxReviewNote = maxHandledNote

// ReviewNotification marks quarantined inbox row id reviewed by actor
// (staff), with an optional note (one line, at most maxReviewNote
// characters, no control or invisible characters: plainLine): a
// quarantined notification no replay can resolve (a signed REFUND_RESULT
// saying FAIL after SUCCESS, an amount that does not match and never
// will) that staff have looked into. The row then no longer counts among
// those waiting for staff — the dashboard's quarantined count, the
// inbox's quarantined filter — and says who, when and the note; the
// timeline it reached (its order's) says so too, in the same
// transaction. It changes nothing else: no verdict, no order, no money;
// Antom is not called. ErrNotFound for a row there is not; an
// *InputError (field "note") for the note; a *ConflictError when the row
// is not quarantined, or a replay dealt with it, or it was reviewed
// already — Repeat, a neutral note, since what was asked is true (a form
// sent twice, another staff member first).
func (s *Service) ReviewNotification(ctx context.Context, actor string, id int64, note string) error {
	note = strings.TrimSpace(note)
	if err := checkReviewNote(note); err != nil {
		return err
	}
	var subject string
	err := s.db.Tx(ctx, func(q *db.Queries) error {
		n, err := q.NotificationByID(ctx, id)
		if errors.Is(err, db.ErrNotFound) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if refused := notReviewable(n, actor, note, s.zone()); refused != nil {
			return refused
		}
		changed, err := q.ReviewNotification(ctx, id, actor, note, s.now())
		if err != nil {
			return err
		}
		if !changed { // not reached: the transaction read it open
			return &ConflictError{Message: fmt.Sprintf("Notification #%d changed meanwhile: nothing was written. Look at it again.", id)}
		}
		if n.Subject != "" {
			subject = n.Subject
			s.recordBy(ctx, q, n.Subject, EventStaff, actor, reviewLine(n, note))
		}
		return nil
	})
	if err == nil && subject != "" {
		s.hub.Publish(subject)
	}
	return err
}

// checkReviewNote refuses a Mark reviewed note that is too long or not
// one line of plain text; an empty one is fine.
func checkReviewNote(note string) error {
	switch {
	case note == "":
		return nil
	case utf8.RuneCountInString(note) > maxReviewNote:
		return fieldError("note", fmt.Sprintf("At most %d characters.", maxReviewNote))
	case plainLine(note, noteField) != "":
		return fieldError("note", plainLine(note, noteField))
	case !visible(note):
		return fieldError("note", "Write something visible, or leave the note empty.")
	}
	return nil
}

// notReviewable says why row n cannot be marked reviewed by actor with
// note, as a *ConflictError; nil if it can: quarantined, no replay dealt
// with it, not reviewed yet.
func notReviewable(n db.Notification, actor, note string, zone *time.Location) *ConflictError {
	switch {
	case !n.ReviewedAt.IsZero() && n.ReviewedBy == actor && n.ReviewNote == note:
		return &ConflictError{Repeat: true, Message: fmt.Sprintf("Marked once: you had already marked notification #%d reviewed. Nothing was written again.", n.ID)}
	case !n.ReviewedAt.IsZero():
		return &ConflictError{Repeat: true, Message: fmt.Sprintf("Notification #%d was already marked reviewed by %s on %s%s. Nothing was written.",
			n.ID, n.ReviewedBy, lang.StaffTime(n.ReviewedAt, zone), quotedNote(n.ReviewNote))}
	case n.Verdict != VerdictQuarantined:
		return &ConflictError{Message: fmt.Sprintf("Notification #%d is %s, not quarantined: there is nothing to mark reviewed. Nothing was written.", n.ID, n.Verdict)}
	case n.SettledBy != 0:
		return &ConflictError{Message: fmt.Sprintf("Notification #%d was taken over by #%d (its replay): nothing to mark reviewed here. Nothing was written; if #%d is still quarantined, mark that one reviewed.",
			n.ID, n.SettledBy, n.SettledBy)}
	}
	return nil
}

// quotedNote is `: “note”`, or "" for no note.
func quotedNote(note string) string {
	if note == "" {
		return ""
	}
	return ": “" + note + "”"
}

// reviewLine is the timeline line of quarantined row n marked reviewed
// with note.
func reviewLine(n db.Notification, note string) string {
	return fmt.Sprintf("quarantined notification #%d (%s) marked reviewed%s — nothing changed here, no money moved", n.ID, n.Kind, quotedNote(note))
}
