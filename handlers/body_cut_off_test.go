package handlers

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// A form whose body is still coming in when the shutdown deadline cuts
// its request off is answered 503, as a request cut off is: its read ends
// then. It was left waiting for the rest of its body until the server
// closed the connection unanswered, and logged as the client's mistake
// (400).
func TestBodyStillComingAtTheShutdownDeadlineIsAnswered503(t *testing.T) {
	ta := newTestApp(t)
	base, cut := context.WithCancelCause(context.Background())
	srv := httptest.NewUnstartedServer(ta.Routes())
	srv.Config.BaseContext = func(net.Listener) context.Context { return base }
	srv.Start()
	defer srv.Close()

	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// 9 bytes of a body of 50: the rest never comes.
	fmt.Fprintf(conn, "POST /orders HTTP/1.1\r\nHost: %s\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 50\r\n\r\nproduct=m", srv.Listener.Addr())
	cut(ErrShutdownDeadline)
	conn.SetReadDeadline(time.Now().Add(10 * time.Second)) // unanswered: fail, not hang
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer to the request cut off: %v", err)
	}
	resp.Body.Close()
	assertEqual(t, resp.StatusCode, http.StatusServiceUnavailable, "the request cut off")
	assertEqual(t, countOrders(t, ta), 0, "orders")
}
