package sandbox

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
)

// tokenControlRow is one live link on the control page.
type tokenControlRow struct {
	ID       int64
	Merchant string
	Wallet   string
	Login    string
	Token    string // masked
	Expires  string
}

// controlTokenRows lists the live links for the control page.
func (s *Sandbox) controlTokenRows(ctx context.Context) ([]tokenControlRow, error) {
	live, err := s.liveTokens(ctx, "")
	if err != nil {
		return nil, err
	}
	rows := make([]tokenControlRow, 0, len(live))
	for _, t := range live {
		rows = append(rows, tokenControlRow{ID: t.ID, Merchant: t.ClientID, Wallet: t.Wallet, Login: t.Login,
			Token: maskToken(t.AccessToken), Expires: displayTime(t.AccessExpires)})
	}
	return rows, nil
}

// controlCancelTokenForm handles the control page's cancel button: a
// wallet-side cancellation, TOKEN_CANCELED included.
func (s *Sandbox) controlCancelTokenForm(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxControlBody)
	id, err := strconv.ParseInt(r.PostFormValue("id"), 10, 64)
	if err != nil {
		http.Error(w, "sandbox: id must be a token id", http.StatusBadRequest)
		return
	}
	if err := s.cancelLink(r.Context(), id, walletCancelReason); err != nil && !errors.Is(err, ErrTokenNotLive) {
		s.log.Error("sandbox: cancel token", "err", err)
		http.Error(w, "sandbox: could not cancel the token", http.StatusInternalServerError)
		return
	}
	http.Redirect(w, r, "/sandbox/control", http.StatusSeeOther)
}

// cancelTokensDoc is the body of POST /sandbox/control/tokens/cancel.json.
type cancelTokensDoc struct {
	Login  string `json:"login"`
	Wallet string `json:"wallet"`
}

// postCancelTokensJSON cancels a test user's live links in one wallet,
// sending TOKEN_CANCELED for each; it answers {"canceled": n}.
func (s *Sandbox) postCancelTokensJSON(w http.ResponseWriter, r *http.Request) {
	var doc cancelTokensDoc
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxControlBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil || doc.Login == "" || doc.Wallet == "" {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": `want {"login":"…","wallet":"…"}`})
		return
	}
	n, err := s.cancelUserTokens(r.Context(), doc.Login, doc.Wallet)
	switch {
	case errors.Is(err, ErrUnknownUser), errors.Is(err, ErrWrongWallet):
		writeJSON(w, http.StatusNotFound, map[string]string{"error": fmt.Sprintf("no test user %q in wallet %q", doc.Login, doc.Wallet)})
	case err != nil:
		s.log.Error("sandbox: cancel tokens", "err", err)
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "could not cancel the tokens"})
	default:
		writeJSON(w, http.StatusOK, map[string]int{"canceled": n})
	}
}

// cancelUserTokens cancels login's live links in wallet and returns how
// many there were.
func (s *Sandbox) cancelUserTokens(ctx context.Context, login, wallet string) (int, error) {
	u, err := s.userByLogin(ctx, login)
	if err != nil {
		return 0, err
	}
	if u.Wallet != wallet {
		return 0, ErrWrongWallet
	}
	live, err := s.liveTokens(ctx, login)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, t := range live {
		err := s.cancelLink(ctx, t.ID, walletCancelReason)
		if errors.Is(err, ErrTokenNotLive) {
			continue // ended meanwhile
		}
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
