package proof

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"
)

// browser is one person's browser: its own cookies, redirects not
// followed (each step is looked at), pages read whole.
type browser struct {
	base string // the app, e.g. http://127.0.0.1:41234
	http *http.Client
}

// page is one answer: status, where it redirects, and the body.
type page struct {
	status   int
	location string
	body     string
}

// newBrowser returns a browser with an empty cookie jar.
func newBrowser(base string) *browser {
	jar, _ := cookiejar.New(nil) // cannot fail without options
	return &browser{base: base, http: &http.Client{
		Jar:           jar,
		Timeout:       90 * time.Second, // above the long-poll's 25 s and the slowest faults
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// abs turns an app path into a URL; absolute URLs (the sandbox's pages)
// pass as they are.
func (b *browser) abs(target string) string {
	if strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://") {
		return target
	}
	return b.base + target
}

// get fetches a page.
func (b *browser) get(ctx context.Context, target string) (page, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, b.abs(target), nil)
	if err != nil {
		return page{}, err
	}
	return b.do(req)
}

// post submits a form.
func (b *browser) post(ctx context.Context, target string, form url.Values) (page, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.abs(target), strings.NewReader(form.Encode()))
	if err != nil {
		return page{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

func (b *browser) do(req *http.Request) (page, error) {
	resp, err := b.http.Do(req)
	if err != nil {
		return page{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return page{}, err
	}
	return page{status: resp.StatusCode, location: resp.Header.Get("Location"), body: string(body)}, nil
}

// getJSON fetches a JSON answer that must be 200.
func (b *browser) getJSON(ctx context.Context, target string, v any) error {
	p, err := b.get(ctx, target)
	if err != nil {
		return err
	}
	if p.status != http.StatusOK {
		return fmt.Errorf("GET %s: HTTP %d", target, p.status)
	}
	return json.Unmarshal([]byte(p.body), v)
}

// postRedirect submits a form that must answer 303 and returns where it
// goes; what names the step in errors.
func (b *browser) postRedirect(ctx context.Context, what, target string, form url.Values) (string, error) {
	p, err := b.post(ctx, target, form)
	if err != nil {
		return "", fmt.Errorf("%s: %w", what, err)
	}
	if p.status != http.StatusSeeOther {
		return "", fmt.Errorf("%s: HTTP %d, want 303", what, p.status)
	}
	return p.location, nil
}
