package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"time"

	"github.com/alexedwards/scs/v2"
)

// hashedTokens wraps any scs session store so that the store only ever
// sees a SHA-256 of each session token, never the token itself: a copy of
// the sessions table then holds nothing a browser could present. Tokens
// are 256 random bits, so a plain hash suffices (nothing to guess). A
// session stored before the wrapper is simply not found (its buyer signs
// in again).
type hashedTokens struct {
	inner scs.Store
}

// hashTokens returns inner behind hashedTokens. It keeps the context
// (scs.CtxStore) when inner takes one.
func hashTokens(inner scs.Store) scs.CtxStore { return hashedTokens{inner: inner} }

// storedToken is what the inner store keys a session by: the token's
// SHA-256 in hex (64 characters). It runs twice a request (find and
// commit): the token's bytes (43 characters, scs's) are copied into a
// buffer on the stack, and the hex written into an array first, so the
// key is its one allocation, not []byte(token)'s and
// hex.EncodeToString's three.
func storedToken(token string) string {
	buf := make([]byte, 0, 64) // a longer token is copied to the heap
	sum := sha256.Sum256(append(buf, token...))
	var out [2 * sha256.Size]byte
	hex.Encode(out[:], sum[:])
	return string(out[:])
}

func (h hashedTokens) Find(token string) ([]byte, bool, error) {
	return h.inner.Find(storedToken(token))
}

func (h hashedTokens) Commit(token string, b []byte, expiry time.Time) error {
	return h.inner.Commit(storedToken(token), b, expiry)
}

func (h hashedTokens) Delete(token string) error {
	return h.inner.Delete(storedToken(token))
}

func (h hashedTokens) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	if c, ok := h.inner.(scs.CtxStore); ok {
		return c.FindCtx(ctx, storedToken(token))
	}
	return h.Find(token)
}

func (h hashedTokens) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	if c, ok := h.inner.(scs.CtxStore); ok {
		return c.CommitCtx(ctx, storedToken(token), b, expiry)
	}
	return h.Commit(token, b, expiry)
}

func (h hashedTokens) DeleteCtx(ctx context.Context, token string) error {
	if c, ok := h.inner.(scs.CtxStore); ok {
		return c.DeleteCtx(ctx, storedToken(token))
	}
	return h.Delete(token)
}
