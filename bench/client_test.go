package bench

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"sort"
	"testing"
	"time"
)

// buyerClient is a signed-in buyer's HTTP client.
type buyerClient struct {
	tb   testing.TB
	http *http.Client
	base string
}

func newBuyer(tb testing.TB, base, email string) *buyerClient {
	tb.Helper()
	c := newBrowserFor(tb, base)
	resp := c.post("/signup", url.Values{"email": {email}, "password": {"correct horse battery"}})
	if resp.StatusCode != http.StatusSeeOther {
		tb.Fatalf("sign up: %d", resp.StatusCode)
	}
	return c
}

// newBrowserFor is a browser of its own (cookies) on base, signed in
// nowhere; redirects are not followed.
func newBrowserFor(tb testing.TB, base string) *buyerClient {
	jar, _ := cookiejar.New(nil)
	return &buyerClient{tb: tb, base: base, http: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

func (c *buyerClient) post(path string, form url.Values) *http.Response {
	c.tb.Helper()
	resp, err := c.http.PostForm(c.base+path, form)
	if err != nil {
		c.tb.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

// getJSON fetches and decodes a JSON answer.
func (c *buyerClient) getJSON(path string, v any) {
	c.tb.Helper()
	resp, err := c.http.Get(c.base + path)
	if err != nil {
		c.tb.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		c.tb.Fatalf("GET %s: %d", path, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		c.tb.Fatal(err)
	}
}

// percentile returns the p-th percentile (0–100) of samples.
func percentile(samples []time.Duration, p float64) time.Duration {
	if len(samples) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), samples...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	i := int(float64(len(s)-1) * p / 100)
	return s[i]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
