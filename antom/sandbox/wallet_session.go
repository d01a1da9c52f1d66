package sandbox

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"time"
)

const (
	// walletCookie names the wallet app's session cookie; it must not clash
	// with the merchant app's cookies on the same host.
	walletCookie = "sandbox_wallet"
	// walletCookiePath scopes the cookie to the wallet app.
	walletCookiePath = "/sandbox/wallet"
	// walletSessionTTL is how long a wallet-app sign-in lasts (not scaled).
	walletSessionTTL = 12 * time.Hour
)

// sessionHash is how a session id is stored: never the id itself.
func sessionHash(id string) string {
	sum := sha256.Sum256([]byte(id))
	return hex.EncodeToString(sum[:])
}

// signedIn returns the user the request's cookie signs in, if any.
func (s *Sandbox) signedIn(r *http.Request) (walletUser, bool, error) {
	c, err := r.Cookie(walletCookie)
	if err != nil || c.Value == "" {
		return walletUser{}, false, nil
	}
	login, err := s.sessionLogin(r.Context(), sessionHash(c.Value))
	if err != nil || login == "" {
		return walletUser{}, false, err
	}
	u, err := s.userByLogin(r.Context(), login)
	if errors.Is(err, ErrUnknownUser) {
		return walletUser{}, false, nil
	}
	return u, err == nil, err
}

// startSession signs login in: a fresh session id in the cookie, any
// earlier session of this browser ended.
func (s *Sandbox) startSession(ctx context.Context, w http.ResponseWriter, r *http.Request, login string) error {
	if c, err := r.Cookie(walletCookie); err == nil && c.Value != "" {
		if err := s.deleteSession(ctx, sessionHash(c.Value)); err != nil {
			return err
		}
	}
	id := rand.Text()
	expires := s.now().Add(walletSessionTTL)
	if err := s.saveSession(ctx, sessionHash(id), login, expires); err != nil {
		return err
	}
	http.SetCookie(w, walletSessionCookie(r, id, int(walletSessionTTL.Seconds())))
	return nil
}

// endSession signs the browser out.
func (s *Sandbox) endSession(w http.ResponseWriter, r *http.Request) error {
	c, err := r.Cookie(walletCookie)
	if err != nil || c.Value == "" {
		return nil
	}
	http.SetCookie(w, walletSessionCookie(r, "", -1))
	return s.deleteSession(r.Context(), sessionHash(c.Value))
}

// walletSessionCookie builds the cookie: HttpOnly, SameSite=Lax, Secure
// over TLS; maxAge < 0 deletes it.
func walletSessionCookie(r *http.Request, value string, maxAge int) *http.Cookie {
	return &http.Cookie{
		Name:     walletCookie,
		Value:    value,
		Path:     walletCookiePath,
		MaxAge:   maxAge,
		HttpOnly: true,
		Secure:   r.TLS != nil,
		SameSite: http.SameSiteLaxMode,
	}
}
