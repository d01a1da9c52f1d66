package handlers

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"antom-checkout/db"
)

// notTextRoute is what TestNotTextInputsChangeNothing sends to one route:
// who sends it, the query (GET) or form (POST) fields it reads and good
// values for them, and good values for its path parameters.
type notTextRoute struct {
	who    string            // "" a guest, "buyer", "staff"
	fields map[string]string // every field the route reads, with a good value
	params map[string]string // path parameters' good values, by name (overrides the defaults)
}

// TestNotTextInputsChangeNothing sends, to every route of the router,
// each path parameter, query parameter and form field it reads as NUL
// and as a byte that is not UTF-8 ("%00", "%ff"; in form bodies raw
// 0x00 and 0xff bytes too), the others good. PostgreSQL refuses such
// text with an error: nothing may answer 5xx, a field or query
// parameter is refused with 400 before anything runs, and nothing in
// the database changes. GET pages are also sent headers and a language
// cookie with such bytes. Every route must have an entry below: a new
// route without one fails.
func TestNotTextInputsChangeNothing(t *testing.T) {
	ta := newAdminApp(t)
	ctx := context.Background()
	const email, password = "probe@example.com", "correct horse battery"
	buyer := ta.client(t)
	buyer.signUp(email)
	ref := buyer.buy("coffee", "2")
	buyerID := ta.buyerID(t, email)
	wallet := ta.insertWallet(t, buyerID, "0917****pro")
	attempt := ta.openAttempt(t, ref, wallet)
	ta.settle(t, ref, attempt, db.AttemptSuccess, "SUCCESS", "PAY-"+ref)
	ta.refund(t, ref, attempt, 700, db.RefundFail)
	failed, err := ta.DB.RefundByRequestID(ctx, "RF-"+ref+"-700")
	if err != nil {
		t.Fatal(err)
	}
	card := ta.keepCard(t, email)
	link := ta.linkAttempt(t, buyerID, "probe-state", "WEB", "https://qr.test/probe", "")
	authorized := ta.authorizedOrder(t, "authorized@example.com")
	open := buyer.buy("mug", "1") // a checkout still to pay
	staff := ta.client(t)
	staff.staffSignIn()
	colleague, err := ta.DB.InsertStaff(ctx, db.Staff{Email: "colleague@example.com", PasswordHash: []byte("x"), CreatedAt: ta.now})
	if err != nil {
		t.Fatal(err)
	}

	id := func(n int64) string { return fmt.Sprint(n) }
	defaults := map[string]string{"ref": ref, "id": "1", "filepath": "/app.css"}
	routes := map[string]notTextRoute{
		"GET /healthz":                      {},
		"GET /static/*filepath":             {},
		"POST /lang":                        {fields: map[string]string{"lang": "ko", "next": "/orders"}},
		"GET /":                             {},
		"GET /orders":                       {},
		"POST /orders":                      {fields: map[string]string{"product": "coffee", "quantity": "1"}},
		"POST /orders/test":                 {fields: map[string]string{"currency": "USD", "amount": "1.00"}},
		"GET /checkout/:ref":                {who: "buyer", params: map[string]string{"ref": open}},
		"GET /orders/:ref":                  {who: "buyer"},
		"GET /orders/:ref/status":           {who: "buyer", fields: map[string]string{"seen": "x"}},
		"POST /orders/:ref/check":           {who: "buyer", params: map[string]string{"ref": open}},
		"POST /orders/:ref/pay-another-way": {who: "buyer", fields: map[string]string{"again": "1"}, params: map[string]string{"ref": open}},
		"POST /checkout/:ref/card":          {who: "buyer", fields: map[string]string{"card": id(card), "keep": "1"}, params: map[string]string{"ref": open}},
		"GET /orders/:ref/return":           {who: "buyer", params: map[string]string{"ref": open}},
		"GET /orders/:ref/card-page":        {who: "buyer", params: map[string]string{"ref": open}},
		"GET /signup":                       {fields: map[string]string{"next": "/orders"}},
		"POST /signup":                      {fields: map[string]string{"email": "new@example.com", "password": password, "next": "/orders"}},
		"GET /signin":                       {fields: map[string]string{"next": "/orders"}},
		"POST /signin":                      {fields: map[string]string{"email": email, "password": password, "next": "/orders"}},
		"POST /signout":                     {who: "buyer"},
		"GET /wallets/link/return":          {who: "buyer", fields: map[string]string{"authState": "probe-state", "authCode": "code", "error": ""}},
		"GET /wallets":                      {who: "buyer"},
		"POST /wallets/link":                {who: "buyer", fields: map[string]string{"wallet": "GCASH", "return_to": "/wallets"}},
		"GET /wallets/link/:id":             {who: "buyer", params: map[string]string{"id": id(link)}},
		"GET /wallets/link/:id/qr.png":      {who: "buyer", params: map[string]string{"id": id(link)}},
		"GET /wallets/link/:id/continue":    {who: "buyer", params: map[string]string{"id": id(link)}},
		"GET /wallets/link/:id/status":      {who: "buyer", fields: map[string]string{"seen": "x"}, params: map[string]string{"id": id(link)}},
		"POST /wallets/link/:id/renew":      {who: "buyer", fields: map[string]string{"device": "phone"}, params: map[string]string{"id": id(link)}},
		"POST /wallets/:id/unlink":          {who: "buyer", fields: map[string]string{"confirm": "yes"}, params: map[string]string{"id": id(wallet)}},
		"POST /cards/:id/remove":            {who: "buyer", fields: map[string]string{"confirm": "yes"}, params: map[string]string{"id": id(card)}},
		"POST /checkout/:ref/pay":           {who: "buyer", fields: map[string]string{"wallet": id(wallet)}, params: map[string]string{"ref": open}},
		"GET /wallets/:id/unlink/confirm":   {who: "buyer", params: map[string]string{"id": id(wallet)}},
		"GET /cards/:id/remove/confirm":     {who: "buyer", params: map[string]string{"id": id(card)}},
		"GET /admin/signin":                 {fields: map[string]string{"next": "/admin/orders"}},
		"POST /admin/signin":                {fields: map[string]string{"email": staffEmail, "password": staffPassword, "next": "/admin/orders"}},
		"POST /admin/signout":               {who: "staff"},
		"GET /admin/password":               {who: "staff"},
		"POST /admin/password":              {who: "staff", fields: map[string]string{"current": staffPassword, "new": "another long password", "confirm": "another long password"}},
		"GET /admin":                        {who: "staff"},
		"GET /admin/orders":                 {who: "staff", fields: map[string]string{"q": "probe", "status": "PAID", "page": "1"}},
		"GET /admin/orders/:ref":            {who: "staff"},
		"GET /admin/orders/:ref/status":     {who: "staff", fields: map[string]string{"seen": "x"}},
		"POST /admin/orders/:ref/refunds":   {who: "staff", fields: map[string]string{"amount": "1.00", "reason": "probe", "key": "probe-key"}},
		"POST /admin/orders/:ref/refunds/:id/handled": {who: "staff", fields: map[string]string{"note": "bank transfer", "confirm": "yes"},
			params: map[string]string{"id": id(failed.ID)}},
		"POST /admin/orders/:ref/refunds/:id/retry": {who: "staff", fields: map[string]string{"key": "probe-key", "owed": "7.00"},
			params: map[string]string{"id": id(failed.ID)}},
		"POST /admin/orders/:ref/capture":     {who: "staff", fields: map[string]string{"amount": "1.00", "confirm": "yes"}, params: map[string]string{"ref": authorized}},
		"POST /admin/orders/:ref/void":        {who: "staff", fields: map[string]string{"confirm": "yes"}, params: map[string]string{"ref": authorized}},
		"POST /admin/orders/:ref/close-ended": {who: "staff", fields: map[string]string{"confirm": "yes"}, params: map[string]string{"ref": authorized}},
		"POST /admin/orders/:ref/alarms/:alarm/resolve": {who: "staff", fields: map[string]string{"payment": "PR-X", "note": "done", "confirm": "yes"},
			params: map[string]string{"alarm": "paymentid-conflict"}},
		"GET /admin/refunds/lookup":            {who: "staff", fields: map[string]string{"id": "RF-1", "answer": "1"}},
		"POST /admin/refunds/lookup":           {who: "staff", fields: map[string]string{"id": "RF-1"}},
		"GET /admin/wallets":                   {who: "staff", fields: map[string]string{"email": email}},
		"POST /admin/wallets/:id/unlink":       {who: "staff", fields: map[string]string{"confirm": "yes"}, params: map[string]string{"id": id(wallet)}},
		"POST /admin/cards/:id/remove":         {who: "staff", fields: map[string]string{"confirm": "yes"}, params: map[string]string{"id": id(card)}},
		"GET /admin/notifications":             {who: "staff", fields: map[string]string{"verdict": "applied", "within": "24h"}},
		"GET /admin/notifications/:id":         {who: "staff"},
		"POST /admin/notifications/:id/replay": {who: "staff", fields: map[string]string{"confirm": "yes"}},
		"POST /admin/notifications/:id/review": {who: "staff", fields: map[string]string{"note": "looked", "back": "/admin/notifications"}},
		"GET /admin/staff":                     {who: "staff"},
		"POST /admin/staff":                    {who: "staff", fields: map[string]string{"email": "probe.staff@example.com"}},
		"POST /admin/staff/:id/remove":         {who: "staff", fields: map[string]string{"confirm": "yes"}, params: map[string]string{"id": id(colleague)}},
		"POST /admin/staff/:id/reissue":        {who: "staff", fields: map[string]string{"confirm": "yes", "epoch": "0"}, params: map[string]string{"id": id(colleague)}},
		// Confirmations: their query carries the first form's fields.
		"GET /admin/orders/:ref/refunds/confirm": {who: "staff", fields: map[string]string{"amount": "1.00", "reason": "probe", "key": "probe-key"}},
		"GET /admin/orders/:ref/refunds/:id/handled/confirm": {who: "staff", fields: map[string]string{"note": "bank transfer"},
			params: map[string]string{"id": id(failed.ID)}},
		"GET /admin/orders/:ref/refunds/:id/retry/confirm": {who: "staff", fields: map[string]string{"key": "probe-key"},
			params: map[string]string{"id": id(failed.ID)}},
		"GET /admin/orders/:ref/capture/confirm":     {who: "staff", params: map[string]string{"ref": authorized}},
		"GET /admin/orders/:ref/void/confirm":        {who: "staff", params: map[string]string{"ref": authorized}},
		"GET /admin/orders/:ref/close-ended/confirm": {who: "staff", params: map[string]string{"ref": authorized}},
		"GET /admin/orders/:ref/alarms/:alarm/resolve/confirm": {who: "staff", fields: map[string]string{"payment": "PR-X", "note": "done"},
			params: map[string]string{"alarm": "paymentid-conflict"}},
		"GET /admin/wallets/:id/unlink/confirm": {who: "staff", params: map[string]string{"id": id(wallet)}},
		"GET /admin/cards/:id/remove/confirm":   {who: "staff", params: map[string]string{"id": id(card)}},
		"GET /admin/staff/:id/remove/confirm":   {who: "staff", params: map[string]string{"id": id(colleague)}},
		"GET /admin/staff/:id/reissue/confirm":  {who: "staff", params: map[string]string{"id": id(colleague)}},
		// Antom's: TestNotifyNotTextIsStoredWhole and TestNotifyRefusedNotTextIsRecorded.
		"POST /antom/notify": {},
	}
	// The GETs of POST-only paths (routes.go's table) read only their
	// path parameters.
	for _, r := range ta.router().Routes() {
		key := r.Method + " " + r.Path
		if _, ok := routes[key]; ok || r.Method != http.MethodGet {
			continue
		}
		if post, ok := routes[http.MethodPost+" "+r.Path]; ok {
			routes[key] = notTextRoute{who: post.who, params: post.params}
		}
	}

	clients := map[string]*browserClient{"": ta.client(t), "buyer": buyer, "staff": staff}
	// fresh signs a new client in as who: for the sign-outs, which would
	// sign the shared clients out.
	fresh := func(who string) *browserClient {
		c := ta.client(t)
		switch who {
		case "buyer":
			if p := c.post("/signin", url.Values{"email": {email}, "password": {password}}); p.status != http.StatusSeeOther {
				t.Fatalf("sign in: %d", p.status)
			}
		case "staff":
			c.staffSignIn()
		}
		return c
	}
	before := ta.dump(t)
	probes := 0
	for _, r := range ta.router().Routes() {
		key := r.Method + " " + r.Path
		rt, ok := routes[key]
		if !ok {
			t.Errorf("%s has no entry in this test's table", key)
			continue
		}
		if r.Path == "/antom/notify" {
			continue
		}
		client := func() *browserClient {
			if strings.HasSuffix(r.Path, "/signout") {
				return fresh(rt.who)
			}
			return clients[rt.who]
		}
		good := map[string]string{}
		for _, seg := range strings.Split(r.Path, "/") {
			if name, ok := strings.CutPrefix(seg, ":"); ok {
				good[name] = defaults[name]
			} else if name, ok := strings.CutPrefix(seg, "*"); ok {
				good[name] = defaults[name]
			}
		}
		for name, v := range rt.params {
			good[name] = v
		}
		path := func(bad, value string) string {
			segs := strings.Split(r.Path, "/")
			for i, seg := range segs {
				name := strings.TrimLeft(seg, ":*")
				if name == seg {
					continue
				}
				if name == bad {
					segs[i] = value // already escaped
				} else {
					segs[i] = url.PathEscape(strings.TrimPrefix(good[name], "/"))
				}
			}
			return strings.Join(segs, "/")
		}
		encode := func(bad, value string) string { // value already escaped
			var parts []string
			for _, name := range sortedKeys(rt.fields) {
				v := url.QueryEscape(rt.fields[name])
				if name == bad {
					v = value
				}
				parts = append(parts, url.QueryEscape(name)+"="+v)
			}
			return strings.Join(parts, "&")
		}
		send := func(what, target, body string, header http.Header) int {
			t.Helper()
			probes++
			c := client()
			before = ta.dump(t) // signing a fresh client in writes its lines
			req, err := http.NewRequest(r.Method, c.base+target, nil)
			if err != nil {
				t.Fatalf("%s %s: %v", key, what, err)
			}
			if r.Method == http.MethodPost {
				req.Body = io.NopCloser(strings.NewReader(body))
				req.ContentLength = int64(len(body))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			for k, vs := range header {
				req.Header[k] = vs
			}
			resp, err := c.http.Do(req)
			if err != nil {
				t.Fatalf("%s %s: %v", key, what, err)
			}
			p := read(t, resp)
			if p.status >= 500 {
				t.Errorf("%s with %s: %d\n%.300s", key, what, p.status, p.body)
			}
			if after := ta.dump(t); after != before {
				t.Errorf("%s with %s: the database changed:\n%s", key, what, diffLines(before, after))
				before = after
			}
			return p.status
		}
		bads := []struct{ name, escaped, raw string }{{"NUL", "%00", "\x00"}, {"0xff", "%ff", "\xff"}}
		for name := range good {
			if name == "filepath" {
				continue // a static file's name names a file or nothing (no database)
			}
			for _, b := range bads {
				target := path(name, b.escaped)
				if r.Method == http.MethodGet && len(rt.fields) > 0 {
					target += "?" + encode("", "")
				}
				send(fmt.Sprintf("path :%s %s", name, b.escaped), target, encode("", ""), nil)
			}
		}
		for field := range rt.fields {
			for _, b := range bads {
				what := fmt.Sprintf("field %s=%s", field, b.escaped)
				var status int
				if r.Method == http.MethodGet {
					status = send(what, path("", "")+"?"+encode(field, b.escaped), "", nil)
				} else {
					status = send(what, path("", ""), encode(field, b.escaped), nil)
					if got := send(fmt.Sprintf("field %s raw %s", field, b.name), path("", ""), encode(field, b.raw), nil); got != http.StatusBadRequest {
						t.Errorf("%s with field %s raw %s: %d, want 400", key, field, b.name, got)
					}
				}
				if status != http.StatusBadRequest {
					t.Errorf("%s with %s: %d, want 400", key, what, status)
				}
			}
		}
		if r.Method == http.MethodGet {
			target := path("", "")
			if len(rt.fields) > 0 {
				target += "?" + encode("", "")
			}
			for _, b := range bads[1:] { // a header cannot carry NUL (HTTP refuses it)
				send("headers with "+b.name, target, "", http.Header{
					"User-Agent": {"Mozilla/5.0 (iPhone) Mobile" + b.raw}, "Referer": {"http://shop.test/orders" + b.raw},
					"Accept-Language": {"ko" + b.raw}, "X-Request-Id": {"req" + b.raw},
				})
			}
			for _, b := range bads {
				send("lang cookie "+b.escaped, target, "", http.Header{"Cookie": {"lang=ko" + b.escaped}})
			}
		}
	}
	t.Logf("%d probes", probes)
	if probes < 300 {
		t.Errorf("only %d probes sent", probes)
	}
}

// dump is every row of every table but sessions (a page view may touch
// its session) and health_probe (/healthz writes to it), as sorted lines:
// what "nothing changed" compares.
func (ta *testApp) dump(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`
	if ta.DB.Backend() == db.PostgreSQL {
		q = `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()`
	}
	var tables []string
	rows, err := ta.DB.SQL().QueryContext(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		if name != "sessions" && name != "health_probe" { // /healthz writes its probe
			tables = append(tables, name)
		}
	}
	rows.Close()
	var lines []string
	for _, table := range tables {
		lines = append(lines, dumpTable(t, ta.DB.SQL(), table)...)
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

func dumpTable(t *testing.T, d *sql.DB, table string) []string {
	t.Helper()
	rows, err := d.QueryContext(context.Background(), "SELECT * FROM "+table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		line := table
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			line += fmt.Sprintf(" %s=%q", cols[i], fmt.Sprint(v))
		}
		lines = append(lines, line)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// diffLines lists the lines only in a and only in b.
func diffLines(a, b string) string {
	in := map[string]int{}
	for _, l := range strings.Split(a, "\n") {
		in[l]++
	}
	for _, l := range strings.Split(b, "\n") {
		in[l]--
	}
	var out []string
	for l, n := range in {
		switch {
		case n > 0:
			out = append(out, "- "+l)
		case n < 0:
			out = append(out, "+ "+l)
		}
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// The refusal of what is not text says why in the page's language (the
// staff's in English) and runs nothing: a sign-up refused signs nobody
// up. An escape that does not decode is dropped, as Go drops it: the
// form is read without it.
func TestNotTextAnswerSaysWhy(t *testing.T) {
	ta := newAdminApp(t)
	b := ta.client(t)
	if p := b.post("/lang", url.Values{"lang": {"ko"}, "next": {"/"}}); p.status != http.StatusSeeOther {
		t.Fatalf("choose Korean: %d", p.status)
	}
	for _, email := range []string{"a\x00@example.com", "a\xff@example.com"} {
		p := b.post("/signup", url.Values{"email": {email}, "password": {"correct horse battery"}})
		assertEqual(t, p.status, http.StatusBadRequest, "sign-up with "+fmt.Sprintf("%q", email))
		assertContains(t, p.body, `lang="ko"`, "텍스트로 읽을 수 없는 문자")
	}
	resp, err := b.http.Post(b.base+"/signup", "application/x-www-form-urlencoded",
		strings.NewReader("email=a%zz@example.com&password=correct+horse+battery"))
	if err != nil {
		t.Fatal(err)
	}
	p := read(t, resp)
	assertEqual(t, p.status, http.StatusUnprocessableEntity, "sign-up with a bad escape (no email)")
	assertEqual(t, ta.count(t, "SELECT COUNT(*) FROM buyers"), 0, "buyers")
	p = b.get("/signin?next=%ff")
	assertEqual(t, p.status, http.StatusBadRequest, "sign-in page with a bad next")
	assertContains(t, p.body, "텍스트로 읽을 수 없는 문자")

	staff := ta.client(t)
	staff.staffSignIn()
	p = staff.get("/admin/orders?q=%00")
	assertEqual(t, p.status, http.StatusBadRequest, "admin search with NUL")
	assertContains(t, p.body, "cannot be read as text", "nothing was changed")
}
