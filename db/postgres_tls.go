package db

import (
	"crypto/tls"
	"net"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5"
)

// PostgresPlaintext says whether DATABASE_URL lets pgx connect to a host
// other than this machine without TLS: sslmode absent (pgx's default,
// prefer, falls back to plaintext when the server offers no TLS, or an
// attacker on the path says so), prefer, allow or disable — PGSSLMODE
// counts when the URL names none, as pgx reads it. It returns that host
// and the URL's sslmode ("" when it names none), never the password. A
// Unix socket and loopback hosts are this machine.
func PostgresPlaintext(databaseURL string) (host, sslmode string, plaintext bool) {
	cfg, err := pgx.ParseConfig(databaseURL)
	if err != nil {
		return "", "", false
	}
	if u, err := url.Parse(databaseURL); err == nil {
		sslmode = u.Query().Get("sslmode")
	}
	tries := []struct {
		host string
		tls  *tls.Config
	}{{cfg.Host, cfg.TLSConfig}}
	for _, f := range cfg.Fallbacks {
		tries = append(tries, struct {
			host string
			tls  *tls.Config
		}{f.Host, f.TLSConfig})
	}
	for _, t := range tries {
		if t.tls == nil && !thisMachine(t.host) {
			return t.host, sslmode, true
		}
	}
	return "", sslmode, false
}

// thisMachine: a Unix socket's directory, localhost or a loopback address.
func thisMachine(host string) bool {
	if strings.HasPrefix(host, "/") || host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
