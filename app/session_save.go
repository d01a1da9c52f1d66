package app

import (
	"context"
	"net/http"
	"slices"
	"time"

	"github.com/alexedwards/scs/v2"
)

// loadAndSave is scs's LoadAndSave — the session loaded before the
// handler, committed and its cookie written before the answer's first
// byte — except for a session the request left as it found it: scs marks
// every session it loads Modified when IdleTimeout is set, only to push
// its idle expiry forward, and commits it; touchThrottle then leaves the
// write out when this process wrote that session less than touchEvery
// ago, but only after the session was encoded and hashed again. Here such
// a session is not committed at all: what it holds is what the store
// holds (it was just read), and the expiry the store holds is at most
// touchEvery behind. The cookie is written as scs writes it, the new idle
// expiry included.
func loadAndSave(s *scs.SessionManager) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Add("Vary", "Cookie")
			var token string
			if c, err := r.Cookie(s.Cookie.Name); err == nil {
				token = c.Value
			}
			ctx, err := s.Load(r.Context(), token)
			if err != nil {
				s.ErrorFunc(w, r, err)
				return
			}
			sr := r.WithContext(ctx)
			sw := &savingWriter{ResponseWriter: w, s: s, r: sr, loaded: loadedAs(s, ctx)}
			next.ServeHTTP(sw, sr)
			if !sw.written {
				sw.save()
			}
		})
	}
}

// loaded is a session as Load found it: its token, deadline and values
// (lists copied). Token "": Load found none.
type loaded struct {
	token    string
	deadline time.Time
	keys     []string
	values   []any
}

// loadedAs notes the session in ctx as it is now.
func loadedAs(s *scs.SessionManager, ctx context.Context) loaded {
	l := loaded{token: s.Token(ctx)}
	if l.token == "" {
		return l
	}
	l.deadline = s.Deadline(ctx)
	l.keys = s.Keys(ctx)
	l.values = make([]any, len(l.keys))
	for i, k := range l.keys {
		v := s.Get(ctx, k)
		if list, ok := v.([]string); ok {
			v = slices.Clone(list)
		}
		l.values[i] = v
	}
	return l
}

// unchanged reports whether the session in ctx is still as l found it:
// the same token, deadline, keys and values. A value of a type sessions
// do not keep (sessionCodec) counts as changed.
func (l loaded) unchanged(s *scs.SessionManager, ctx context.Context) bool {
	if l.token == "" || s.Token(ctx) != l.token || !s.Deadline(ctx).Equal(l.deadline) {
		return false
	}
	keys := s.Keys(ctx)
	if !slices.Equal(keys, l.keys) {
		return false
	}
	for i, k := range keys {
		switch v := s.Get(ctx, k).(type) {
		case int64:
			if w, ok := l.values[i].(int64); !ok || v != w {
				return false
			}
		case string:
			if w, ok := l.values[i].(string); !ok || v != w {
				return false
			}
		case []string:
			if w, ok := l.values[i].([]string); !ok || !slices.Equal(v, w) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// toucher is a store that can tell that committing an unchanged session
// with expiry may be left out (touchThrottle, through hashedTokens).
type toucher interface {
	touchNotNeeded(token string, expiry time.Time) bool
}

// savingWriter saves the session before the answer's first byte, as
// scs's does.
type savingWriter struct {
	http.ResponseWriter
	s       *scs.SessionManager
	r       *http.Request
	loaded  loaded
	written bool
}

// save does what scs's LoadAndSave does after the handler, but leaves
// out the commit of a session that only its idle expiry would change,
// when the store says its expiry is recent enough.
func (sw *savingWriter) save() {
	s, ctx, w := sw.s, sw.r.Context(), sw.ResponseWriter
	switch s.Status(ctx) {
	case scs.Modified:
		if t, ok := s.Store.(toucher); ok && sw.loaded.unchanged(s, ctx) {
			expiry := s.Deadline(ctx)
			if ie := time.Now().Add(s.IdleTimeout).UTC(); s.IdleTimeout > 0 && ie.Before(expiry) {
				expiry = ie
			}
			if t.touchNotNeeded(sw.loaded.token, expiry) {
				s.WriteSessionCookie(ctx, w, sw.loaded.token, expiry)
				return
			}
		}
		token, expiry, err := s.Commit(ctx)
		if err != nil {
			s.ErrorFunc(w, sw.r, err)
			return
		}
		s.WriteSessionCookie(ctx, w, token, expiry)
	case scs.Destroyed:
		s.WriteSessionCookie(ctx, w, "", time.Time{})
	}
}

func (sw *savingWriter) Write(b []byte) (int, error) {
	if !sw.written {
		sw.save()
		sw.written = true
	}
	return sw.ResponseWriter.Write(b)
}

func (sw *savingWriter) WriteHeader(code int) {
	if !sw.written {
		sw.save()
		sw.written = true
	}
	sw.ResponseWriter.WriteHeader(code)
}

func (sw *savingWriter) Unwrap() http.ResponseWriter { return sw.ResponseWriter }
