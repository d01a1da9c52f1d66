package checkout

import (
	"context"
	"crypto/rand"
	"encoding/hex"
)

type httpRequestIDKey struct{}

// Prefixes of the request ids the app makes for work no HTTP request
// asked for (ownRequestID): a reconciler pass, an Antom call made from a
// context without an id.
const (
	ReconcilerRequestPrefix = "rec-"
	OwnCallRequestPrefix    = "call-"
)

// WithHTTPRequestID tags ctx with the X-Request-Id of the HTTP request
// doing the work: the timeline entries written under ctx carry it, and so
// does work the request leaves running in the background.
func WithHTTPRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, httpRequestIDKey{}, id)
}

// HTTPRequestID returns the request id ctx was tagged with, or "".
func HTTPRequestID(ctx context.Context) string {
	id, _ := ctx.Value(httpRequestIDKey{}).(string)
	return id
}

// ownRequestID returns ctx as it is when it carries a request id (the
// HTTP request's, a notification's, the reconciler pass's), else tagged
// with a new one: prefix and 16 random hex digits ("rec-3f9a…"), so that
// every Antom call, and the timeline entries of the work it is part of,
// name what caused them, and the prefix says no request did.
func ownRequestID(ctx context.Context, prefix string) context.Context {
	if HTTPRequestID(ctx) != "" {
		return ctx
	}
	b := make([]byte, 8)
	rand.Read(b) // never fails (crypto/rand)
	return WithHTTPRequestID(ctx, prefix+hex.EncodeToString(b))
}
