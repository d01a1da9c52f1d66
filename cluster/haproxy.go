package cluster

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// haproxyConfig is the load balancer in front of the instances: round
// robin (sessions live in the database, so any instance serves any
// buyer), /healthz checked every second, an instance out after two failed
// checks and back after one good one. A request whose connection an
// instance refuses is sent to another (retries, redispatch); timeouts
// leave room for the 25-second long-polls. A buyer who closes a page
// ends its request at the instance at once (abortonclose: without it,
// haproxy takes a client's close for a half-close and holds a waiting
// long-poll at the instance for its whole 25 s); the app is made for
// that — a pay or refund whose request ends mid-call still makes its
// call to Antom and records the answer (checkout's holdingOwn). Only a
// request that could not be sent is sent again (retry-on's default,
// conn-failure): never one that reached an instance.
// X-Forwarded-For carries the buyer's address (the instances trust it
// from haproxy only: TRUSTED_PROXIES). Every request is logged when it
// ends, as haproxy saw it (httpLogFormat). When no instance can take a
// request (all down, or failing /healthz: the database down) haproxy's
// 503 is the shop's page saying so (errorfile: unavailablePage), not its
// own bare one.
const haproxyConfig = `# Written by make run-cluster (cluster/haproxy.go); changes are lost.
global
	log stdout format raw local0 info

defaults
	mode http
	log global
	option dontlognull
	log-format "{{logformat}}"
	timeout connect 2s
	timeout client 65s
	timeout server 65s
	retries 2
	option redispatch
	option forwardfor
	option abortonclose
	errorfile 503 "{{errorfile}}"

frontend checkout
	bind {{bind}}
	default_backend instances

backend instances
	balance roundrobin
	option httpchk GET /healthz
	http-check expect status 200
	default-server inter 1s fall 2 rise 1
{{servers}}`

// httpLogFormat is haproxy's line for each request, written when it
// ends: the client's address, when it was received, method and path,
// status, its whole time in ms (%Ta), the instance that served it (or
// <NOSRV>), and haproxy's termination state ("----" for a normal end;
// "CH" or "CD" for a client that went away before or during its answer,
// "SH" or "SD" for an instance that did). The path is logged without its
// query (%HP), as the app's own line logs it.
const httpLogFormat = `%ci [%tr] %HM %HP status=%ST ms=%Ta server=%s term=%tsc`

// HAProxyPath finds Debian's haproxy: on PATH, or in /usr/sbin.
func HAProxyPath() (string, error) {
	if path, err := exec.LookPath("haproxy"); err == nil {
		return path, nil
	}
	if _, err := os.Stat("/usr/sbin/haproxy"); err == nil {
		return "/usr/sbin/haproxy", nil
	}
	return "", errors.New("cluster: haproxy is not installed (apt-get install haproxy)")
}

// StartHAProxy starts Debian's haproxy on bind (e.g. ":8080") in front of
// the instances, with its configuration written to dir, and waits until
// it accepts connections.
func StartHAProxy(ctx context.Context, dir, bind string, instances []*Instance, out io.Writer) (*Process, error) {
	path, err := HAProxyPath()
	if err != nil {
		return nil, err
	}
	var servers strings.Builder
	for i, inst := range instances {
		fmt.Fprintf(&servers, "\tserver app%d %s check\n", i+1, inst.addr)
	}
	page, err := unavailablePage()
	if err != nil {
		return nil, err
	}
	pagePath, err := filepath.Abs(filepath.Join(dir, "unavailable-503.http"))
	if err != nil {
		return nil, err
	}
	if strings.ContainsAny(pagePath, "\"\\\n") {
		return nil, fmt.Errorf("cluster: haproxy cannot be given the path %q", pagePath)
	}
	if err := os.WriteFile(pagePath, page, 0o644); err != nil {
		return nil, err
	}
	conf := strings.NewReplacer("{{bind}}", bind, "{{servers}}", servers.String(),
		"{{logformat}}", httpLogFormat, "{{errorfile}}", pagePath).Replace(haproxyConfig)
	cfgPath := filepath.Join(dir, "haproxy.cfg")
	if err := os.WriteFile(cfgPath, []byte(conf), 0o644); err != nil {
		return nil, err
	}
	if msg, err := exec.CommandContext(ctx, path, "-c", "-q", "-f", cfgPath).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("cluster: haproxy refuses %s: %v %s", cfgPath, err, msg)
	}
	p, err := startProcess("haproxy", out, os.Environ(), nil, path, "-db", "-f", cfgPath)
	if err != nil {
		return nil, err
	}
	dial := bind
	if strings.HasPrefix(dial, ":") {
		dial = "127.0.0.1" + dial
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		conn, err := net.DialTimeout("tcp", dial, time.Second)
		if err == nil {
			conn.Close()
			return p, nil
		}
		select {
		case <-p.Exited():
			return nil, fmt.Errorf("cluster: haproxy %w (see its output)", errExited)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			p.Kill()
			return nil, fmt.Errorf("cluster: haproxy does not accept connections on %s: %v", bind, err)
		}
	}
}
