package handlers

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
)

// A multipart form whose file part is too big for memory is written to a
// temporary file while it is parsed; once answered, nothing of it may stay
// on disk, whoever posted it and wherever to: a stranger's posts must not
// fill the disk. (Go's server removes such files only for the request it
// made, not for the copies our middleware parses.)
func TestFormFilesLeaveNothingOnDisk(t *testing.T) {
	ta := newTestApp(t)
	srv := httptest.NewServer(ta.Routes())
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where multipart puts what does not fit in memory

	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("email", "probe@example.com")
	f, err := w.CreateFormFile("upload", "big.bin")
	if err != nil {
		t.Fatal(err)
	}
	f.Write(make([]byte, maxFormMemory+1<<20)) // past what the form may hold in memory
	w.Close()

	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, path := range []string{"/signin", "/orders", "/lang", "/admin/signin", "/admin/orders/ORD-1/refunds", "/no-such-page"} {
		resp, err := client.Post(srv.URL+path, w.FormDataContentType(), bytes.NewReader(body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode >= 500 {
			t.Errorf("POST %s: %d", path, resp.StatusCode)
		}
	}
	srv.Close() // waits for every request's handler to end

	left, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range left {
		t.Errorf("left on disk: %s", e.Name())
	}
}
