// Package freeport finds a loopback TCP port nobody listens on, for the
// processes the cluster, the proof and the tests start on this machine.
// The port is free when asked: another process may take it before the
// caller listens on it.
package freeport

import "net"

// Addr returns a loopback address ("127.0.0.1:PORT") nobody listens on
// right now.
func Addr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// Port is Addr's port.
func Port() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
