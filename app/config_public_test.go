package app

import (
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadPublicURLAntomCanReach: with real Antom, a PUBLIC_URL Antom
// cannot reach from the internet stops the start (it started, and no
// notification could ever arrive), naming the host and the fix; a
// public name or address starts.
func TestLoadPublicURLAntomCanReach(t *testing.T) {
	for _, public := range []string{"https://localhost:8443", "https://127.0.0.1", "https://[::1]:8443", "https://10.0.0.5",
		"https://192.168.1.20:8443", "https://172.16.0.1", "https://169.254.1.1", "https://[fd00::1]", "https://0.0.0.0",
		"https://shop", "https://shop.internal", "https://shop.local", "https://app.localhost", "https://shop.home.arpa",
		"https://SHOP.INTERNAL.", "https://shop.test"} {
		env := realEnv(t)
		env["PUBLIC_URL"] = public
		if _, err := load(env); err != nil {
			t.Errorf("%s with Antom's sandbox (%s), a developer's machine: %v", public, env["ANTOM_CLIENT_ID"], err)
		}
		env["ANTOM_CLIENT_ID"] = liveClientID
		_, err := load(env)
		if err == nil || !strings.HasPrefix(err.Error(), "config: PUBLIC_URL: host ") || !strings.Contains(err.Error(), "/antom/notify") ||
			!strings.Contains(err.Error(), "is not a public") {
			t.Errorf("%s: %v", public, err)
		}
	}
	for _, public := range []string{"https://shop.example.com", "https://shop.example.com:8443", "https://203.0.113.7", "https://pay.shop.co.th."} {
		env := realEnv(t)
		env["PUBLIC_URL"] = public
		if _, err := load(env); err != nil {
			t.Errorf("%s: %v", public, err)
		}
	}
	// The sandbox on one's own machine is unchanged: loopback is its place.
	if c, err := load(map[string]string{"PUBLIC_URL": "http://localhost:8080"}); err != nil || !c.Sandbox {
		t.Errorf("sandbox on localhost: %v", err)
	}
}

// TestLoadClientIDLooksLikeOne: Antom's client ids are letters, digits
// and underscores; something else pasted there (a key, a URL, quotes)
// stops the start without quoting it.
func TestLoadClientIDLooksLikeOne(t *testing.T) {
	key := readKey(t, "merchant_private_pkcs8.b64")
	for _, id := range []string{key, "https://open-sea-global.alipay.com", `"SANDBOX_5X00000000000000"`, "SANDBOX 5X", "client.id",
		"SANDBOX_5X00000000000000/", strings.Repeat("A", 65)} {
		env := realEnv(t)
		env["ANTOM_CLIENT_ID"] = id
		_, err := load(env)
		if err == nil || !strings.HasPrefix(err.Error(), "config: ANTOM_CLIENT_ID: not a client id") || strings.Contains(err.Error(), key[20:60]) ||
			strings.Contains(err.Error(), "alipay.com") {
			t.Errorf("%.40q: %v", id, err)
		}
	}
	for _, id := range []string{"SANDBOX_5X00000000000000", "T_111222333", "2188120000000000", "TEST_5X00000000000000", strings.Repeat("A", 64)} {
		env := realEnv(t)
		env["ANTOM_CLIENT_ID"] = id
		if c, err := load(env); err != nil || c.ClientID != id {
			t.Errorf("%s: %v", id, err)
		}
	}
}

// TestLoadKeyFileSaysWhyItCannotBeRead: a key file missing, or one the
// app's user may not read, says which it is.
func TestLoadKeyFileSaysWhyItCannotBeRead(t *testing.T) {
	env := realEnv(t)
	delete(env, "ANTOM_PRIVATE_KEY")
	env["ANTOM_PRIVATE_KEY_FILE"] = filepath.Join(t.TempDir(), "merchant_private.pem")
	_, err := load(env)
	if err == nil || err.Error() != "config: ANTOM_PRIVATE_KEY_FILE: cannot read the file (no such file or directory): give a path the app's user can read" {
		t.Errorf("missing file: %v", err)
	}
}

// liveClientID is a client id of Antom's live environment (not SANDBOX_):
// real money, every start check in force.
const liveClientID = "2188120000000000"

// Antom's sandbox environment (a SANDBOX_ client id) is spared two checks
// of a start with real Antom, each said in a WARN line: a PUBLIC_URL
// Antom cannot reach (a developer's machine) and no CATALOG (the demo's
// products). A live client id is refused both (above); the built-in
// sandbox warns of neither.
func TestStartWarnsOfWhatAntomsSandboxIsSpared(t *testing.T) {
	env := realEnv(t)
	env["PUBLIC_URL"] = "https://localhost:8443"
	delete(env, "CATALOG")
	c, err := load(env)
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	warnAntomSandbox(c, slog.New(slog.NewTextHandler(&out, nil)))
	if logs := out.String(); strings.Count(logs, "level=WARN") != 2 || !strings.Contains(logs, "public_url_host=localhost") ||
		!strings.Contains(logs, "CATALOG is not set: Antom's sandbox sells the demo shop's products") {
		t.Errorf("Antom's sandbox on localhost without CATALOG warned:\n%s", logs)
	}
	out.Reset()
	if c, err = load(realEnv(t)); err != nil {
		t.Fatal(err)
	}
	warnAntomSandbox(c, slog.New(slog.NewTextHandler(&out, nil)))
	if out.Len() != 0 {
		t.Errorf("Antom's sandbox with a public PUBLIC_URL and CATALOG warned:\n%s", out.String())
	}
}
