package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// FaultsDoc is the JSON form of the switchboard, used by
// /sandbox/control/faults.json: the Go structs' field names, latency in
// milliseconds. On POST, Reset clears everything first, each API entry is
// set (a zero entry removes it) and Notify, when present, replaces the
// notification faults; the answer is the resulting switchboard. Fired
// (Faults.Fired) is only answered; a POST's is ignored.
type FaultsDoc struct {
	Reset  bool                   `json:"Reset,omitempty"`
	API    map[string]APIFaultDoc `json:"API"`
	Notify *NotifyFault           `json:"Notify"`
	Fired  map[string]int         `json:"Fired,omitempty"`
}

// APIFaultDoc is APIFault with Latency in milliseconds.
type APIFaultDoc struct {
	Latency         int64
	UnknownNext     int
	DropNext        int
	ServerErrorNext int
	NotFoundNext    int
	NoPageNext      int
}

// maxControlBody bounds control request bodies.
const maxControlBody = 64 << 10

// getFaultsJSON answers GET /sandbox/control/faults.json.
func (s *Sandbox) getFaultsJSON(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.faultsDoc())
}

// postFaultsJSON answers POST /sandbox/control/faults.json.
func (s *Sandbox) postFaultsJSON(w http.ResponseWriter, r *http.Request) {
	var doc FaultsDoc
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxControlBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "bad faults document: " + err.Error()})
		return
	}
	if doc.Reset {
		s.faults.Reset()
	}
	for api, f := range doc.API {
		s.faults.SetAPI(api, f.fault())
	}
	if doc.Notify != nil {
		s.faults.SetNotify(*doc.Notify)
	}
	s.log.Info("sandbox: faults set", "via", "json")
	writeJSON(w, http.StatusOK, s.faultsDoc())
}

// faultsDoc returns the switchboard as JSON-ready values.
func (s *Sandbox) faultsDoc() FaultsDoc {
	apiFaults, notify := s.faults.Snapshot()
	doc := FaultsDoc{API: make(map[string]APIFaultDoc, len(apiFaults)), Notify: &notify, Fired: s.faults.Fired()}
	for api, f := range apiFaults {
		doc.API[api] = APIFaultDoc{
			Latency:         f.Latency.Milliseconds(),
			UnknownNext:     f.UnknownNext,
			DropNext:        f.DropNext,
			ServerErrorNext: f.ServerErrorNext,
			NotFoundNext:    f.NotFoundNext,
			NoPageNext:      f.NoPageNext,
		}
	}
	return doc
}

// fault converts the JSON form back.
func (d APIFaultDoc) fault() APIFault {
	return APIFault{
		Latency:         time.Duration(d.Latency) * time.Millisecond,
		UnknownNext:     d.UnknownNext,
		DropNext:        d.DropNext,
		ServerErrorNext: d.ServerErrorNext,
		NotFoundNext:    d.NotFoundNext,
		NoPageNext:      d.NoPageNext,
	}
}

// writeJSON writes v as a JSON answer.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// controlFaultsForm handles the control page's forms, then 303s back.
func (s *Sandbox) controlFaultsForm(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxControlBody)
	if err := s.applyFaultsForm(r); err != nil {
		http.Error(w, "sandbox: "+err.Error(), http.StatusBadRequest)
		return
	}
	s.log.Info("sandbox: faults set", "via", "form", "action", r.PostFormValue("action"))
	http.Redirect(w, r, "/sandbox/control", http.StatusSeeOther)
}

// applyFaultsForm reads one of the forms: action "api", "notify" or "reset".
func (s *Sandbox) applyFaultsForm(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return fmt.Errorf("bad form: %w", err)
	}
	var ints formInts
	switch r.PostFormValue("action") {
	case "api":
		api := strings.TrimSpace(r.PostFormValue("api"))
		if api == "" {
			api = "*"
		}
		if api != "*" && s.apis.lookup(api) == nil {
			return fmt.Errorf("unknown API %q: choose one of %s or *", api, strings.Join(s.apis.names(), ", "))
		}
		f := APIFault{
			Latency:         time.Duration(ints.get(r, "latency_ms")) * time.Millisecond,
			UnknownNext:     ints.get(r, "unknown_next"),
			DropNext:        ints.get(r, "drop_next"),
			ServerErrorNext: ints.get(r, "server_error_next"),
			NotFoundNext:    ints.get(r, "not_found_next"),
			NoPageNext:      ints.get(r, "no_page_next"),
		}
		if ints.err == nil {
			s.faults.SetAPI(api, f)
		}
	case "notify":
		n := NotifyFault{
			DropNext:             ints.get(r, "drop_next"),
			DuplicateNext:        ints.get(r, "duplicate_next"),
			ReorderNext:          ints.get(r, "reorder_next"),
			CorruptSignatureNext: ints.get(r, "corrupt_signature_next"),
		}
		if ints.err == nil {
			s.faults.SetNotify(n)
		}
	case "reset":
		s.faults.Reset()
	default:
		return errors.New("unknown action")
	}
	return ints.err
}

// formInts reads non-negative integer fields, keeping the first error.
type formInts struct{ err error }

// get returns the named field as an int; empty means 0.
func (f *formInts) get(r *http.Request, name string) int {
	v := strings.TrimSpace(r.PostFormValue(name))
	if v == "" {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		if f.err == nil {
			f.err = fmt.Errorf("%s must be a whole number ≥ 0", name)
		}
		return 0
	}
	return n
}
