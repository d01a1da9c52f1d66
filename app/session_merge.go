package app

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"time"

	"antom-checkout/db"
)

// maxSessionMerges bounds how often one commit merges with a session
// other requests keep changing under it. Each merge follows another
// request's commit of the same session, so a browser's requests at once
// merge at most as often as they are many: 36 pay buttons of one browser
// pressed at once ran out of 8 (trial); past 64 it is no shop's use.
const maxSessionMerges = 64

// commitSession writes a request's session b with expiry under token
// without losing what another request of the same browser (another tab)
// committed since this one read it (db.SessionReadOf):
//   - unchanged from what it read: only the expiry moves (db.TouchSession),
//     so a page view never writes back an older session;
//   - changed: written only over what it read (db.CommitSessionIf); if
//     another request wrote first, the two are merged (mergeSessions) and
//     written over that; if the session is gone (its token renewed away
//     or deleted meanwhile), not written at all.
//
// A commit that wrote nothing — no expiry moved, or a session gone — says
// so (db.QuietSessionCookie): the response sets no session cookie, which
// would carry an old token or an expiry the store does not hold.
//
// A session the request did not read (a new token: a first visit, a
// sign-in's renewed one) is written by write; then the token it renewed,
// if any, is deleted by remove (db.DeferSessionDelete): the old session
// lasts until the new one is there, so that a request of the same
// browser loading it meanwhile is never a stranger's.
func commitSession(ctx context.Context, d *db.DB, token string, b []byte, expiry time.Time, write func() error, remove func(token string) error) error {
	base, found, known := db.SessionReadOf(ctx, token)
	if !known {
		if err := write(); err != nil {
			return err
		}
		if old := db.RenewedSessionOf(ctx); old != "" {
			return remove(old)
		}
		return nil
	}
	if found && bytes.Equal(base, b) {
		moved, err := d.TouchSession(ctx, token, expiry)
		if err == nil && !moved {
			db.QuietSessionCookie(ctx, token)
		}
		return err
	}
	for range maxSessionMerges {
		ok, err := d.CommitSessionIf(ctx, token, base, found, b, expiry)
		if err != nil || ok {
			return err
		}
		theirs, theirsFound, err := d.FindSessionNow(ctx, token)
		if err != nil {
			return err
		}
		if found && !theirsFound {
			// Renewed away (a sign-in in another tab), deleted (a sign-out)
			// or expired since this request read it: written again, the old
			// token would be the browser's once more, signed out — or back
			// in after signing out.
			db.QuietSessionCookie(ctx, token)
			return nil
		}
		if b, err = mergeSessions(base, found, b, theirs, theirsFound); err != nil {
			return err
		}
		base, found = theirs, theirsFound
	}
	return fmt.Errorf("app: session changed by other requests %d times while this one was written", maxSessionMerges)
}

// mergeSessions is ours (a request's session, changed from base, which it
// read; baseFound: there was one) merged with theirs (what another
// request committed since; theirsFound: there is one): each value this
// request changed is ours, every other theirs. A value we removed that
// they changed stays theirs: removing a shown notice never removes a
// newer one. The deadline is ours. (No value is a list that two tabs add
// to: a guest's orders are found by the session's guest key, which only
// a first guest order sets.)
func mergeSessions(base []byte, baseFound bool, ours, theirs []byte, theirsFound bool) ([]byte, error) {
	values := func(b []byte, found bool) (map[string]any, error) {
		if !found {
			return map[string]any{}, nil
		}
		_, v, err := sessionCodec{}.Decode(b)
		return v, err
	}
	baseV, err := values(base, baseFound)
	if err != nil {
		return nil, err
	}
	theirV, err := values(theirs, theirsFound)
	if err != nil {
		return nil, err
	}
	deadline, ourV, err := sessionCodec{}.Decode(ours)
	if err != nil {
		return nil, err
	}
	merged := theirV
	for k := range keysOf(baseV, ourV) {
		o, inOurs := ourV[k]
		if !changed(baseV, ourV, k) {
			continue // theirs
		}
		_, inTheirs := theirV[k]
		switch {
		case !inOurs && inTheirs && changed(baseV, theirV, k):
			// we removed it, they set it anew: theirs
		case !inOurs:
			delete(merged, k)
		default:
			merged[k] = o
		}
	}
	return sessionCodec{}.Encode(deadline, merged)
}

// changed reports whether key k differs between a and b (present in one
// only, or another value).
func changed(a, b map[string]any, k string) bool {
	x, inA := a[k]
	y, inB := b[k]
	return inA != inB || !reflect.DeepEqual(x, y)
}

// keysOf is the set of keys of both maps.
func keysOf(a, b map[string]any) map[string]struct{} {
	out := make(map[string]struct{}, len(a)+len(b))
	for k := range a {
		out[k] = struct{}{}
	}
	for k := range b {
		out[k] = struct{}{}
	}
	return out
}
