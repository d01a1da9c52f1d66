package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// FaultsDoc is the JSON form of the switchboard, used by
// /sandbox/control/faults.json: the Go structs' field names, latency in
// milliseconds, every count a whole number ≥ 0. A POST replaces the whole
// switchboard with exactly what it gives: API lists every API's faults
// (an API left out, or a zero entry, has none; {"API":{}} or no API at all
// clears them) and Notify the notification faults (left out: none). Reset
// is still accepted and changes nothing more, but errors name only API
// and Notify, the fields the README documents ({} turns every fault off).
// A document that is not JSON, names an API the sandbox does not serve (other than "*"), names a
// fault kind that does not exist, gives a negative count, or arms
// NotFoundNext for an API Antom never answers ORDER_NOT_EXIST (or "*";
// notFoundRefused) is answered
// 400 with the reason, and changes nothing. The answer is the resulting
// switchboard. Fired (Faults.Fired) is only answered; a POST's is ignored.
type FaultsDoc struct {
	Reset  bool                   `json:"Reset,omitempty"`
	API    map[string]APIFaultDoc `json:"API"`
	Notify *NotifyFault           `json:"Notify"`
	Fired  map[string]int         `json:"Fired,omitempty"`
}

// APIFaultDoc is APIFault with Latency in milliseconds.
type APIFaultDoc struct {
	Latency          int64
	UnknownNext      int
	DropNext         int
	ServerErrorNext  int
	NotFoundNext     int
	NoPageNext       int
	NoAuthExpiryNext int
}

// maxLatencyMS bounds a document's Latency: 10 minutes.
const maxLatencyMS = 600_000

// maxControlBody bounds control request bodies.
const maxControlBody = 64 << 10

// getFaultsJSON answers GET /sandbox/control/faults.json.
func (s *Sandbox) getFaultsJSON(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.faultsDoc())
}

// postFaultsJSON answers POST /sandbox/control/faults.json: it replaces
// the switchboard with the document, or answers 400 and changes nothing.
func (s *Sandbox) postFaultsJSON(w http.ResponseWriter, r *http.Request) {
	apiFaults, notify, err := s.readFaultsDoc(w, r)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "bad faults document: " + err.Error()})
		return
	}
	s.faults.Replace(apiFaults, notify)
	s.log.Info("sandbox: faults set", "via", "json")
	writeJSON(w, http.StatusOK, s.faultsDoc())
}

// apiFaultKinds and notifyFaultKinds name the fault kinds a document may
// give, for error messages.
const (
	apiFaultKinds    = "Latency, UnknownNext, DropNext, ServerErrorNext, NotFoundNext, NoPageNext, NoAuthExpiryNext"
	notifyFaultKinds = "DropNext, DuplicateNext, ReorderNext, CorruptSignatureNext"
)

var (
	apiFaultFields    = strings.Split(apiFaultKinds, ", ")
	notifyFaultFields = strings.Split(notifyFaultKinds, ", ")
)

// readFaultsDoc reads and checks a POSTed FaultsDoc: the API faults it
// gives (zero entries left out) and the notification faults.
func (s *Sandbox) readFaultsDoc(w http.ResponseWriter, r *http.Request) (map[string]APIFault, NotifyFault, error) {
	var doc struct {
		Reset  bool
		API    map[string]json.RawMessage
		Notify json.RawMessage
		Fired  json.RawMessage
	}
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxControlBody))
	if err != nil {
		return nil, NotifyFault{}, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	var top json.RawMessage
	if err := dec.Decode(&top); err != nil {
		return nil, NotifyFault{}, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, NotifyFault{}, errors.New("one JSON object expected, found more after it")
	}
	if !bytes.HasPrefix(top, []byte("{")) {
		return nil, NotifyFault{}, errors.New("a JSON object expected, with the fields API, Notify")
	}
	if err := strictJSON(top, &doc, "field", "Reset", "API", "Notify", "Fired"); err != nil {
		return nil, NotifyFault{}, fmt.Errorf("%w (fields: API, Notify)", err)
	}
	apiFaults := make(map[string]APIFault, len(doc.API))
	for _, api := range slices.Sorted(maps.Keys(doc.API)) {
		if api != "*" && s.apis.lookup(api) == nil {
			return nil, NotifyFault{}, fmt.Errorf("unknown API %q: choose one of %s or *", api, strings.Join(s.apis.names(), ", "))
		}
		var d APIFaultDoc
		if err := strictJSON(doc.API[api], &d, "fault kind", apiFaultFields...); err != nil {
			return nil, NotifyFault{}, fmt.Errorf("API %q: %w (fault kinds: %s)", api, err, apiFaultKinds)
		}
		if d.Latency < 0 || d.UnknownNext < 0 || d.DropNext < 0 || d.ServerErrorNext < 0 || d.NotFoundNext < 0 || d.NoPageNext < 0 || d.NoAuthExpiryNext < 0 {
			return nil, NotifyFault{}, fmt.Errorf("API %q: every count and the latency must be ≥ 0", api)
		}
		if d.Latency > maxLatencyMS {
			return nil, NotifyFault{}, fmt.Errorf("API %q: Latency is in milliseconds, at most %d", api, maxLatencyMS)
		}
		if err := notFoundRefused(api); d.NotFoundNext > 0 && err != nil {
			return nil, NotifyFault{}, err
		}
		if f := d.fault(); f != (APIFault{}) {
			apiFaults[api] = f
		}
	}
	var notify NotifyFault
	if err := strictJSON(doc.Notify, &notify, "fault kind", notifyFaultFields...); err != nil {
		return nil, NotifyFault{}, fmt.Errorf("Notify: %w (fault kinds: %s)", err, notifyFaultKinds)
	}
	if notify.DropNext < 0 || notify.DuplicateNext < 0 || notify.ReorderNext < 0 || notify.CorruptSignatureNext < 0 {
		return nil, NotifyFault{}, errors.New("Notify: every count must be ≥ 0")
	}
	return apiFaults, notify, nil
}

// strictJSON decodes the JSON object raw into v, refusing any field that
// (a what: "field", "fault kind") is not one of fields exactly (encoding/json alone would take "api" for
// "API"); empty raw or null leaves v as it is.
func strictJSON(raw []byte, v any, what string, fields ...string) error {
	if len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null" {
		return nil
	}
	var keys map[string]json.RawMessage
	if err := json.Unmarshal(raw, &keys); err != nil {
		return err
	}
	for _, k := range slices.Sorted(maps.Keys(keys)) {
		if !slices.Contains(fields, k) {
			return fmt.Errorf("unknown %s %q", what, k)
		}
	}
	return json.Unmarshal(raw, v)
}

// faultsDoc returns the switchboard as JSON-ready values.
func (s *Sandbox) faultsDoc() FaultsDoc {
	apiFaults, notify := s.faults.Snapshot()
	doc := FaultsDoc{API: make(map[string]APIFaultDoc, len(apiFaults)), Notify: &notify, Fired: s.faults.Fired()}
	for api, f := range apiFaults {
		doc.API[api] = APIFaultDoc{
			Latency:          f.Latency.Milliseconds(),
			UnknownNext:      f.UnknownNext,
			DropNext:         f.DropNext,
			ServerErrorNext:  f.ServerErrorNext,
			NotFoundNext:     f.NotFoundNext,
			NoPageNext:       f.NoPageNext,
			NoAuthExpiryNext: f.NoAuthExpiryNext,
		}
	}
	return doc
}

// fault converts the JSON form back.
func (d APIFaultDoc) fault() APIFault {
	return APIFault{
		Latency:          time.Duration(d.Latency) * time.Millisecond,
		UnknownNext:      d.UnknownNext,
		DropNext:         d.DropNext,
		ServerErrorNext:  d.ServerErrorNext,
		NotFoundNext:     d.NotFoundNext,
		NoPageNext:       d.NoPageNext,
		NoAuthExpiryNext: d.NoAuthExpiryNext,
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
			Latency:          time.Duration(ints.get(r, "latency_ms")) * time.Millisecond,
			UnknownNext:      ints.get(r, "unknown_next"),
			DropNext:         ints.get(r, "drop_next"),
			ServerErrorNext:  ints.get(r, "server_error_next"),
			NotFoundNext:     ints.get(r, "not_found_next"),
			NoPageNext:       ints.get(r, "no_page_next"),
			NoAuthExpiryNext: ints.get(r, "no_auth_expiry_next"),
		}
		if err := notFoundRefused(api); ints.err == nil && f.NotFoundNext > 0 && err != nil {
			return err
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
