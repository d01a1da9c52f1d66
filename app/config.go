// Package app assembles the checkout from its parts: configuration,
// database, Antom client (or the built-in sandbox), domain and handlers.
// main, the end-to-end tests and the benchmarks all start the same app
// through it.
package app

import (
	"crypto/rsa"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"antom-checkout/antom"
	"antom-checkout/checkout"
	"antom-checkout/db"
)

// Capture modes for card payments (CAPTURE_MODE).
const (
	CaptureAutomatic = "AUTOMATIC"
	CaptureManual    = "MANUAL"
)

// DefaultDataDir is DATA_DIR's default, for the app, the sandbox on its
// own and staff reset alike (dataDir).
const DefaultDataDir = "data"

// dataDir is DATA_DIR, else DefaultDataDir: every command that opens the
// database or the sandbox's files reads it so, so that all of them find
// the same files when it is unset.
func dataDir(getenv func(string) string) string { return or(getenv("DATA_DIR"), DefaultDataDir) }

// DefaultGateway is Antom's recommended Asia endpoint (API.md §1.1).
const DefaultGateway = "https://open-sea-global.alipay.com"

// Config is the app's configuration, read from the environment by Load.
// README.md documents every variable.
type Config struct {
	Addr        string   // ADDR
	PublicURL   *url.URL // PUBLIC_URL: base of the URLs Antom and buyers are sent to
	DataDir     string   // DATA_DIR
	DatabaseURL string   // DATABASE_URL: PostgreSQL; "" keeps SQLite in DataDir
	SandboxAddr string   // SANDBOX_ADDR
	CaptureMode string   // CAPTURE_MODE
	MetricsAddr string   // METRICS_ADDR: Prometheus metrics and pprof; "" → off
	// MerchantName is the shop's name (MERCHANT_NAME) on every buyer page,
	// and the name the built-in sandbox shows buyers for this merchant.
	MerchantName string
	// MerchantContact (MERCHANT_CONTACT) is how buyers reach the shop: an
	// email address or an https URL, in every buyer page's footer and
	// wherever a page tells the buyer to contact the shop. "" (the
	// default): none, and no page offers one.
	MerchantContact string
	// TrustedProxies is TRUSTED_PROXIES: the load balancers (IPs or
	// CIDRs) whose X-Forwarded-For names the buyer's address; none → the
	// peer's address is the buyer's.
	TrustedProxies []string
	// Zone is SHOP_TIMEZONE: the IANA time zone (Asia/Bangkok) every date
	// and time a page or staff's words show is written in, labelled by its
	// offset ("UTC+7"); unset: UTC. Machine-readable times (datetime
	// attributes, JSON, logs, Antom's fields, the database) stay UTC.
	Zone *time.Location

	// Sandbox is true when no Antom credentials are set: the built-in
	// sandbox starts (or, with SandboxURL, one started on its own with
	// `antom-checkout sandbox` is used) and the fields below are filled
	// from its files.
	Sandbox        bool
	SandboxURL     string          // SANDBOX_URL: a sandbox running on its own; "" → start the built-in one
	GatewayURL     string          // ANTOM_GATEWAY_URL
	ClientID       string          // ANTOM_CLIENT_ID
	PrivateKey     *rsa.PrivateKey // ANTOM_PRIVATE_KEY or ANTOM_PRIVATE_KEY_FILE
	AntomPublicKey *rsa.PublicKey  // ANTOM_PUBLIC_KEY or ANTOM_PUBLIC_KEY_FILE
	TokenKey       []byte          // TOKEN_ENCRYPTION_KEY (generated in DATA_DIR in sandbox mode)
	AdminPassword  string          // ADMIN_PASSWORD
	// CatalogPath is CATALOG: the merchant's catalogue file, and Catalog
	// what it says, checked whole by Load. "" (nil): the demo shop's
	// catalogue, only on the sandbox.
	CatalogPath string
	Catalog     *checkout.Catalog
	// CrashAt is TEST_CRASH_AT, a test-only setting: the app kills itself
	// (SIGKILL) at a named point; see crashpoint.go. "" (the default) never.
	CrashAt string

	// SandboxTimeScale (SANDBOX_TIME_SCALE) multiplies the sandbox's
	// clocks — QR code and payment expiries, notification retries, magic
	// amounts' delays — and the Scan to Link limit with them: 0.1 makes the
	// 15-minute QR code expire in 90 s. 0 means 1. With SandboxURL the
	// sandbox runs on its own (`antom-checkout sandbox`, which reads the
	// same setting); give both the same value.
	SandboxTimeScale float64

	// Not read from the environment: tests and benchmarks set these.
	LinkTimeout    time.Duration // Scan to Link limit; 0 → 15 minutes (× SandboxTimeScale)
	ReconcileEvery time.Duration // reconciler period; 0 → 2 seconds
	ShutdownGrace  time.Duration // how long stopping waits for work in flight; 0 → 10 seconds

	// OrderLimits is ORDERS_PER_VISITOR and ORDERS_PER_ADDRESS: orders
	// one browser, and one address, may create per 10 minutes
	// (checkout.OrderLimits); unset → checkout's defaults. The proofs,
	// ordering hundreds of times from loopback, raise them.
	OrderLimits checkout.OrderLimits
}

// settingError names the setting that stops the start.
type settingError struct {
	name, problem string
}

func (e *settingError) Error() string { return "config: " + e.name + ": " + e.problem }

// Load reads and validates the configuration. The first problem found is
// returned as one line naming the setting.
func Load(getenv func(string) string) (Config, error) {
	var err error
	c := Config{
		Addr:          or(getenv("ADDR"), "localhost:8080"),
		DataDir:       dataDir(getenv),
		SandboxAddr:   or(getenv("SANDBOX_ADDR"), "localhost:8081"),
		CaptureMode:   or(getenv("CAPTURE_MODE"), CaptureAutomatic),
		MetricsAddr:   getenv("METRICS_ADDR"),
		AdminPassword: getenv("ADMIN_PASSWORD"),
		CrashAt:       getenv("TEST_CRASH_AT"),
		MerchantName:  strings.TrimSpace(or(getenv("MERCHANT_NAME"), DefaultMerchantName)),
	}
	if err := checkMerchantName(c.MerchantName); err != nil {
		return Config{}, err
	}
	if c.MerchantContact, err = checkMerchantContact(getenv("MERCHANT_CONTACT")); err != nil {
		return Config{}, err
	}
	if c.Zone, err = loadZone(getenv("SHOP_TIMEZONE")); err != nil {
		return Config{}, err
	}
	if err := checkAddr("ADDR", c.Addr); err != nil {
		return Config{}, err
	}
	if c.MetricsAddr != "" {
		if err := checkAddr("METRICS_ADDR", c.MetricsAddr); err != nil {
			return Config{}, err
		}
	}
	public, err := loadPublicURL(getenv("PUBLIC_URL"), c.Addr)
	if err != nil {
		return Config{}, err
	}
	c.PublicURL = public
	if c.TrustedProxies, err = loadTrustedProxies(getenv("TRUSTED_PROXIES")); err != nil {
		return Config{}, err
	}
	if c.OrderLimits.PerVisitor, err = loadCount("ORDERS_PER_VISITOR", getenv("ORDERS_PER_VISITOR")); err != nil {
		return Config{}, err
	}
	if c.OrderLimits.PerAddress, err = loadCount("ORDERS_PER_ADDRESS", getenv("ORDERS_PER_ADDRESS")); err != nil {
		return Config{}, err
	}
	if c.DatabaseURL = getenv("DATABASE_URL"); c.DatabaseURL != "" {
		if err := db.CheckPostgresURL(c.DatabaseURL); err != nil {
			return Config{}, &settingError{"DATABASE_URL", err.Error() + ", e.g. postgres://checkout:PASSWORD@db.example:5432/checkout"}
		}
	}
	if c.AdminPassword != "" {
		if msg := checkout.StaffPasswordLengthProblem(c.AdminPassword); msg != "" { // too easy to guess: where it is used (EnsureFirstStaff)
			return Config{}, &settingError{"ADMIN_PASSWORD", msg}
		}
	}
	if c.CaptureMode != CaptureAutomatic && c.CaptureMode != CaptureManual {
		return Config{}, &settingError{"CAPTURE_MODE", "must be AUTOMATIC or MANUAL"}
	}
	if err := loadAntom(&c, getenv); err != nil {
		return Config{}, err
	}
	if err := loadCatalog(&c, getenv("CATALOG")); err != nil {
		return Config{}, err
	}
	if key := getenv("TOKEN_ENCRYPTION_KEY"); key != "" {
		if c.TokenKey, err = parseTokenKey(key); err != nil {
			return Config{}, &settingError{"TOKEN_ENCRYPTION_KEY", err.Error()}
		}
	} else if !c.Sandbox {
		return Config{}, &settingError{"TOKEN_ENCRYPTION_KEY", "missing (32 random bytes, base64 or hex; e.g. `openssl rand -base64 32`)"}
	}
	if c.Sandbox && c.SandboxURL == "" {
		if err := checkAddr("SANDBOX_ADDR", c.SandboxAddr); err != nil {
			return Config{}, err
		}
	}
	if _, err := parseCrashAt(c.CrashAt); err != nil {
		return Config{}, &settingError{"TEST_CRASH_AT", err.Error()}
	}
	if c.SandboxTimeScale, err = parseTimeScale(getenv("SANDBOX_TIME_SCALE")); err != nil {
		return Config{}, err
	}
	if !c.Sandbox && getenv("SANDBOX_TIME_SCALE") != "" {
		return Config{}, &settingError{"SANDBOX_TIME_SCALE", "only for the sandbox; unset it when talking to Antom"}
	}
	return c, nil
}

// antomSettings are the variables whose presence means "talk to real Antom".
var antomSettings = []string{"ANTOM_GATEWAY_URL", "ANTOM_CLIENT_ID", "ANTOM_PRIVATE_KEY", "ANTOM_PRIVATE_KEY_FILE",
	"ANTOM_PUBLIC_KEY", "ANTOM_PUBLIC_KEY_FILE", "ANTOM_MERCHANT_PUBLIC_KEY", "ANTOM_MERCHANT_PUBLIC_KEY_FILE"}

// loadAntom reads the Antom credentials. With none set, the app runs on
// the built-in sandbox; with some set, all are required.
func loadAntom(c *Config, getenv func(string) string) error {
	set := false
	for _, name := range antomSettings {
		if getenv(name) != "" {
			set = true
		}
	}
	if err := checkDemo(c, getenv, set); err != nil {
		return err
	}
	sandboxURL := getenv("SANDBOX_URL")
	if set && sandboxURL != "" {
		return &settingError{"SANDBOX_URL", "set either SANDBOX_URL (a sandbox of your own) or the ANTOM_* settings (Antom), not both"}
	}
	if !set {
		c.Sandbox = true
		if sandboxURL != "" {
			u, err := url.Parse(strings.TrimRight(sandboxURL, "/"))
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Path != "" || u.RawQuery != "" {
				return &settingError{"SANDBOX_URL", "must be the sandbox's base URL, e.g. http://localhost:8081"}
			}
			c.SandboxURL = u.String()
		}
		return nil
	}
	c.GatewayURL = strings.TrimRight(or(getenv("ANTOM_GATEWAY_URL"), DefaultGateway), "/")
	if err := antom.CheckGateway(c.GatewayURL); err != nil {
		return &settingError{"ANTOM_GATEWAY_URL", err.Error()}
	}
	c.ClientID = strings.TrimSpace(getenv("ANTOM_CLIENT_ID")) // from a file or secret, with its newline
	if c.ClientID == "" {
		return &settingError{"ANTOM_CLIENT_ID", "missing (Antom Dashboard → Developer; SANDBOX_… ids use Antom's sandbox)"}
	}
	if !validClientID(c.ClientID) {
		return &settingError{"ANTOM_CLIENT_ID", "not a client id: Antom's are at most 64 letters, digits and _ (e.g. SANDBOX_5X00000000000000), " +
			"no spaces or dots; copy it from Antom Dashboard → Developer (a key or a URL belongs elsewhere)"}
	}
	priv, err := secret(getenv, "ANTOM_PRIVATE_KEY")
	if err != nil {
		return err
	}
	if c.PrivateKey, err = antom.ParsePrivateKey(priv); errors.Is(err, antom.ErrPublicKeyGiven) {
		return &settingError{"ANTOM_PRIVATE_KEY", "holds a public key: set your private key here (its public half is the one uploaded to Antom Dashboard)"}
	} else if err != nil {
		return &settingError{"ANTOM_PRIVATE_KEY", "not an RSA private key (base64 PKCS#8 or PEM)"}
	}
	pub, err := secret(getenv, "ANTOM_PUBLIC_KEY")
	if err != nil {
		return err
	}
	if c.AntomPublicKey, err = antom.ParsePublicKey(pub); err != nil {
		return publicKeyError("ANTOM_PUBLIC_KEY", err)
	}
	merchantPub, err := optionalPublicKey(getenv, "ANTOM_MERCHANT_PUBLIC_KEY")
	if err != nil {
		return err
	}
	if err := checkKeys(c.PrivateKey, c.AntomPublicKey, merchantPub); err != nil {
		return err
	}
	if c.PublicURL.Scheme != "https" {
		return &settingError{"PUBLIC_URL", "must be https:// when talking to Antom (it receives notifications and buyers)"}
	}
	if why := notPublic(c.PublicURL.Hostname()); why != "" && !antom.SandboxClient(c.ClientID) {
		return &settingError{"PUBLIC_URL", "host " + c.PublicURL.Hostname() + " " + why + ": Antom sends notifications to PUBLIC_URL/antom/notify " +
			"from the internet, and buyers return there; set your load balancer's public https:// address, e.g. https://shop.example.com"}
	}
	return nil
}

// secret reads NAME or the file named by NAME_FILE, never both.
func secret(getenv func(string) string, name string) (string, error) {
	value, file := getenv(name), getenv(name+"_FILE")
	switch {
	case value != "" && file != "":
		return "", &settingError{name, "set either " + name + " or " + name + "_FILE, not both"}
	case value != "":
		return value, nil
	case file != "":
		b, err := os.ReadFile(file)
		if err != nil {
			return "", &settingError{name + "_FILE", "cannot read the file (" + reason(err).Error() + "): give a path the app's user can read"}
		}
		return string(b), nil
	}
	return "", &settingError{name, "missing (or " + name + "_FILE)"}
}

// optionalPublicKey reads an optional public key setting (NAME or
// NAME_FILE); nil when neither is set.
func optionalPublicKey(getenv func(string) string, name string) (*rsa.PublicKey, error) {
	if getenv(name) == "" && getenv(name+"_FILE") == "" {
		return nil, nil
	}
	raw, err := secret(getenv, name)
	if err != nil {
		return nil, err
	}
	k, err := antom.ParsePublicKey(raw)
	if err != nil {
		return nil, publicKeyError(name, err)
	}
	return k, nil
}

// publicKeyError names the public key setting name that did not parse,
// saying so when it holds a private key (which should not be there).
func publicKeyError(name string, err error) error {
	if errors.Is(err, antom.ErrPrivateKeyGiven) {
		return &settingError{name, "holds a private key: set a public key here (base64 X.509 or PEM); a private key belongs in ANTOM_PRIVATE_KEY only"}
	}
	return &settingError{name, "not an RSA public key (base64 X.509 or PEM)"}
}

func loadPublicURL(raw, addr string) (*url.URL, error) {
	if raw == "" {
		host, port, _ := net.SplitHostPort(addr)
		if host == "" || host == "0.0.0.0" || host == "::" {
			host = "localhost"
		}
		raw = "http://" + net.JoinHostPort(host, port)
	}
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, &settingError{"PUBLIC_URL", "must be an absolute http(s) URL, e.g. https://shop.example.com"}
	}
	return u, checkPublicURLParts(u, raw)
}

// checkPublicURLParts refuses what PUBLIC_URL cannot hold besides scheme,
// host and port. The app serves its pages at the root (its links and
// redirects carry no prefix), so a path would only send Antom and buyers
// where nothing answers: PUBLIC_URL/antom/notify must be the notification
// route. The error never quotes the URL: user info may hold a password.
func checkPublicURLParts(u *url.URL, raw string) error {
	const only = "must be scheme and host only (and a port), e.g. https://shop.example.com: "
	switch {
	case u.User != nil:
		return &settingError{"PUBLIC_URL", only + "remove the user name and password"}
	case strings.ContainsAny(raw, "?#"):
		return &settingError{"PUBLIC_URL", only + "remove the query or fragment (after ? or #)"}
	case u.Path != "" || u.Opaque != "":
		return &settingError{"PUBLIC_URL", only + "remove the path " + strconv.Quote(u.EscapedPath()) +
			" (the app is served at the root; notifications go to PUBLIC_URL/antom/notify)"}
	}
	return nil
}

// loadCount reads a positive whole number setting; "" is 0 (the
// default).
func loadCount(name, v string) (int, error) {
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 1 {
		return 0, &settingError{name, "must be a whole number from 1, e.g. 20"}
	}
	return n, nil
}

// loadTrustedProxies reads TRUSTED_PROXIES: IP addresses or CIDR
// ranges, separated by commas.
func loadTrustedProxies(v string) ([]string, error) {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		_, _, cidrErr := net.ParseCIDR(p)
		if net.ParseIP(p) == nil && cidrErr != nil {
			return nil, &settingError{"TRUSTED_PROXIES", "must be IP addresses or CIDR ranges separated by commas, e.g. 10.0.0.5,10.1.0.0/16"}
		}
		out = append(out, p)
	}
	return out, nil
}

func checkAddr(name, addr string) error {
	if _, port, err := net.SplitHostPort(addr); err != nil || port == "" {
		return &settingError{name, "must be host:port, e.g. localhost:8080"}
	}
	return nil
}

// parseTokenKey accepts 32 bytes as standard base64 or as hex.
func parseTokenKey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if b, err := hex.DecodeString(s); err == nil && len(b) == checkout.KeySize {
		return b, nil
	}
	if b, err := base64.StdEncoding.DecodeString(s); err == nil && len(b) == checkout.KeySize {
		return b, nil
	}
	return nil, fmt.Errorf("must be %d bytes as base64 or hex (e.g. `openssl rand -base64 32`)", checkout.KeySize)
}

func or(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// DatabaseSource is what db.Open takes: DATABASE_URL, else the SQLite
// file in DATA_DIR.
func (c Config) DatabaseSource() string {
	if c.DatabaseURL != "" {
		return c.DatabaseURL
	}
	return filepath.Join(c.DataDir, "checkout.db")
}

// NotifyURL is where Antom sends notifications.
func (c Config) NotifyURL() string { return c.PublicURL.String() + "/antom/notify" }

// NotifyPath is the path Antom signs notifications over (API.md §3.1).
func (c Config) NotifyPath() string { return c.PublicURL.Path + "/antom/notify" }
