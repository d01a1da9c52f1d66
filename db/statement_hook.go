package db

import "context"

// BeforeStatement makes fn run before every statement the app runs on d
// — in and out of transactions and snapshots, on either backend — with
// the statement's context and its text; nil removes it. It is a seam for
// tests, never set by the app: a test's fn can commit another
// transaction between two statements of a read (a page's reads, in
// Snapshot or not), exactly where it wants, and so show what that read
// makes of a commit that lands half-way. fn runs on the reading
// goroutine, which waits for it; statements fn runs itself call it too
// (tell them apart by their context). The statements that begin or end a
// transaction, and writes kept for later (write_later.go), which go with
// others, do not call it.
func (d *DB) BeforeStatement(fn func(ctx context.Context, query string)) {
	if fn == nil {
		d.d.before.Store(nil)
		return
	}
	d.d.before.Store(&fn)
}

// beforeStatement calls the function BeforeStatement set, if any.
func (d *dialect) beforeStatement(ctx context.Context, query string) {
	if fn := d.before.Load(); fn != nil {
		(*fn)(ctx, query)
	}
}
