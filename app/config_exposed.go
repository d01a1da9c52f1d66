package app

import (
	"log/slog"
	"net"

	"antom-checkout/antom"
	"antom-checkout/db"
)

// warnExposed logs one WARN line for each setting that opens something to
// more than this machine or its load balancers. They are not refused:
// a container binds METRICS_ADDR to 0.0.0.0 for Prometheus, and an app
// reachable only through its platform's router may trust every address.
func warnExposed(cfg Config, log *slog.Logger) {
	if cfg.MetricsAddr != "" {
		if host, _, _ := net.SplitHostPort(cfg.MetricsAddr); !isLoopback(host) {
			log.Warn("METRICS_ADDR is not loopback: /metrics and /debug/pprof/ (profiles, goroutine dumps) are served to whoever reaches it; "+
				"keep that port off public networks, or bind it to 127.0.0.1", "metrics_addr", cfg.MetricsAddr)
		}
	}
	warnPlaintextDatabase(cfg, log)
	warnAntomSandbox(cfg, log)
	for _, p := range cfg.TrustedProxies {
		if _, n, err := net.ParseCIDR(p); err == nil {
			if ones, _ := n.Mask.Size(); ones == 0 {
				log.Warn("TRUSTED_PROXIES trusts every address: any client names its own address in X-Forwarded-For, "+
					"which defeats the sign-in throttles and fills logs and Antom's clientIp with what it likes; list only your load balancers",
					"trusted_proxies", p)
			}
		}
	}
}

// warnPlaintextDatabase logs a WARN line when, with real Antom, the
// connection to PostgreSQL on another machine may go without TLS:
// DATABASE_URL's sslmode absent (pgx's default, prefer, falls back to
// plaintext), prefer, allow or disable. The line names the sslmode and
// the host, never the URL (it holds the password).
func warnPlaintextDatabase(cfg Config, log *slog.Logger) {
	if cfg.Sandbox || cfg.DatabaseURL == "" {
		return
	}
	host, mode, plaintext := db.PostgresPlaintext(cfg.DatabaseURL)
	if !plaintext {
		return
	}
	if mode == "" {
		mode = "unset (pgx's default: prefer, or PGSSLMODE)"
	}
	log.Warn("DATABASE_URL's sslmode lets the connection to PostgreSQL on another machine go unencrypted (prefer and allow fall back to plaintext, "+
		"disable never encrypts): the database password, tokens sealed or not, buyers' emails cross the network readable; "+
		"set sslmode=verify-full (with sslrootcert, the server's CA) in DATABASE_URL", "sslmode", mode, "host", host)
}

// warnAntomSandbox logs a WARN line for each check of a start with real
// Antom that Antom's own sandbox environment (a SANDBOX_ client id: no
// real money) is spared, so that a developer can try it on their own
// machine: a PUBLIC_URL Antom cannot reach (no notification arrives; the
// reconciler asks Antom for each payment's outcome instead), and no
// CATALOG (the demo shop's products are for sale).
func warnAntomSandbox(cfg Config, log *slog.Logger) {
	if cfg.Sandbox || !antom.SandboxClient(cfg.ClientID) {
		return
	}
	if why := notPublic(cfg.PublicURL.Hostname()); why != "" {
		log.Warn("PUBLIC_URL's host "+why+": Antom's sandbox cannot send it notifications, so each payment's outcome waits for the reconciler's "+
			"inquiryPayment; a live client id refuses to start so (README: Pointing it at real Antom)", "public_url_host", cfg.PublicURL.Hostname())
	}
	if cfg.Catalog == nil {
		log.Warn("CATALOG is not set: Antom's sandbox sells the demo shop's products; a live client id refuses to start without your own catalogue file " +
			"(README: Your own catalogue)")
	}
}
