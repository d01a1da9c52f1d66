package app

import "net"

// checkDemo decides whether the app may run on the sandbox (no ANTOM_*
// set). On a loopback PUBLIC_URL it may: that is the demo on one's own
// machine. On any other address it needs DEMO=1: a production start whose
// secrets were not mounted would otherwise run on the built-in sandbox
// and send buyers to its pages, green all the while. So does an ADDR on
// every interface (":8080") when PUBLIC_URL is unset: PUBLIC_URL then
// defaults to localhost, yet a load balancer reaches the app — a start
// whose secrets, PUBLIC_URL among them, were not mounted.
func checkDemo(c *Config, getenv func(string) string, antomSet bool) error {
	switch demo := getenv("DEMO"); {
	case demo != "" && demo != "1":
		return &settingError{"DEMO", "must be 1 (run on the sandbox at a public address) or unset"}
	case demo == "1" && antomSet:
		return &settingError{"DEMO", "set either DEMO=1 (the sandbox) or the ANTOM_* settings (Antom), not both"}
	case demo == "" && !antomSet && !isLoopback(c.PublicURL.Hostname()):
		return &settingError{"ANTOM_*", "none set and PUBLIC_URL " + c.PublicURL.String() + " is not loopback: " + demoChoice(getenv("SANDBOX_URL") != "")}
	case demo == "" && !antomSet && getenv("PUBLIC_URL") == "" && everyInterface(c.Addr):
		return &settingError{"ANTOM_*", "none set, PUBLIC_URL unset and ADDR " + c.Addr + " listens on every interface, where others reach it: " +
			demoChoice(getenv("SANDBOX_URL") != "") + " (or ADDR=localhost:PORT for a demo on this machine)"}
	}
	return nil
}

// demoChoice is what the refusal offers: Antom's settings, or DEMO=1 on
// the sandbox this start would use — the built-in one, or, with
// SANDBOX_URL, the one running on its own there (whose URL it does not
// repeat: it may hold a user name and password).
func demoChoice(sandboxURL bool) string {
	const antom = "set ANTOM_CLIENT_ID, ANTOM_PRIVATE_KEY and ANTOM_PUBLIC_KEY (README: Configuration) to take payments with Antom"
	if sandboxURL {
		return antom + " (and unset SANDBOX_URL), or DEMO=1 to run the demo at this address on the sandbox SANDBOX_URL names"
	}
	return antom + ", or DEMO=1 to run the demo on the built-in sandbox at this address"
}

// everyInterface: addr's host is empty or unspecified (":8080",
// "0.0.0.0:8080", "[::]:8080").
func everyInterface(addr string) bool {
	host, _, _ := net.SplitHostPort(addr)
	ip := net.ParseIP(host)
	return host == "" || (ip != nil && ip.IsUnspecified())
}
