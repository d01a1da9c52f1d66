package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"antom-checkout/internal/sessioncodec"
)

// SessionBuyer names the session value that holds the signed-in buyer's
// id (an int64, as sessioncodec keeps it), for WithSessionBuyer. Made
// once (NewSessionBuyer), with its statement.
type SessionBuyer struct {
	postgres string // the session and the buyer it names (sessionPostgres, joined)
}

// NewSessionBuyer names the session's int64 value key: lower-case
// letters, digits and underscores (it is written into the statement); it
// panics on any other, a programming error.
func NewSessionBuyer(key string) SessionBuyer {
	if key == "" || strings.Trim(key, "abcdefghijklmnopqrstuvwxyz0123456789_") != "" {
		panic(fmt.Sprintf("db: NewSessionBuyer(%q): a session key is lower-case letters, digits and underscores", key))
	}
	// The session's layout (sessioncodec): its data starts with
	// sessioncodec.Prefix, then JSON whose int64 values are an object
	// under "int64", written without spaces. The JSON is parsed only
	// when its bytes hold `"key":` (a guest's session costs a byte
	// search), and not when they hold `\u0000`, which PostgreSQL's jsonb
	// refuses (a NUL in any of its strings): such a session's buyer is
	// read on its own.
	n := len(sessioncodec.Prefix)
	return SessionBuyer{postgres: fmt.Sprintf(`SELECT s.data, `+buyerColumns+` FROM sessions s
		LEFT JOIN buyers b ON b.id = CASE
			WHEN substring(s.data from 1 for %d) = '\x%x'::bytea AND position('\x%x'::bytea in s.data) > 0 AND position('\x%x'::bytea in s.data) = 0
			THEN (convert_from(substring(s.data from %d), 'UTF8')::jsonb #>> '{int64,"%s"}')::bigint END
		WHERE s.token = ? AND current_timestamp < s.expiry`, n, sessioncodec.Prefix, `"`+key+`":`, `\u0000`, n+1, key)}
}

// sessionBuyerRead is the buyer account a request's session names, read
// in the same statement as the session (FindSession), for BuyerByID to
// take once. It belongs to one request, whose handlers run one after
// another: it needs no lock.
type sessionBuyerRead struct {
	key   *SessionBuyer
	tried bool  // the request's first FindSession has run (firstBuyerRead)
	id    int64 // the buyer read; 0: none (nothing to take)
	taken bool
	buyer Buyer
}

type sessionBuyerKey struct{}

// WithSessionBuyer returns ctx in which, on PostgreSQL, the first
// FindSession also reads the buyer account that the session's value key
// names, in the same statement: one round trip instead of two. The first
// BuyerByID of that id outside a transaction then takes that read
// instead of its own; any later one reads afresh, as does one for a
// buyer the read did not find. A session in another layout (gob, from
// before sessioncodec) names no buyer here: BuyerByID reads as before.
// Nor is the buyer read with a checkout page's session (read with its
// order: WithCheckoutRead), where the join would cost a guest more than
// it saves a buyer (BenchmarkPageHandlers). On SQLite ctx is returned as
// it is: there a read of its own from the read pool costs no more than
// the join.
func (d *DB) WithSessionBuyer(ctx context.Context, key *SessionBuyer) context.Context {
	if d.Backend() != PostgreSQL {
		return ctx
	}
	return context.WithValue(ctx, sessionBuyerKey{}, &sessionBuyerRead{key: key})
}

func sessionBuyerOf(ctx context.Context) *sessionBuyerRead {
	r, _ := ctx.Value(sessionBuyerKey{}).(*sessionBuyerRead)
	return r
}

// firstBuyerRead is ctx's buyer read, for the request's first
// FindSession to make, and only that one; nil if there is none to make.
func firstBuyerRead(ctx context.Context) *sessionBuyerRead {
	r := sessionBuyerOf(ctx)
	if r == nil || r.tried {
		return nil
	}
	r.tried = true
	return r
}

// take reports whether the read of buyer id is there to take, and takes
// it.
func (r *sessionBuyerRead) take(id int64) bool {
	if r.id == 0 || r.taken || r.id != id {
		return false
	}
	r.taken = true
	return true
}

// findSessionAndBuyer is findSession that reads the buyer the session
// names too, and leaves it in r. Should the statement fail on the
// session's data (a data exception: its JSON is one PostgreSQL cannot
// take, or its text one the database's encoding cannot hold), the
// session is read on its own.
func (d *DB) findSessionAndBuyer(ctx context.Context, token string, r *sessionBuyerRead) ([]byte, bool, error) {
	var data []byte
	var b buyerRow
	err := d.Queries.q.QueryRowContext(lookup(ctx), r.key.postgres, token).Scan(append([]any{&data}, b.dest()...)...)
	if isDataException(err) {
		return d.findSession(ctx, token)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("db: find session: %w", err)
	}
	r.buyer, _ = b.buyer()
	r.id = r.buyer.ID
	return data, true, nil
}
