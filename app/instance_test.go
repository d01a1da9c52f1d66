package app

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
)

// /healthz names the instance that answered — its host name and the port
// it serves on — so that an operator asking through the load balancer
// sees which one did; two instances on one machine (make run-cluster)
// answer with their own ports. The "listening" line names it too.
func TestHealthzNamesItsInstance(t *testing.T) {
	store := map[string]string{"DATA_DIR": t.TempDir()}
	gateway := settingsGateway(t, store)
	host, err := os.Hostname()
	check(t, err)
	seen := map[string]bool{}
	for range 2 {
		a, logs, _ := startSettingsApp(t, gateway, store, map[string]string{"ADDR": "127.0.0.1:0"})
		listen := func() net.Listener {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			check(t, err)
			return ln
		}
		ln := listen()
		ctx, cancel := context.WithCancel(context.Background())
		served := make(chan error, 1)
		go func() { served <- a.Serve(ctx, Listeners{App: ln, Sandbox: listen(), Metrics: listen()}) }()
		t.Cleanup(func() {
			cancel()
			<-served
		})
		_, port, _ := net.SplitHostPort(ln.Addr().String())
		want := net.JoinHostPort(host, port)

		resp, err := http.Get("http://" + ln.Addr().String() + "/healthz")
		check(t, err)
		var health struct {
			Instance string `json:"instance"`
			Status   string `json:"status"`
		}
		err = json.NewDecoder(resp.Body).Decode(&health)
		resp.Body.Close()
		check(t, err)
		if health.Instance != want || health.Status != "ok" {
			t.Fatalf("/healthz says instance %q, status %q; want %q, ok", health.Instance, health.Status, want)
		}
		if !strings.Contains(logs.String(), `msg=listening addr=`+ln.Addr().String()+` instance=`+want+` `) {
			t.Errorf("the listening line does not name the instance %s:\n%s", want, logs)
		}
		seen[health.Instance] = true
	}
	if len(seen) != 2 {
		t.Fatalf("two instances answered with one name: %v", seen)
	}
}
