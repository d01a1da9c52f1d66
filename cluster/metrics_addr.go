package cluster

import (
	"fmt"
	"net"
	"strconv"
)

// metricsAddrOf is instance i's METRICS_ADDR (counting from 0) when the
// first's is first ("127.0.0.1:9091"): the same host, the port i past
// first's (127.0.0.1:9092 for the second), so that an operator knows
// where to scrape each. An error names a first that is not host:port or
// a port past 65535.
func metricsAddrOf(first string, i int) (string, error) {
	host, port, err := net.SplitHostPort(first)
	if err != nil {
		return "", fmt.Errorf("METRICS_ADDR: %w", err)
	}
	p, err := strconv.Atoi(port)
	if err != nil || p < 1 || p+i > 65535 {
		return "", fmt.Errorf("METRICS_ADDR: port %q: the instances need %d ports from it, up to 65535", port, i+1)
	}
	return net.JoinHostPort(host, strconv.Itoa(p+i)), nil
}
