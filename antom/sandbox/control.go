package sandbox

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"sort"
	"time"
)

//go:embed control.html
var controlFiles embed.FS

// recentLimit is how many notifications, and payments, the control page
// lists.
const recentLimit = 50

// parseControlTemplate parses the control page.
func parseControlTemplate() (*template.Template, error) {
	t, err := template.New("control.html").Funcs(template.FuncMap{"ms": millis}).ParseFS(controlFiles, "control.html")
	if err != nil {
		return nil, fmt.Errorf("sandbox: control template: %w", err)
	}
	return t, nil
}

// controlRoutes serves the control page and its endpoints.
func (s *Sandbox) controlRoutes() http.Handler {
	tokenLifetime, refundDelay := s.tokenLifetimeSetting(), s.refundDelaySetting()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /sandbox/control", s.controlPage)
	mux.HandleFunc("POST /sandbox/control/faults", s.controlFaultsForm)
	mux.HandleFunc("GET /sandbox/control/faults.json", s.getFaultsJSON)
	mux.HandleFunc("POST /sandbox/control/faults.json", s.postFaultsJSON)
	mux.HandleFunc("POST /sandbox/control/tokens/cancel", s.controlCancelTokenForm)
	mux.HandleFunc("POST /sandbox/control/tokens/cancel.json", s.postCancelTokensJSON)
	mux.HandleFunc("POST /sandbox/control/token-lifetime", tokenLifetime.form)
	mux.HandleFunc("GET /sandbox/control/token-lifetime.json", tokenLifetime.getJSON)
	mux.HandleFunc("POST /sandbox/control/token-lifetime.json", tokenLifetime.postJSON)
	mux.HandleFunc("POST /sandbox/control/payments/settle", s.controlSettleForm)
	mux.HandleFunc("POST /sandbox/control/payments/settle.json", s.postSettleJSON)
	mux.HandleFunc("POST /sandbox/control/refund-delay", refundDelay.form)
	mux.HandleFunc("GET /sandbox/control/refund-delay.json", refundDelay.getJSON)
	mux.HandleFunc("POST /sandbox/control/refund-delay.json", refundDelay.postJSON)
	mux.HandleFunc("GET /sandbox/control/merchants.json", s.getMerchantsJSON)
	mux.HandleFunc("POST /sandbox/control/merchants.json", s.postMerchantJSON)
	mux.HandleFunc("GET /sandbox/control/ledger.json", s.getLedgerJSON)
	return mux
}

// controlView is what the control page shows.
type controlView struct {
	Merchants     []Merchant
	APIs          []string // the registered APIs, for the API fault form
	APIFaults     []apiFaultRow
	Notify        NotifyFault
	Notifications []notificationView
	Tokens        []tokenControlRow
	Payments      []paymentControlRow
	Refunds       []refundControlRow
	TokenLifetime time.Duration // 0 = the seed's table
	RefundDelay   time.Duration // 0 = refunds done at once
	// MagicDelay: how long after pay the magic amounts …91 and …92
	// settle by themselves (magicSettleDelay, scaled).
	MagicDelay time.Duration
	Now        string
}

// apiFaultRow is one API's faults, for display.
type apiFaultRow struct {
	API string
	APIFault
}

// notificationView is one notification with its attempts, for display.
type notificationView struct {
	ID        int64
	Kind      string
	ClientID  string
	Target    string
	Status    string
	Held      bool
	Attempts  int
	CreatedAt string
	NextAt    string
	Tries     []attemptView
}

// attemptView is one recorded attempt, for display.
type attemptView struct {
	Attempt    int
	At         string
	HTTPStatus int
	Acked      bool
	Err        string
}

// controlPage renders GET /sandbox/control.
func (s *Sandbox) controlPage(w http.ResponseWriter, r *http.Request) {
	recent, err := s.recentNotifications(r.Context(), recentLimit)
	if err != nil {
		s.log.Error("sandbox: control page", "err", err)
		http.Error(w, "sandbox: could not read notifications", http.StatusInternalServerError)
		return
	}
	tokens, err := s.controlTokenRows(r.Context())
	if err != nil {
		s.log.Error("sandbox: control page", "err", err)
		http.Error(w, "sandbox: could not read tokens", http.StatusInternalServerError)
		return
	}
	payments, err := s.controlPaymentRows(r.Context())
	if err != nil {
		s.log.Error("sandbox: control page", "err", err)
		http.Error(w, "sandbox: could not read payments", http.StatusInternalServerError)
		return
	}
	refunds, err := s.controlRefundRows(r.Context())
	if err != nil {
		s.log.Error("sandbox: control page", "err", err)
		http.Error(w, "sandbox: could not read refunds", http.StatusInternalServerError)
		return
	}
	apiFaults, notify := s.faults.Snapshot()
	view := controlView{
		Merchants:     s.merchant.list(),
		APIs:          s.apis.names(),
		APIFaults:     faultRows(apiFaults),
		Notify:        notify,
		Notifications: recent,
		Tokens:        tokens,
		Payments:      payments,
		Refunds:       refunds,
		TokenLifetime: s.tokenLifetime(),
		RefundDelay:   s.refundDelay(),
		MagicDelay:    s.scaled(magicSettleDelay),
		Now:           displayTime(s.now()),
	}
	var buf bytes.Buffer
	if err := s.page.Execute(&buf, view); err != nil {
		s.log.Error("sandbox: control page", "err", err)
		http.Error(w, "sandbox: could not render the page", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	buf.WriteTo(w)
}

// faultRows sorts the API faults by name.
func faultRows(m map[string]APIFault) []apiFaultRow {
	rows := make([]apiFaultRow, 0, len(m))
	for api, f := range m {
		rows = append(rows, apiFaultRow{API: api, APIFault: f})
	}
	sort.Slice(rows, func(i, j int) bool { return rows[i].API < rows[j].API })
	return rows
}

// displayTime formats a time for the control page.
func displayTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Local().Format("2006-01-02 15:04:05.000")
}

// millis renders a duration as whole milliseconds.
func millis(d time.Duration) int64 { return d.Milliseconds() }
