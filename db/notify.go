package db

import (
	"context"
	"fmt"
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
