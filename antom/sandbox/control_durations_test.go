package sandbox

import (
	"net/http"
	"net/url"
	"testing"
	"time"
)

// Each duration setting is set from the control page's form and as JSON,
// read back as JSON, and refuses what is not a whole number of
// milliseconds ≥ 0 without changing.
func TestDurationSettings(t *testing.T) {
	l := newLinkSetup(t)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, c := range []struct {
		path string
		get  func() time.Duration
	}{
		{"/sandbox/control/token-lifetime", l.s.tokenLifetime},
		{"/sandbox/control/refund-delay", l.s.refundDelay},
	} {
		t.Run(c.path, func(t *testing.T) {
			resp, err := noRedirect.PostForm(l.url+c.path, url.Values{"ms": {" 2500 "}})
			must(t, err)
			resp.Body.Close()
			equal(t, resp.StatusCode, http.StatusSeeOther, "form")
			equal(t, resp.Header.Get("Location"), "/sandbox/control", "form's redirect")
			equal(t, c.get(), 2500*time.Millisecond, "set by the form")

			for _, bad := range []string{"", "-1", "1.5", "soon"} {
				resp, err := noRedirect.PostForm(l.url+c.path, url.Values{"ms": {bad}})
				must(t, err)
				resp.Body.Close()
				equal(t, resp.StatusCode, http.StatusBadRequest, "form with ms "+bad)
			}
			for _, bad := range []string{`{"ms":-1}`, `{"ms":"5"}`, `{"seconds":5}`, `[]`} {
				status, _ := postJSON(t, l.url+c.path+".json", bad)
				equal(t, status, http.StatusBadRequest, "JSON "+bad)
			}
			equal(t, c.get(), 2500*time.Millisecond, "after what was refused")

			status, body := postJSON(t, l.url+c.path+".json", `{"ms":0}`)
			equal(t, status, http.StatusOK, "JSON")
			equal(t, body, `{"ms":0}`, "JSON's answer")
			var doc msDoc
			getJSON(t, l.url+c.path+".json", http.StatusOK, &doc)
			equal(t, doc.MS, 0, "read back")
		})
	}
}
