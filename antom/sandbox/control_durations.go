package sandbox

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// durationSetting is one of the control page's duration settings (the
// access token lifetime, the refund delay), set in whole milliseconds
// from the page's form or as JSON {"ms": n}; 0 restores the default.
type durationSetting struct {
	s    *Sandbox
	name string // in the log line: "token lifetime"
	get  func() time.Duration
	set  func(time.Duration)
}

// tokenLifetimeSetting is SetTokenLifetime (0 = the seed's table).
func (s *Sandbox) tokenLifetimeSetting() durationSetting {
	return durationSetting{s: s, name: "token lifetime", get: s.tokenLifetime, set: s.SetTokenLifetime}
}

// refundDelaySetting is SetRefundDelay (0 = refunds done at once).
func (s *Sandbox) refundDelaySetting() durationSetting {
	return durationSetting{s: s, name: "refund delay", get: s.refundDelay, set: s.SetRefundDelay}
}

// msDoc is the JSON of a duration setting, in milliseconds.
type msDoc struct {
	MS int64 `json:"ms"`
}

// getJSON answers GET of the setting's .json endpoint.
func (d durationSetting) getJSON(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, msDoc{MS: d.get().Milliseconds()})
}

// postJSON answers POST of the setting's .json endpoint: 400 with
// {"error": …} unless the body is {"ms": n}, n ≥ 0.
func (d durationSetting) postJSON(w http.ResponseWriter, r *http.Request) {
	var doc msDoc
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxControlBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil || doc.MS < 0 {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": `want {"ms": milliseconds ≥ 0}`})
		return
	}
	d.put(doc.MS)
	writeJSON(w, http.StatusOK, msDoc{MS: d.get().Milliseconds()})
}

// form handles the control page's form for the setting (field "ms").
func (d durationSetting) form(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxControlBody)
	ms, err := strconv.ParseInt(strings.TrimSpace(r.PostFormValue("ms")), 10, 64)
	if err != nil || ms < 0 {
		http.Error(w, "sandbox: ms must be a whole number ≥ 0", http.StatusBadRequest)
		return
	}
	d.put(ms)
	http.Redirect(w, r, "/sandbox/control", http.StatusSeeOther)
}

func (d durationSetting) put(ms int64) {
	d.set(time.Duration(ms) * time.Millisecond)
	d.s.log.Info("sandbox: "+d.name+" set", "ms", ms)
}
