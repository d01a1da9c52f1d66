package cluster

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"antom-checkout/internal/freeport"
)

// Config says what to start. The zero value of a field takes the default
// its comment gives.
type Config struct {
	Binary      string // the antom-checkout binary (Build makes one)
	DataDir     string // the sandbox's state and credentials, which the instances read too
	DatabaseURL string // every instance's DATABASE_URL; "" = SQLite in DataDir (one instance only)
	Size        int    // app instances (1)
	TokenKey    string // every instance's TOKEN_ENCRYPTION_KEY: they must share it
	PublicURL   string // every instance's PUBLIC_URL, the load balancer's; "" = its own address (one instance only)
	SandboxAddr string // the sandbox's SANDBOX_ADDR ("" = a free loopback port)
	// Env is where every process's environment starts from (KEY=value):
	// PATH, and any setting of the operator's; Config's own settings
	// come on top.
	Env        []string
	SandboxEnv []string // more settings for the sandbox only
	// Metrics gives each instance a METRICS_ADDR on a free loopback port
	// (Instance.MetricsURL).
	Metrics bool
	// MetricsAddr, if set ("127.0.0.1:9091"), is the first instance's
	// METRICS_ADDR; each next one's port follows (9092, …), in place of
	// any METRICS_ADDR in Env, which every instance would share.
	MetricsAddr string
	// Logs returns where a process ("sandbox", "app1", …) writes its
	// output; nil discards it.
	Logs func(name string) io.Writer
}

// Cluster is a running sandbox and its app instances.
type Cluster struct {
	cfg        Config
	SandboxURL string
	Sandbox    *Process
	Instances  []*Instance
}

// Instance is one app process.
type Instance struct {
	*Process
	URL        string // its own address, e.g. http://127.0.0.1:41234
	MetricsURL string // its Prometheus metrics, with Config.Metrics
	addr       string
	metrics    string
}

// Start starts the sandbox, waits for it, then the app instances, and
// returns once every instance answers /healthz with 200. On error
// everything started is stopped again.
func Start(ctx context.Context, cfg Config) (*Cluster, error) {
	if cfg.Size == 0 {
		cfg.Size = 1
	}
	if cfg.DatabaseURL == "" && cfg.Size > 1 {
		return nil, errors.New("cluster: several instances need DATABASE_URL (PostgreSQL)")
	}
	if cfg.PublicURL == "" && cfg.Size > 1 {
		// Each its own address would have every start make its own the
		// shop's PUBLIC_URL and the others warn that theirs differs: a
		// real cluster has one, the load balancer's (README: Running
		// several instances).
		return nil, errors.New("cluster: several instances need one PUBLIC_URL, the load balancer's")
	}
	if cfg.Logs == nil {
		cfg.Logs = func(string) io.Writer { return io.Discard }
	}
	c := &Cluster{cfg: cfg}
	if err := c.startSandbox(ctx); err != nil {
		return nil, err
	}
	for i := range cfg.Size {
		addr, err := freeport.Addr()
		if err != nil {
			c.Stop()
			return nil, err
		}
		inst := &Instance{URL: "http://" + addr, addr: addr}
		switch {
		case cfg.MetricsAddr != "":
			inst.metrics, err = metricsAddrOf(cfg.MetricsAddr, i)
		case cfg.Metrics:
			inst.metrics, err = freeport.Addr()
		}
		if err != nil {
			c.Stop()
			return nil, err
		}
		if inst.metrics != "" {
			inst.MetricsURL = "http://" + browsable(inst.metrics) + "/metrics"
		}
		c.Instances = append(c.Instances, inst)
		if err := c.startInstance(i); err != nil {
			c.Stop()
			return nil, err
		}
	}
	for _, inst := range c.Instances {
		if err := waitReady(ctx, inst.URL+"/healthz", inst.Process, time.Minute); err != nil {
			c.Stop()
			return nil, err
		}
	}
	return c, nil
}

func (c *Cluster) startSandbox(ctx context.Context) error {
	addr := c.cfg.SandboxAddr
	if addr == "" {
		var err error
		if addr, err = freeport.Addr(); err != nil {
			return err
		}
	}
	env := append(append(append([]string{}, c.cfg.Env...), c.cfg.SandboxEnv...),
		"SANDBOX_ADDR="+addr, "DATA_DIR="+c.cfg.DataDir)
	p, err := startProcess("sandbox", c.cfg.Logs("sandbox"), env, nil, c.cfg.Binary, "sandbox")
	if err != nil {
		return err
	}
	c.Sandbox, c.SandboxURL = p, "http://"+browsable(addr)
	if err := waitReady(ctx, c.SandboxURL+"/sandbox/control/merchants.json", p, 30*time.Second); err != nil {
		p.Kill()
		return err
	}
	return nil
}

// startInstance starts (or starts again, on its old address) instance i.
func (c *Cluster) startInstance(i int) error {
	inst := c.Instances[i]
	public := c.cfg.PublicURL
	if public == "" {
		public = inst.URL
	}
	env := append(append([]string{}, c.cfg.Env...),
		"ADDR="+inst.addr, "PUBLIC_URL="+public, "DATA_DIR="+c.cfg.DataDir, "SANDBOX_URL="+c.SandboxURL,
		"TOKEN_ENCRYPTION_KEY="+c.cfg.TokenKey)
	if c.cfg.DatabaseURL != "" {
		env = append(env, "DATABASE_URL="+c.cfg.DatabaseURL)
	}
	if inst.metrics != "" {
		env = append(env, "METRICS_ADDR="+inst.metrics)
	}
	name := fmt.Sprintf("app%d", i+1)
	p, err := startProcess(name, c.cfg.Logs(name), env, nil, c.cfg.Binary)
	if err != nil {
		return err
	}
	inst.Process = p
	return nil
}

// Restart starts instance i again on its address after it ended, and
// waits until it answers /healthz.
func (c *Cluster) Restart(ctx context.Context, i int) error {
	if err := c.startInstance(i); err != nil {
		return err
	}
	return waitReady(ctx, c.Instances[i].URL+"/healthz", c.Instances[i].Process, time.Minute)
}

// Stop stops the instances (gracefully: they finish what they are
// doing), then the sandbox.
func (c *Cluster) Stop() error {
	var errs []error
	for _, inst := range c.Instances {
		if inst.Process != nil {
			errs = append(errs, inst.Stop(15*time.Second))
		}
	}
	if c.Sandbox != nil {
		errs = append(errs, c.Sandbox.Stop(15*time.Second))
	}
	return errors.Join(errs...)
}

// waitReady polls url until it answers 200, p exits, or wait passes.
func waitReady(ctx context.Context, url string, p *Process, wait time.Duration) error {
	deadline := time.Now().Add(wait)
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		resp, err := client.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("HTTP %d", resp.StatusCode)
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("cluster: %s not ready within %s: %v", p.Name, wait, err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-p.Exited():
			return fmt.Errorf("cluster: %s %w before it was ready (see its log)", p.Name, errExited)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// browsable is a listen address as a browser reaches it: all
// interfaces (":8081") through localhost.
func browsable(addr string) string {
	if host, port, err := net.SplitHostPort(addr); err == nil && (host == "" || host == "0.0.0.0" || host == "::") {
		return net.JoinHostPort("localhost", port)
	}
	return addr
}
