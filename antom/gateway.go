package antom

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// gatewayHosts are Antom's gateway domains (API.md §1.1). Sandbox and
// production share them; only the path differs.
func gatewayHosts() []string {
	return []string{
		"open-sea-global.alipay.com",
		"open-sea.alipay.com",
		"open-na-global.alipay.com",
		"open-na.alipay.com",
		"open.antglobal-us.com",
		"open-de-global.alipay.com",
		"open-eu.alipay.com",
	}
}

// CheckGateway accepts only "https://<Antom host>" with nothing else: no
// path (the API path is added per call, and a prefix breaks response
// verification, API.md §9.2), no query, no credentials, no port but 443.
// Errors say what is wrong without quoting the whole URL.
func CheckGateway(rawURL string) error {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return errors.New("antom: gateway: not a valid URL")
	}
	if err := checkGatewayShape(u); err != nil {
		return err
	}
	if u.Scheme != "https" {
		return fmt.Errorf("antom: gateway: scheme must be https, not %q", u.Scheme)
	}
	if p := u.Port(); p != "" && p != "443" {
		return fmt.Errorf("antom: gateway: port %s not allowed: Antom listens on 443", p)
	}
	host := strings.ToLower(u.Hostname())
	if host == "openapi.alipay.com" {
		return errors.New("antom: gateway: openapi.alipay.com is Alipay China's open platform, not Antom; use e.g. https://open-sea-global.alipay.com")
	}
	for _, h := range gatewayHosts() {
		if host == h {
			return nil
		}
	}
	return fmt.Errorf("antom: gateway: %q is not an Antom gateway host (known: %s)", host, strings.Join(gatewayHosts(), ", "))
}

// checkGatewayShape refuses everything but scheme, host and port. It is
// also all NewClient asks of a sandbox URL (http or https, any host and
// port).
func checkGatewayShape(u *url.URL) error {
	switch {
	case u.Scheme == "" || u.Host == "":
		return errors.New("antom: gateway: want scheme and host, e.g. https://open-sea-global.alipay.com")
	case u.Opaque != "":
		return errors.New("antom: gateway: want scheme://host, not an opaque URL")
	case u.User != nil:
		return errors.New("antom: gateway: credentials in the URL are not allowed")
	case u.Path != "" && u.Path != "/":
		return fmt.Errorf("antom: gateway: path %q not allowed: give scheme and host only, the client adds /ams/api/v1/…", u.Path)
	case u.RawQuery != "" || u.ForceQuery:
		return errors.New("antom: gateway: query not allowed")
	case u.Fragment != "":
		return errors.New("antom: gateway: fragment not allowed")
	}
	return nil
}

// gatewayBase returns scheme://host of an accepted gateway URL, without a
// trailing slash. With anyHost (the built-in sandbox) http is allowed and
// only the shape is checked.
func gatewayBase(rawURL string, anyHost bool) (string, error) {
	if !anyHost {
		if err := CheckGateway(rawURL); err != nil {
			return "", err
		}
	}
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err != nil {
		return "", errors.New("antom: gateway: not a valid URL")
	}
	if err := checkGatewayShape(u); err != nil {
		return "", err
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return "", fmt.Errorf("antom: gateway: scheme must be http or https, not %q", u.Scheme)
	}
	return u.Scheme + "://" + u.Host, nil
}
