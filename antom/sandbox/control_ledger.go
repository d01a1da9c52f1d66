package sandbox

import "net/http"

// getLedgerJSON answers GET /sandbox/control/ledger.json?clientId=…: the
// merchant's Ledger. clientId may be left out while only one merchant is
// registered.
func (s *Sandbox) getLedgerJSON(w http.ResponseWriter, r *http.Request) {
	clientID, ok := s.controlClientID(w, r.URL.Query().Get("clientId"))
	if !ok {
		return
	}
	l, err := s.Ledger(r.Context(), clientID)
	if err != nil {
		s.log.Error("sandbox: ledger", "err", err)
		writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "could not read the ledger"})
		return
	}
	writeJSON(w, http.StatusOK, l)
}

// controlClientID resolves the merchant a control request is about: the
// given client id if registered, else the only merchant there is. It
// answers the error itself when it cannot.
func (s *Sandbox) controlClientID(w http.ResponseWriter, clientID string) (string, bool) {
	if clientID != "" {
		if _, ok := s.merchant.get(clientID); !ok {
			writeJSON(w, http.StatusNotFound, map[string]string{"error": "unknown clientId"})
			return "", false
		}
		return clientID, true
	}
	all := s.merchant.list()
	if len(all) != 1 {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "clientId is required when more than one merchant (or none) is registered"})
		return "", false
	}
	return all[0].ClientID, true
}
