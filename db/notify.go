package db

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgxlisten"
)

// App instances on one PostgreSQL tell each other "look again" with
// LISTEN/NOTIFY (DESIGN.md §7): checkout's hub relays what it publishes
// through Notify, and every instance Listens. SQLite serves one instance
// only, so there is nothing to tell: CanNotify is false there.

// CanNotify says whether Notify and Listen reach other instances: on
// PostgreSQL.
func (d *DB) CanNotify() bool { return d.d.backend == PostgreSQL }

// Notify sends payload (at most 8000 bytes) to every listener of channel
// (pg_notify). Sent outside a transaction, as it is, it is delivered at
// once; call it after the change it announces has committed.
func (d *DB) Notify(ctx context.Context, channel, payload string) error {
	if !d.CanNotify() {
		return nil
	}
	if _, err := d.sql.ExecContext(ctx, "SELECT pg_notify($1, $2)", channel, payload); err != nil {
		return fmt.Errorf("db: notify: %w", err)
	}
	return nil
}

// maxNotifyPayload is the most bytes a NOTIFY's payload may hold
// (PostgreSQL refuses 8000 and more).
const maxNotifyPayload = 7999

// wakeLine is one line NotifyAtCommit keeps: it goes in a NOTIFY on
// channel whose payload begins with the line header.
type wakeLine struct{ channel, header, line string }

// NotifyAtCommit tells channel's listeners "header\nline" when the
// transaction q belongs to commits, and only then: on PostgreSQL a
// pg_notify sent in the COMMIT's round trip (wakeNotifies), so the
// transaction's changes are visible to whoever it wakes and nothing else
// is committed for it. The lines kept under one channel and header go in
// as few notifications as fit PostgreSQL's payload (at most 7999 bytes
// each): "header\nline1\nline2…", each line once. A Savepoint that
// fails drops the lines kept in it. Outside a transaction, and on
// SQLite (CanNotify), it keeps nothing: use Notify. A line or header
// holding a newline, or too long to fit, is not kept either. kept says
// whether the line was kept: if not, nothing will be sent for it.
func (q *Queries) NotifyAtCommit(channel, header, line string) (kept bool) {
	if q.wakes == nil || strings.Contains(header+line, "\n") || len(header)+1+len(line) > maxNotifyPayload {
		return false
	}
	*q.wakes = append(*q.wakes, wakeLine{channel, header, line})
	return true
}

// wakeNotifies returns the pg_notify statements that send what
// NotifyAtCommit kept, in the order each channel and header was first
// kept.
func wakeNotifies(lines []wakeLine) []statement {
	type key struct{ channel, header string }
	var order []key
	payloads := map[key][]string{}
	seen := map[wakeLine]bool{}
	for _, l := range lines {
		if seen[l] {
			continue
		}
		seen[l] = true
		k := key{l.channel, l.header}
		ps := payloads[k]
		if len(ps) == 0 {
			order = append(order, k)
		}
		if n := len(ps); n == 0 || len(ps[n-1])+1+len(l.line) > maxNotifyPayload {
			ps = append(ps, l.header)
		}
		ps[len(ps)-1] += "\n" + l.line
		payloads[k] = ps
	}
	var out []statement
	for _, k := range order {
		for _, p := range payloads[k] {
			out = append(out, statement{"SELECT pg_notify(?, ?)", []any{k.channel, p}})
		}
	}
	return out
}

// Listener is what Listen calls back: OnNotify with each notification's
// payload, OnListen each time listening has (re)started — notifications
// sent while the connection was down are lost, so that is the moment to
// catch up — and OnError (optional) with each error it survives.
type Listener struct {
	OnNotify func(payload string)
	OnListen func()
	OnError  func(error)
}

// listenReconnect is the pause before a lost LISTEN connection is opened
// again.
const listenReconnect = time.Second

// Listen listens on channel on a connection of its own, opened again
// whenever it is lost, until ctx ends. On SQLite it returns at once.
func (d *DB) Listen(ctx context.Context, channel string, l Listener) error {
	if !d.CanNotify() {
		return nil
	}
	pl := &pgxlisten.Listener{
		Connect:        func(ctx context.Context) (*pgx.Conn, error) { return pgx.ConnectConfig(ctx, d.pgConfig.Copy()) },
		ReconnectDelay: listenReconnect,
		LogError: func(_ context.Context, err error) {
			if l.OnError != nil && ctx.Err() == nil {
				l.OnError(fmt.Errorf("db: listen: %w", err))
			}
		},
	}
	pl.Handle(channel, listenHandler(l))
	err := pl.Listen(ctx)
	if ctx.Err() != nil {
		return nil
	}
	return fmt.Errorf("db: listen: %w", err)
}

// listenHandler adapts a Listener to pgxlisten.
type listenHandler Listener

func (h listenHandler) HandleNotification(_ context.Context, n *pgconn.Notification, _ *pgx.Conn) error {
	h.OnNotify(n.Payload)
	return nil
}

// HandleBacklog runs once listening has started, before any
// notification is handled.
func (h listenHandler) HandleBacklog(context.Context, string, *pgx.Conn) error {
	if h.OnListen != nil {
		h.OnListen()
	}
	return nil
}
