package app

import (
	"strings"
	"testing"
)

// TestLoadSandboxOnEveryInterfaceOnlyByChoice: a start with no ANTOM_*
// and no PUBLIC_URL (the secrets that hold them not mounted) but ADDR on
// every interface, as a load balancer needs it, ran the built-in sandbox
// where buyers reach it (PUBLIC_URL defaulted to localhost). It stops,
// unless DEMO=1 says so, or PUBLIC_URL is set to loopback by hand.
func TestLoadSandboxOnEveryInterfaceOnlyByChoice(t *testing.T) {
	for _, addr := range []string{":8080", "0.0.0.0:8080", "[::]:8080"} {
		for _, env := range []map[string]string{{"ADDR": addr}, {"ADDR": addr, "SANDBOX_URL": "http://localhost:8081"}} {
			_, err := load(env)
			if err == nil || !strings.HasPrefix(err.Error(), "config: ANTOM_*: none set, PUBLIC_URL unset and ADDR "+addr+" listens on every interface") ||
				!strings.Contains(err.Error(), "DEMO=1") {
				t.Errorf("%v: %v", env, err)
			}
		}
		for _, env := range []map[string]string{{"ADDR": addr, "DEMO": "1"}, {"ADDR": addr, "PUBLIC_URL": "http://localhost:8080"}} {
			if c, err := load(env); err != nil || !c.Sandbox {
				t.Errorf("%v: %v", env, err)
			}
		}
	}
	for _, addr := range []string{"localhost:8080", "127.0.0.1:8080", "[::1]:8080"} {
		if c, err := load(map[string]string{"ADDR": addr}); err != nil || !c.Sandbox {
			t.Errorf("%s: %v", addr, err)
		}
	}
}
