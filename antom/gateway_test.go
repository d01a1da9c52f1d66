package antom

import (
	"strings"
	"testing"
)

func TestCheckGateway(t *testing.T) {
	for _, ok := range []string{
		"https://open-sea-global.alipay.com",
		"https://open-sea-global.alipay.com/",
		"https://OPEN-NA-GLOBAL.alipay.com",
		"https://open.antglobal-us.com:443",
		"https://open-de-global.alipay.com",
		"https://open-eu.alipay.com",
		"https://open-sea.alipay.com",
		"https://open-na.alipay.com",
	} {
		assertTrue(t, CheckGateway(ok) == nil, "accepts "+ok)
	}
	for raw, want := range map[string]string{
		"http://open-sea-global.alipay.com":             "https",
		"https://openapi.alipay.com/gateway.do":         "path",
		"https://openapi.alipay.com":                    "Alipay China",
		"https://example.com":                           "not an Antom gateway host",
		"https://open-sea-global.alipay.com/ams/api":    "path",
		"https://open-sea-global.alipay.com?x=1":        "query",
		"https://u:secretpw@open-sea-global.alipay.com": "credentials",
		"https://open-sea-global.alipay.com:8443":       "port",
		"open-sea-global.alipay.com":                    "scheme and host",
		"https://open-sea-global.alipay.com.evil.com":   "not an Antom gateway host",
		"https://open-sea-global.alipay.com/#frag":      "fragment",
		"": "scheme and host",
		"https://open-sea-global.alipay.com/ams/sandbox": "path",
	} {
		err := CheckGateway(raw)
		if err == nil {
			t.Errorf("accepted %q", raw)
			continue
		}
		assertTrue(t, strings.Contains(err.Error(), want), raw+": "+err.Error())
		assertTrue(t, !strings.Contains(err.Error(), "secretpw"), "no credentials echoed")
	}
}

// TestNewClientGateway: NewClient checks the gateway unless the built-in
// sandbox asks for any host; a path is refused even then.
func TestNewClientGateway(t *testing.T) {
	k := loadKeys(t)
	base := Config{ClientID: testClientID, PrivateKey: k.merchant, AntomPublicKey: k.antomPub}
	cfg := base
	cfg.GatewayURL = "http://127.0.0.1:8081"
	_, err := NewClient(cfg)
	assertTrue(t, err != nil, "http refused without AllowAnyGateway")
	cfg.AllowAnyGateway = true
	_, err = NewClient(cfg)
	assertTrue(t, err == nil, "sandbox URL accepted with AllowAnyGateway")
	cfg.GatewayURL = "http://127.0.0.1:8081/prefix"
	_, err = NewClient(cfg)
	assertTrue(t, err != nil, "path prefix refused even with AllowAnyGateway")
	cfg = base
	cfg.GatewayURL = "https://open-sea-global.alipay.com"
	_, err = NewClient(cfg)
	assertTrue(t, err == nil, "real gateway accepted")
	for _, broken := range []func(*Config){
		func(c *Config) { c.ClientID = "" },
		func(c *Config) { c.PrivateKey = nil },
		func(c *Config) { c.AntomPublicKey = nil },
	} {
		c := cfg
		broken(&c)
		_, err := NewClient(c)
		assertTrue(t, err != nil, "missing field refused")
	}
}
