package handlers

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
)

// A body larger than any form of ours is refused with 413 before anything
// reads it — by its Content-Length, or sent chunked without one — on
// buyer and staff pages alike, saying why in the buyer's language (staff:
// English), and nothing changes; the same form within the bound acts.
func TestLargeBodiesAreRefusedAndChangeNothing(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	order := func(pad int) url.Values {
		return url.Values{"product": {"coffee"}, "quantity": {"1"}, "note": {strings.Repeat("x", pad)}}
	}
	before := ta.dump(t)
	for _, chunked := range []bool{false, true} {
		body := order(maxBody).Encode()
		var r io.Reader = strings.NewReader(body)
		if chunked {
			r = io.MultiReader(r) // no length known: sent chunked
		}
		req, _ := http.NewRequest(http.MethodPost, b.base+"/orders", r)
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept-Language", "ko")
		resp, err := b.http.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		p := read(t, resp)
		if p.status != http.StatusRequestEntityTooLarge {
			t.Fatalf("an order form of %d bytes (chunked %v): %d, want 413", len(body), chunked, p.status)
		}
		if !strings.Contains(p.body, "보낸 내용이 이 상점의 어떤 양식보다도 훨씬 커서") {
			t.Errorf("the 413 page does not say why in Korean:\n%s", p.body)
		}
	}
	if after := ta.dump(t); after != before {
		t.Errorf("a refused body changed the database:\n%s", after)
	}
	if p := b.post("/admin/signin", url.Values{"email": {strings.Repeat("a", maxBody)}}); p.status != http.StatusRequestEntityTooLarge ||
		!strings.Contains(p.body, "far larger than any form of this shop") {
		t.Errorf("a staff sign-in of over %d bytes: %d, want 413 saying why in English:\n%s", maxBody, p.status, p.body)
	}
	if p := b.post("/orders", order(maxBody-100)); p.status != http.StatusSeeOther {
		t.Errorf("an order form just within the bound: %d, want 303 (ordered):\n%s", p.status, p.body)
	}
}

// Nothing of a multipart form reaches the disk: one too large is refused
// unread, and one within the bound is parsed in memory, whoever posts it
// and wherever to — a stranger's posts cannot fill the disk the database
// writes to (Go's server would not remove the temporary files of the
// request copies our middleware parses).
func TestMultipartFormsLeaveNothingOnDisk(t *testing.T) {
	ta := newTestApp(t)
	b := ta.client(t)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where multipart puts what does not fit in memory
	form := func(size int) (string, []byte) {
		var body bytes.Buffer
		w := multipart.NewWriter(&body)
		w.WriteField("email", "probe@example.com")
		f, err := w.CreateFormFile("upload", "big.bin")
		if err != nil {
			t.Fatal(err)
		}
		f.Write(make([]byte, size))
		w.Close()
		return w.FormDataContentType(), body.Bytes()
	}
	for _, size := range []int{maxBody - 1<<10, 1 << 20} {
		contentType, body := form(size)
		for _, path := range []string{"/signin", "/orders", "/lang", "/admin/signin", "/admin/orders/ORD-1/refunds", "/no-such-page"} {
			resp, err := b.http.Post(b.base+path, contentType, bytes.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			p := read(t, resp)
			if p.status >= 500 || (len(body) > maxBody && path != "/no-such-page" && p.status != http.StatusRequestEntityTooLarge) {
				t.Errorf("POST %s of %d bytes: %d", path, len(body), p.status)
			}
		}
	}
	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("left on disk: %s", e.Name())
	}
}
