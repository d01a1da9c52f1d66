package checkout

import "context"

type httpRequestIDKey struct{}

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
