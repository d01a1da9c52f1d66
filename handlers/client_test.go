package handlers

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"testing"
)

// browserClient is a cookie-keeping client that does not follow redirects,
// so tests see each 303.
type browserClient struct {
	t    *testing.T
	http *http.Client
	base string
}

func (ta *testApp) client(t *testing.T) *browserClient {
	t.Helper()
	srv := httptest.NewServer(ta.Routes())
	t.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	return &browserClient{t: t, base: srv.URL, http: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

type page struct {
	status   int
	location string
	body     string
}

func (b *browserClient) get(path string) page {
	b.t.Helper()
	resp, err := b.http.Get(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	return read(b.t, resp)
}

func (b *browserClient) post(path string, form url.Values) page {
	b.t.Helper()
	resp, err := b.http.PostForm(b.base+path, form)
	if err != nil {
		b.t.Fatal(err)
	}
	return read(b.t, resp)
}

func read(t *testing.T, resp *http.Response) page {
	t.Helper()
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return page{status: resp.StatusCode, location: resp.Header.Get("Location"), body: string(body)}
}

// sessionCookie returns the current session cookie's value.
func (b *browserClient) sessionCookie() string {
	u, _ := url.Parse(b.base)
	for _, c := range b.http.Jar.Cookies(u) {
		if c.Name == "session" {
			return c.Value
		}
	}
	return ""
}

// signUp signs up as email and returns where the sign-up leads: the page
// that says welcome (its Location, naming that notice).
func (b *browserClient) signUp(email string) string {
	b.t.Helper()
	p := b.post("/signup", url.Values{"email": {email}, "password": {"correct horse battery"}})
	if p.status != http.StatusSeeOther {
		b.t.Fatalf("sign up: %d %s", p.status, p.body)
	}
	return p.location
}

// lookup asks Antom about the refund id through the refund lookup's form
// (a POST) and, when it leads (303) to the answer's address, returns the
// page there; else the POST's own answer (a bad id's form, 422).
func (b *browserClient) lookup(id string) page {
	b.t.Helper()
	p := b.post("/admin/refunds/lookup", url.Values{"id": {id}})
	if p.status != http.StatusSeeOther || p.location != lookupAnswerAt(id) {
		return p
	}
	return b.get(p.location)
}
