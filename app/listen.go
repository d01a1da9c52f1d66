package app

import (
	"errors"
	"fmt"
	"net"
)

// Listeners are the ports the app serves, opened before anything else
// starts (Listen), so that a port that is taken or malformed stops the
// start before the database, the sandbox's keys or the first staff
// account are written.
type Listeners struct {
	App     net.Listener // ADDR
	Sandbox net.Listener // SANDBOX_ADDR: the built-in sandbox; nil without it
	Metrics net.Listener // METRICS_ADDR; nil when unset
}

// Listen opens every listener cfg asks for; on a failure it closes those
// it opened and names the setting.
func Listen(cfg Config) (Listeners, error) {
	var l Listeners
	open := func(name, addr string, into *net.Listener) error {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			l.Close()
			return fmt.Errorf("%s: %w", name, err)
		}
		*into = ln
		return nil
	}
	if err := open("ADDR", cfg.Addr, &l.App); err != nil {
		return Listeners{}, err
	}
	if cfg.Sandbox && cfg.SandboxURL == "" {
		if err := open("SANDBOX_ADDR", cfg.SandboxAddr, &l.Sandbox); err != nil {
			return Listeners{}, err
		}
	}
	if cfg.MetricsAddr != "" {
		if err := open("METRICS_ADDR", cfg.MetricsAddr, &l.Metrics); err != nil {
			return Listeners{}, err
		}
	}
	return l, nil
}

// Close closes the listeners (for a start that fails before Serve).
func (l Listeners) Close() error {
	var errs []error
	for _, ln := range []net.Listener{l.App, l.Sandbox, l.Metrics} {
		if ln != nil {
			errs = append(errs, ln.Close())
		}
	}
	return errors.Join(errs...)
}
