package app

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"antom-checkout/antom"
)

const vectorKeys = "../antom/testdata/vectors/keys/"

func readKey(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(vectorKeys + name)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

// realEnv is a complete configuration for real Antom.
func realEnv(t *testing.T) map[string]string {
	return map[string]string{
		"PUBLIC_URL":           "https://shop.example.com",
		"ANTOM_CLIENT_ID":      "SANDBOX_5X00000000000000",
		"ANTOM_PRIVATE_KEY":    readKey(t, "merchant_private_pkcs8.b64"),
		"ANTOM_PUBLIC_KEY":     readKey(t, "antom_public_x509.b64"),
		"TOKEN_ENCRYPTION_KEY": "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
		"CATALOG":              exampleCatalog,
	}
}

// exampleCatalog is the catalogue file the README shows.
const exampleCatalog = "../catalog.example.toml"

func load(env map[string]string) (Config, error) {
	return Load(func(k string) string { return env[k] })
}

func TestLoadDefaultsToSandbox(t *testing.T) {
	c, err := load(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !c.Sandbox || c.Addr != "localhost:8080" || c.PublicURL.String() != "http://localhost:8080" ||
		c.DataDir != "data" || c.SandboxAddr != "localhost:8081" || c.CaptureMode != CaptureAutomatic || c.MetricsAddr != "" {
		t.Fatalf("defaults: %+v", c)
	}
	if c.NotifyURL() != "http://localhost:8080/antom/notify" || c.NotifyPath() != "/antom/notify" {
		t.Fatalf("notify URL %q path %q", c.NotifyURL(), c.NotifyPath())
	}
}

func TestLoadShopSettings(t *testing.T) {
	c, err := load(nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.MerchantName != "Demo shop" || c.SandboxTimeScale != 1 || c.linkTimeout() != 15*time.Minute {
		t.Fatalf("defaults: name %q, scale %v, link timeout %v", c.MerchantName, c.SandboxTimeScale, c.linkTimeout())
	}
	c, err = load(map[string]string{"MERCHANT_NAME": "  Kopi & Co.  ", "SANDBOX_TIME_SCALE": "0.1"})
	if err != nil {
		t.Fatal(err)
	}
	// 0.1 makes the 15-minute QR code (and our wait for it) 90 seconds.
	if c.MerchantName != "Kopi & Co." || c.SandboxTimeScale != 0.1 || c.linkTimeout() != 90*time.Second {
		t.Fatalf("set: name %q, scale %v, link timeout %v", c.MerchantName, c.SandboxTimeScale, c.linkTimeout())
	}
	if c.MerchantContact != "" {
		t.Fatalf("MERCHANT_CONTACT unset: %q, want none", c.MerchantContact)
	}
	// 80 characters but 206 bytes: the limit counts characters.
	chinese := "https://商店.example/" + strings.Repeat("联", 61)
	for _, contact := range []string{"help@shop.example", "Sales.Team+kopi@mail.shop-1.example", "https://shop.example/contact?lang=en#form",
		"https://shop.example:8443/contact", chinese, "https://shop.example/" + strings.Repeat("联", 179)} {
		c, err := load(map[string]string{"MERCHANT_CONTACT": " " + contact + " "})
		if err != nil || c.MerchantContact != contact {
			t.Fatalf("MERCHANT_CONTACT %q: %q, %v", contact, c.MerchantContact, err)
		}
	}
	c.LinkTimeout = 2 * time.Second // tests set their own
	if c.linkTimeout() != 2*time.Second {
		t.Fatalf("a configured link timeout is kept: %v", c.linkTimeout())
	}
}

func TestLoadRealAntom(t *testing.T) {
	env := realEnv(t)
	c, err := load(env)
	if err != nil {
		t.Fatal(err)
	}
	if c.Sandbox || c.GatewayURL != DefaultGateway || c.PrivateKey == nil || c.AntomPublicKey == nil || len(c.TokenKey) != 32 {
		t.Fatalf("real config: sandbox=%v gateway=%q", c.Sandbox, c.GatewayURL)
	}

	// The merchant public key, when given, is checked against the private key.
	env["ANTOM_MERCHANT_PUBLIC_KEY"] = readKey(t, "merchant_public_x509.b64")
	if _, err := load(env); err != nil {
		t.Fatalf("matching merchant public key: %v", err)
	}
	delete(env, "ANTOM_MERCHANT_PUBLIC_KEY")

	// Keys may come from files, PEM included.
	delete(env, "ANTOM_PRIVATE_KEY")
	delete(env, "ANTOM_PUBLIC_KEY")
	env["ANTOM_PRIVATE_KEY_FILE"], _ = filepath.Abs(vectorKeys + "merchant_private_pkcs8.pem")
	env["ANTOM_PUBLIC_KEY_FILE"], _ = filepath.Abs(vectorKeys + "antom_public_x509.pem")
	env["PUBLIC_URL"] = "https://shop.example.com/"
	c, err = load(env)
	if err != nil {
		t.Fatal(err)
	}
	if c.NotifyURL() != "https://shop.example.com/antom/notify" || c.NotifyPath() != "/antom/notify" {
		t.Fatalf("notify URL %q path %q", c.NotifyURL(), c.NotifyPath())
	}
}

// TestLoadPublicURLIsSchemeAndHost: PUBLIC_URL with user info, a path
// (https://shop.example.com/antom/notify made the notification URL
// …/antom/notify/antom/notify; the app serves nothing under a prefix), a
// query or a fragment stops the start, saying what to remove, never
// quoting a password.
func TestLoadPublicURLIsSchemeAndHost(t *testing.T) {
	for raw, want := range map[string]string{
		"https://u:s3cret@shop.example.com":       "remove the user name and password",
		"https://u@shop.example.com":              "remove the user name and password",
		"https://shop.example.com/antom/notify":   `remove the path "/antom/notify"`,
		"https://shop.example.com/checkout/":      `remove the path "/checkout"`,
		"https://shop.example.com?x=1":            "remove the query or fragment",
		"https://shop.example.com/?":              "remove the query or fragment",
		"https://shop.example.com#top":            "remove the query or fragment",
		"https://shop.example.com:8443/#":         "remove the query or fragment",
		"https://u:s3cret@shop.example.com/a?b#c": "remove the user name and password",
	} {
		for _, env := range []map[string]string{realEnv(t), {"DEMO": "1"}} {
			env["PUBLIC_URL"] = raw
			_, err := load(env)
			if err == nil || !strings.HasPrefix(err.Error(), "config: PUBLIC_URL: must be scheme and host only") ||
				!strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "s3cret") {
				t.Errorf("%s: %v", raw, err)
			}
		}
	}
	for _, raw := range []string{"https://shop.example.com", "https://shop.example.com/", "https://shop.example.com:8443"} {
		env := realEnv(t)
		env["PUBLIC_URL"] = raw
		if c, err := load(env); err != nil || c.NotifyURL() != strings.TrimSuffix(raw, "/")+"/antom/notify" {
			t.Errorf("%s: %v", raw, err)
		}
	}
}

func TestLoadDatabase(t *testing.T) {
	c, err := load(map[string]string{"DATA_DIR": "/srv/checkout"})
	if err != nil {
		t.Fatal(err)
	}
	if c.DatabaseSource() != "/srv/checkout/checkout.db" {
		t.Fatalf("without DATABASE_URL: %q", c.DatabaseSource())
	}
	for _, url := range []string{"postgres://checkout:pw@db.example:5432/checkout?sslmode=require", "postgresql:///checkout?host=/run/postgresql"} {
		c, err := load(map[string]string{"DATABASE_URL": url})
		if err != nil {
			t.Fatal(err)
		}
		if c.DatabaseSource() != url {
			t.Fatalf("with DATABASE_URL %q: %q", url, c.DatabaseSource())
		}
	}
}

func TestLoadTrustedProxies(t *testing.T) {
	c, err := load(map[string]string{})
	if err != nil || c.TrustedProxies != nil {
		t.Fatalf("default: %v %v", c.TrustedProxies, err)
	}
	c, err = load(map[string]string{"TRUSTED_PROXIES": " 10.0.0.5, 10.1.0.0/16,,::1 "})
	if err != nil || strings.Join(c.TrustedProxies, " ") != "10.0.0.5 10.1.0.0/16 ::1" {
		t.Fatalf("list: %v %v", c.TrustedProxies, err)
	}
}

func TestLoadRefusesBadSettings(t *testing.T) {
	privateKey := readKey(t, "merchant_private_pkcs8.b64")
	tests := []struct {
		name    string
		change  map[string]string // applied to a complete real configuration; "" deletes
		sandbox bool              // start from an empty (sandbox) configuration instead
		setting string            // the setting the error must name
	}{
		{"bad ADDR", map[string]string{"ADDR": "8080"}, true, "ADDR"},
		{"bad SANDBOX_ADDR", map[string]string{"SANDBOX_ADDR": "nohost"}, true, "SANDBOX_ADDR"},
		{"bad METRICS_ADDR", map[string]string{"METRICS_ADDR": "9091"}, true, "METRICS_ADDR"},
		{"bad PUBLIC_URL", map[string]string{"PUBLIC_URL": "ftp://shop"}, true, "PUBLIC_URL"},
		{"bad CAPTURE_MODE", map[string]string{"CAPTURE_MODE": "LATER"}, true, "CAPTURE_MODE"},
		{"bad token key in sandbox", map[string]string{"TOKEN_ENCRYPTION_KEY": "short"}, true, "TOKEN_ENCRYPTION_KEY"},
		{"gateway alone", map[string]string{"ANTOM_GATEWAY_URL": DefaultGateway}, true, "ANTOM_CLIENT_ID"},
		{"client id alone", map[string]string{"ANTOM_CLIENT_ID": "SANDBOX_1"}, true, "ANTOM_PRIVATE_KEY"},
		{"http gateway", map[string]string{"ANTOM_GATEWAY_URL": "http://open-sea-global.alipay.com"}, false, "ANTOM_GATEWAY_URL"},
		{"unknown gateway", map[string]string{"ANTOM_GATEWAY_URL": "https://openapi.alipay.com"}, false, "ANTOM_GATEWAY_URL"},
		{"gateway with path", map[string]string{"ANTOM_GATEWAY_URL": "https://open-sea-global.alipay.com/gateway.do"}, false, "ANTOM_GATEWAY_URL"},
		{"missing private key", map[string]string{"ANTOM_PRIVATE_KEY": ""}, false, "ANTOM_PRIVATE_KEY"},
		{"malformed private key", map[string]string{"ANTOM_PRIVATE_KEY": "bm90IGEga2V5"}, false, "ANTOM_PRIVATE_KEY"},
		{"key and key file", map[string]string{"ANTOM_PRIVATE_KEY_FILE": "/etc/hostname"}, false, "ANTOM_PRIVATE_KEY"},
		{"unreadable key file", map[string]string{"ANTOM_PUBLIC_KEY": "", "ANTOM_PUBLIC_KEY_FILE": "/nonexistent/key"}, false, "ANTOM_PUBLIC_KEY_FILE"},
		{"public key is a private key", map[string]string{"ANTOM_PUBLIC_KEY": privateKey}, false, "ANTOM_PUBLIC_KEY"},
		{"missing token key", map[string]string{"TOKEN_ENCRYPTION_KEY": ""}, false, "TOKEN_ENCRYPTION_KEY"},
		{"http public URL", map[string]string{"PUBLIC_URL": "http://shop.example.com"}, false, "PUBLIC_URL"},
		{"DATABASE_URL not PostgreSQL", map[string]string{"DATABASE_URL": "mysql://checkout:" + privateKey[:40] + "@db/checkout"}, true, "DATABASE_URL"},
		{"TRUSTED_PROXIES not addresses", map[string]string{"TRUSTED_PROXIES": "10.0.0.5,lb.example"}, true, "TRUSTED_PROXIES"},
		{"DATABASE_URL malformed", map[string]string{"DATABASE_URL": "postgres://checkout:" + privateKey[:40] + "@db:port/checkout"}, true, "DATABASE_URL"},
		{"Antom public key is our own", map[string]string{"ANTOM_PUBLIC_KEY": readKey(t, "merchant_public_x509.b64")}, false, "ANTOM_PUBLIC_KEY"},
		{"RSA-1024 private key", map[string]string{"ANTOM_PRIVATE_KEY": smallPrivateKey(t)}, false, "ANTOM_PRIVATE_KEY"},
		{"RSA-1024 Antom public key", map[string]string{"ANTOM_PUBLIC_KEY": smallPublicKey(t)}, false, "ANTOM_PUBLIC_KEY"},
		{"merchant public key of another pair", map[string]string{"ANTOM_MERCHANT_PUBLIC_KEY": readKey(t, "antom_public_x509.b64")}, false, "ANTOM_MERCHANT_PUBLIC_KEY"},
		{"merchant public key malformed", map[string]string{"ANTOM_MERCHANT_PUBLIC_KEY": "bm90IGEga2V5"}, false, "ANTOM_MERCHANT_PUBLIC_KEY"},
		{"long MERCHANT_NAME", map[string]string{"MERCHANT_NAME": strings.Repeat("x", 65)}, true, "MERCHANT_NAME"},
		{"MERCHANT_NAME on two lines", map[string]string{"MERCHANT_NAME": "Demo\nshop"}, true, "MERCHANT_NAME"},
		{"MERCHANT_CONTACT not an address", map[string]string{"MERCHANT_CONTACT": "call us"}, true, "MERCHANT_CONTACT"},
		{"MERCHANT_CONTACT address without host", map[string]string{"MERCHANT_CONTACT": "help@"}, true, "MERCHANT_CONTACT"},
		{"MERCHANT_CONTACT address with a query", map[string]string{"MERCHANT_CONTACT": "help@shop.example?cc=x@y.example"}, true, "MERCHANT_CONTACT"},
		{"MERCHANT_CONTACT address with a name", map[string]string{"MERCHANT_CONTACT": "Shop <help@shop.example>"}, true, "MERCHANT_CONTACT"},
		{"MERCHANT_CONTACT http URL", map[string]string{"MERCHANT_CONTACT": "http://shop.example/contact"}, true, "MERCHANT_CONTACT"},
		{"MERCHANT_CONTACT javascript URL", map[string]string{"MERCHANT_CONTACT": "javascript://shop.example/%0Aalert(1)"}, true, "MERCHANT_CONTACT"},
		{"MERCHANT_CONTACT URL with a quote", map[string]string{"MERCHANT_CONTACT": `https://shop.example/"onmouseover=x`}, true, "MERCHANT_CONTACT"},
		{"MERCHANT_CONTACT URL without host", map[string]string{"MERCHANT_CONTACT": "https:///contact"}, true, "MERCHANT_CONTACT"},
		{"MERCHANT_CONTACT too long", map[string]string{"MERCHANT_CONTACT": "https://shop.example/" + strings.Repeat("x", 200)}, true, "MERCHANT_CONTACT"},
		{"MERCHANT_CONTACT too many characters", map[string]string{"MERCHANT_CONTACT": "https://shop.example/" + strings.Repeat("联", 180)}, true, "MERCHANT_CONTACT"},
		{"MERCHANT_CONTACT right-to-left override", map[string]string{"MERCHANT_CONTACT": "https://shop.example/\u202Eelpmaxe.lieve"}, true, "MERCHANT_CONTACT"},
		{"MERCHANT_CONTACT zero width space", map[string]string{"MERCHANT_CONTACT": "https://shop\u200B.example/contact"}, true, "MERCHANT_CONTACT"},
		{"MERCHANT_CONTACT no-break space", map[string]string{"MERCHANT_CONTACT": "https://shop.example/\u00A0contact"}, true, "MERCHANT_CONTACT"},
		{"MERCHANT_CONTACT line separator", map[string]string{"MERCHANT_CONTACT": "https://shop.example/\u2028contact"}, true, "MERCHANT_CONTACT"},
		{"MERCHANT_CONTACT ideographic space", map[string]string{"MERCHANT_CONTACT": "https://shop.example/联\u3000系"}, true, "MERCHANT_CONTACT"},
		{"MERCHANT_CONTACT address with an override", map[string]string{"MERCHANT_CONTACT": "help\u202E@shop.example"}, true, "MERCHANT_CONTACT"},
		{"MERCHANT_CONTACT address starting with a dot", map[string]string{"MERCHANT_CONTACT": ".help@shop.example"}, true, "MERCHANT_CONTACT"},
		{"MERCHANT_CONTACT address ending with a dot", map[string]string{"MERCHANT_CONTACT": "help.@shop.example"}, true, "MERCHANT_CONTACT"},
		{"MERCHANT_CONTACT address with two dots", map[string]string{"MERCHANT_CONTACT": "he..lp@shop.example"}, true, "MERCHANT_CONTACT"},
		{"MERCHANT_CONTACT URL port 0", map[string]string{"MERCHANT_CONTACT": "https://shop.example:0/contact"}, true, "MERCHANT_CONTACT"},
		{"MERCHANT_CONTACT URL port 65536", map[string]string{"MERCHANT_CONTACT": "https://shop.example:65536/contact"}, true, "MERCHANT_CONTACT"},
		{"MERCHANT_CONTACT URL empty port", map[string]string{"MERCHANT_CONTACT": "https://shop.example:/contact"}, true, "MERCHANT_CONTACT"},
		{"SHOP_TIMEZONE unknown", map[string]string{"SHOP_TIMEZONE": "Asia/Bangkoc"}, true, "SHOP_TIMEZONE"},
		{"SHOP_TIMEZONE an abbreviation", map[string]string{"SHOP_TIMEZONE": "ICT"}, true, "SHOP_TIMEZONE"},
		{"SHOP_TIMEZONE an offset", map[string]string{"SHOP_TIMEZONE": "+07:00"}, true, "SHOP_TIMEZONE"},
		{"SHOP_TIMEZONE the host's", map[string]string{"SHOP_TIMEZONE": "Local"}, true, "SHOP_TIMEZONE"},
		{"SHOP_TIMEZONE with real Antom", map[string]string{"SHOP_TIMEZONE": "Asia/Bangkoc"}, false, "SHOP_TIMEZONE"},
		{"SANDBOX_TIME_SCALE zero", map[string]string{"SANDBOX_TIME_SCALE": "0"}, true, "SANDBOX_TIME_SCALE"},
		{"SANDBOX_TIME_SCALE word", map[string]string{"SANDBOX_TIME_SCALE": "fast"}, true, "SANDBOX_TIME_SCALE"},
		{"SANDBOX_TIME_SCALE too slow", map[string]string{"SANDBOX_TIME_SCALE": "11"}, true, "SANDBOX_TIME_SCALE"},
		{"SANDBOX_TIME_SCALE with real Antom", map[string]string{"SANDBOX_TIME_SCALE": "0.1"}, false, "SANDBOX_TIME_SCALE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := map[string]string{}
			if !tt.sandbox {
				env = realEnv(t)
			}
			for k, v := range tt.change {
				if v == "" {
					delete(env, k)
				} else {
					env[k] = v
				}
			}
			_, err := load(env)
			if err == nil {
				t.Fatal("accepted")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "config: "+tt.setting+":") || strings.Contains(msg, "\n") {
				t.Fatalf("error %q does not name %s on one line", msg, tt.setting)
			}
			if strings.Contains(msg, privateKey[:40]) || strings.Contains(msg, privateKey[len(privateKey)-40:]) {
				t.Fatalf("error quotes the key: %q", msg)
			}
		})
	}
}

// smallKey is one RSA-1024 key for the tests that refuse short keys.
var smallKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		panic(err)
	}
	return k
})

func smallPrivateKey(t *testing.T) string {
	s, err := antom.EncodePrivateKey(smallKey())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func smallPublicKey(t *testing.T) string {
	s, err := antom.EncodePublicKey(&smallKey().PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestLoadSandboxURL(t *testing.T) {
	c, err := load(map[string]string{"SANDBOX_URL": "http://localhost:8081/"})
	if err != nil {
		t.Fatal(err)
	}
	if !c.Sandbox || c.SandboxURL != "http://localhost:8081" {
		t.Fatalf("sandbox %v url %q", c.Sandbox, c.SandboxURL)
	}
	for _, bad := range []string{"localhost:8081", "ftp://x", "http://localhost:8081/ams", "http://x?y=1"} {
		if _, err := load(map[string]string{"SANDBOX_URL": bad}); err == nil || !strings.HasPrefix(err.Error(), "config: SANDBOX_URL:") {
			t.Errorf("%q: %v", bad, err)
		}
	}
	env := realEnv(t)
	env["SANDBOX_URL"] = "http://localhost:8081"
	if _, err := load(env); err == nil || !strings.HasPrefix(err.Error(), "config: SANDBOX_URL:") {
		t.Fatalf("SANDBOX_URL with Antom credentials: %v", err)
	}
}

func TestLoadSandboxAlone(t *testing.T) {
	c, err := LoadSandbox(func(string) string { return "" })
	if err != nil || c != (SandboxConfig{Addr: "localhost:8081", DataDir: "data", TimeScale: 1}) {
		t.Fatalf("defaults: %+v %v", c, err)
	}
	env := map[string]string{"SANDBOX_ADDR": "127.0.0.1:9", "DATA_DIR": "d", "SANDBOX_TIME_SCALE": "0.05"}
	c, err = LoadSandbox(func(k string) string { return env[k] })
	if err != nil || c != (SandboxConfig{Addr: "127.0.0.1:9", DataDir: "d", TimeScale: 0.05}) {
		t.Fatalf("set: %+v %v", c, err)
	}
	// One SANDBOX_TIME_SCALE, read alike by the app and the sandbox alone.
	for _, raw := range []string{"0.05", "1", "10", "0", "11", "fast"} {
		app, appErr := load(map[string]string{"SANDBOX_TIME_SCALE": raw})
		alone, aloneErr := LoadSandbox(func(k string) string { return map[string]string{"SANDBOX_TIME_SCALE": raw}[k] })
		if (appErr == nil) != (aloneErr == nil) || (appErr == nil && app.SandboxTimeScale != alone.TimeScale) {
			t.Errorf("SANDBOX_TIME_SCALE=%s: app %v %v, sandbox alone %v %v", raw, app.SandboxTimeScale, appErr, alone.TimeScale, aloneErr)
		}
	}
	for name, bad := range map[string]string{"SANDBOX_ADDR": "nohost", "SANDBOX_TIME_SCALE": "0"} {
		_, err := LoadSandbox(func(k string) string {
			if k == name {
				return bad
			}
			return ""
		})
		if err == nil || !strings.HasPrefix(err.Error(), "config: "+name+":") {
			t.Errorf("%s=%s: %v", name, bad, err)
		}
	}
}

// TestMerchantContactSaysWhy: each refusal says what is wrong, on one line.
func TestMerchantContactSaysWhy(t *testing.T) {
	tests := []struct{ contact, want string }{
		{"https://shop.example/\u202Eelpmaxe.lieve", "invisible or control characters (found U+202E at character 22)"},
		{"https://shop.example/a\u200Bb", "(found U+200B at character 23)"},
		{"https://shop.example/\u00A0contact", "(found U+00A0 at character 22)"},
		{"https://shop.example/\u2028contact", "(found U+2028 at character 22)"},
		{"help me@shop.example", "(found U+0020 at character 5)"},
		{"https://shop.example/" + strings.Repeat("联", 180), "at most 200 characters"},
		{"he..lp@shop.example", "must not start or end with '.' or have '..' before the @"},
		{".help@shop.example", "must not start or end with '.'"},
		{"https://shop.example:99999/", "port must be 1 to 65535"},
		{"https://shop.example:0/", "port must be 1 to 65535"},
	}
	for _, tt := range tests {
		_, err := checkMerchantContact(tt.contact)
		if err == nil {
			t.Errorf("%q accepted", tt.contact)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "config: MERCHANT_CONTACT: ") || !strings.Contains(msg, tt.want) || strings.ContainsAny(msg, "\n\u2028\u202E") {
			t.Errorf("%q: %q, want one line saying %q", tt.contact, msg, tt.want)
		}
	}
}

// TestLoadDemoOnlyByChoice: with no ANTOM_* setting, the sandbox runs on
// a loopback PUBLIC_URL, and on any other only with DEMO=1 — a production
// start whose secrets were not mounted stops instead of taking buyers to
// the sandbox.
func TestLoadDemoOnlyByChoice(t *testing.T) {
	for _, public := range []string{"", "http://localhost:8080", "http://127.0.0.2:8080", "http://[::1]:8080"} {
		c, err := load(map[string]string{"PUBLIC_URL": public})
		if err != nil || !c.Sandbox {
			t.Errorf("PUBLIC_URL=%q: sandbox %v, %v", public, c.Sandbox, err)
		}
	}
	for _, env := range []map[string]string{
		{"PUBLIC_URL": "https://shop.example.com"},
		{"PUBLIC_URL": "http://10.0.0.5:8080", "TOKEN_ENCRYPTION_KEY": "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="},
		{"ADDR": "10.0.0.5:8080"}, // PUBLIC_URL follows ADDR
		{"PUBLIC_URL": "https://shop.example.com", "SANDBOX_URL": "http://localhost:8081"},
	} {
		_, err := load(env)
		if err == nil || !strings.HasPrefix(err.Error(), "config: ANTOM_*: ") || !strings.Contains(err.Error(), "DEMO=1") ||
			!strings.Contains(err.Error(), "ANTOM_CLIENT_ID") || strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: %v", env, err)
		}
	}
	c, err := load(map[string]string{"PUBLIC_URL": "https://shop.example.com", "DEMO": "1"})
	if err != nil || !c.Sandbox {
		t.Fatalf("DEMO=1: sandbox %v, %v", c.Sandbox, err)
	}
	c, err = load(map[string]string{"PUBLIC_URL": "https://shop.example.com", "DEMO": "1", "SANDBOX_URL": "http://sandbox.internal:8081"})
	if err != nil || !c.Sandbox || c.SandboxURL != "http://sandbox.internal:8081" {
		t.Fatalf("DEMO=1 with SANDBOX_URL: sandbox %v %q, %v", c.Sandbox, c.SandboxURL, err)
	}
	for _, bad := range []map[string]string{{"DEMO": "yes"}, {"DEMO": "0"}} {
		if _, err := load(bad); err == nil || !strings.HasPrefix(err.Error(), "config: DEMO: ") {
			t.Errorf("%v: %v", bad, err)
		}
	}
	env := realEnv(t)
	env["DEMO"] = "1"
	if _, err := load(env); err == nil || !strings.HasPrefix(err.Error(), "config: DEMO: ") {
		t.Errorf("DEMO=1 with Antom: %v", err)
	}
}

// The refusal names the sandbox this start would run on: the built-in
// one, or with SANDBOX_URL the one running on its own (it said "the
// built-in sandbox" there too, which that start never runs), never
// repeating SANDBOX_URL's value.
func TestLoadDemoRefusalNamesTheSandbox(t *testing.T) {
	_, err := load(map[string]string{"PUBLIC_URL": "https://shop.example.com"})
	if err == nil || !strings.Contains(err.Error(), "DEMO=1 to run the demo on the built-in sandbox") || strings.Contains(err.Error(), "SANDBOX_URL") {
		t.Errorf("no SANDBOX_URL: %v", err)
	}
	_, err = load(map[string]string{"PUBLIC_URL": "https://shop.example.com", "SANDBOX_URL": "http://op:secret@sandbox.internal:8081"})
	if err == nil || !strings.HasPrefix(err.Error(), "config: ANTOM_*: ") || strings.Contains(err.Error(), "built-in") ||
		!strings.Contains(err.Error(), "DEMO=1 to run the demo at this address on the sandbox SANDBOX_URL names") ||
		!strings.Contains(err.Error(), "unset SANDBOX_URL") || strings.Contains(err.Error(), "sandbox.internal") || strings.Contains(err.Error(), "secret") {
		t.Errorf("SANDBOX_URL: %v", err)
	}
}

// TestLoadKeysAsGiven: ANTOM_CLIENT_ID read from a file keeps no newline;
// Antom's public key as PKCS#1 PEM ("BEGIN RSA PUBLIC KEY") is a PEM key
// like any other; a public key set as the private one, or a private key
// as a public one, is named for what it is.
func TestLoadKeysAsGiven(t *testing.T) {
	env := realEnv(t)
	env["ANTOM_CLIENT_ID"] = " SANDBOX_5X00000000000000\n"
	antomPublic, err := antom.ParsePublicKey(env["ANTOM_PUBLIC_KEY"])
	if err != nil {
		t.Fatal(err)
	}
	env["ANTOM_PUBLIC_KEY"] = string(pem.EncodeToMemory(&pem.Block{Type: "RSA PUBLIC KEY", Bytes: x509.MarshalPKCS1PublicKey(antomPublic)}))
	c, err := load(env)
	if err != nil || c.ClientID != "SANDBOX_5X00000000000000" || !c.AntomPublicKey.Equal(antomPublic) {
		t.Fatalf("client id %q, %v", c.ClientID, err)
	}

	private := readKey(t, "merchant_private_pkcs8.b64")
	for name, tt := range map[string]struct{ change map[string]string }{
		"config: ANTOM_PRIVATE_KEY: holds a public key":          {map[string]string{"ANTOM_PRIVATE_KEY": readKey(t, "merchant_public_x509.b64")}},
		"config: ANTOM_PUBLIC_KEY: holds a private key":          {map[string]string{"ANTOM_PUBLIC_KEY": private}},
		"config: ANTOM_MERCHANT_PUBLIC_KEY: holds a private key": {map[string]string{"ANTOM_MERCHANT_PUBLIC_KEY": readKey(t, "merchant_private_pkcs1.pem")}},
	} {
		env := realEnv(t)
		for k, v := range tt.change {
			env[k] = v
		}
		_, err := load(env)
		if err == nil || !strings.HasPrefix(err.Error(), name+": ") || strings.Contains(err.Error(), private[40:80]) {
			t.Errorf("want %q: %v", name, err)
		}
	}
}

// SHOP_TIMEZONE is the shop's IANA time zone; unset it is UTC, as every
// page was before. An unknown name stops the start with an example
// (TestLoadRefusesBadSettings); the zones' rules are part of the binary.
func TestLoadShopTimezone(t *testing.T) {
	c, err := load(nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Zone != time.UTC {
		t.Fatalf("SHOP_TIMEZONE unset: %v, want UTC", c.Zone)
	}
	for _, name := range []string{"Asia/Bangkok", " Asia/Jakarta ", "America/New_York", "UTC"} {
		c, err := load(map[string]string{"SHOP_TIMEZONE": name})
		if err != nil {
			t.Fatalf("SHOP_TIMEZONE %q: %v", name, err)
		}
		if c.Zone.String() != strings.TrimSpace(name) {
			t.Fatalf("SHOP_TIMEZONE %q: %v", name, c.Zone)
		}
	}
	_, err = load(map[string]string{"SHOP_TIMEZONE": "Asia/Bangkoc"})
	want := `config: SHOP_TIMEZONE: unknown time zone "Asia/Bangkoc": must be an IANA time zone name, e.g. Asia/Bangkok or Asia/Jakarta (unset: UTC)`
	if err == nil || err.Error() != want {
		t.Fatalf("error %v, want %q", err, want)
	}
}
