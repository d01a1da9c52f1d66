package app

import (
	"net"
	"os"
	"sync"
)

// instanceName tells this instance from the others behind a load
// balancer, in /healthz and the "listening" line: the machine's host
// name and the port it serves ADDR on — the listener's, once Serve has
// one (ADDR's port 0 is chosen then), else ADDR's. The project has no
// setting naming instances: on one machine (make run-cluster) the ports
// tell them apart, on several the host names. Neither is a secret.
type instanceName struct {
	host string // os.Hostname, "unknown-host" if it has none
	mu   sync.Mutex
	port string
}

func newInstanceName(addr string) *instanceName {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "unknown-host"
	}
	n := &instanceName{host: host}
	_, n.port, _ = net.SplitHostPort(addr)
	return n
}

// serving notes the address the app's listener has.
func (n *instanceName) serving(addr net.Addr) {
	if n == nil { // an App not made by New
		return
	}
	if _, port, err := net.SplitHostPort(addr.String()); err == nil {
		n.mu.Lock()
		n.port = port
		n.mu.Unlock()
	}
}

// String is host:port, e.g. "web-2:8080".
func (n *instanceName) String() string {
	if n == nil { // an App not made by New
		return ""
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	return net.JoinHostPort(n.host, n.port)
}
