package cluster

import (
	"bytes"
	"fmt"
	"html/template"

	"antom-checkout/lang"
)

// unavailablePage is what haproxy answers when no instance can take a
// request (every one down, or failing its /healthz: the database down):
// a whole HTTP response (haproxy's errorfile), 503 with Retry-After, and
// a plain page in the shop's look saying, in every language the shop
// speaks, that the shop is briefly unavailable and to try again. Nothing
// in it is fetched from an instance — none answers — so its style and
// logo are inline. haproxy keeps it in one buffer (tune.bufsize, 16 kB).
func unavailablePage() ([]byte, error) {
	type say struct{ Code, Title, Body string } // no link: "/" is this page while no instance answers
	var says []say
	for _, l := range lang.Languages {
		t := lang.For(l)
		says = append(says, say{l.Code, t.T("unavailable.title"), t.T("unavailable.body")})
	}
	var body bytes.Buffer
	if err := unavailableHTML.Execute(&body, says); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	fmt.Fprintf(&out, "HTTP/1.1 503 Service Unavailable\r\n"+
		"Content-Type: text/html; charset=utf-8\r\n"+
		"Content-Length: %d\r\n"+
		"Cache-Control: no-store\r\n"+
		"Retry-After: 30\r\n"+
		"X-Content-Type-Options: nosniff\r\n"+
		"Connection: close\r\n"+
		"\r\n", body.Len())
	out.Write(body.Bytes())
	if out.Len() > 15*1024 {
		return nil, fmt.Errorf("cluster: the unavailable page is %d bytes; haproxy's errorfile must fit its 16 kB buffer", out.Len())
	}
	return out.Bytes(), nil
}

// unavailableHTML: the colours, font and logo of static/css/app.css and
// static/img/logo.svg; English first (the page's lang), then the others,
// each marked with its own.
var unavailableHTML = template.Must(template.New("unavailable").Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{(index . 0).Title}}</title>
<style>
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #17202f; background: #f6f8fb; line-height: 1.5; }
body { margin: 0; }
header { background: #fff; border-bottom: 1px solid #dde2ea; padding: .75rem 1rem; }
header svg { width: 32px; height: 32px; display: block; }
main { max-width: 36rem; margin: 2rem auto; padding: 0 1rem; }
section { background: #fff; border: 1px solid #dde2ea; border-radius: 10px; box-shadow: 0 1px 2px rgba(16, 24, 40, .06), 0 1px 3px rgba(16, 24, 40, .10); padding: 1rem 1.25rem; margin-bottom: 1rem; }
h1 { font-size: 1.25rem; margin: 0 0 .25rem; }
p { margin: 0 0 .5rem; color: #5b6577; }
a { color: #1658d6; }
:lang(ko) { word-break: keep-all; overflow-wrap: break-word; }
</style>
</head>
<body>
<header><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" role="img" aria-label="antom-checkout"><rect width="32" height="32" rx="8" fill="#1658d6"/><path d="M9 22 16 8l7 14h-4l-3-6.5-3 6.5z" fill="#fff"/></svg></header>
<main>
{{range .}}<section lang="{{.Code}}" data-testid="unavailable-{{.Code}}">
<h1>{{.Title}}</h1>
<p>{{.Body}}</p>
</section>
{{end}}</main>
</body>
</html>
`))
