package app

import (
	"context"
	"net/url"
	"strings"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// FirstStaffEmail is the email of the staff account created at the first
// start: admin@ and the public URL's host name ("admin@localhost" when
// the host is not a name, e.g. an IPv6 address).
func FirstStaffEmail(public *url.URL) string {
	host := strings.ToLower(public.Hostname())
	if host == "" || strings.ContainsAny(host, ":[]") {
		host = "localhost"
	}
	return "admin@" + host
}

// bootstrapStaff creates the first staff account when there is none:
// with ADMIN_PASSWORD if set, else with a one-time password written once
// to the log (it must be changed at the first sign-in). There is never a
// default password. While that one-time password is unused, a later
// start says how to get in if it was lost, or replaces it with
// ADMIN_PASSWORD (checkout's claimFirstStaff).
func (a *App) bootstrapStaff(ctx context.Context) error {
	first, err := a.checkout.EnsureFirstStaff(ctx, FirstStaffEmail(a.cfg.PublicURL), a.cfg.AdminPassword)
	switch {
	case err != nil:
		return err
	case first.Unclaimed:
		a.log.Warn("the first staff account's one-time password is not used yet: the start that created the account logged it once; "+
			"if that log is lost, set ADMIN_PASSWORD and start again, or run antom-checkout staff reset with the email", "email", first.Email)
	case first.Ignored != "":
		a.log.Warn("ADMIN_PASSWORD ignored: "+first.Ignored, "email", first.Email)
	case first.Replaced:
		a.log.Info("the first staff account's one-time password, never used, was replaced with ADMIN_PASSWORD", "email", first.Email)
	case !first.Created:
		return nil
	case first.Password != "":
		a.log.Warn("first staff account created: sign in at /admin/signin with this one-time password, then choose your own",
			"email", first.Email, "password", first.Password)
	default:
		a.log.Info("first staff account created with ADMIN_PASSWORD", "email", first.Email)
	}
	return nil
}

// refuseEasyFirstPassword stops a first start whose ADMIN_PASSWORD is too
// easy to guess (checkout.AdminPasswordProblem) before anything is
// written — DATA_DIR, the SQLite file, PostgreSQL's tables — with the
// configuration's words (config: ADMIN_PASSWORD: …): the database has
// certainly no staff account yet (db.NoStaffYet: no SQLite file, or a
// PostgreSQL database without the staff table or a row in it), so the
// value would be the first account's password. It refuses only what
// EnsureFirstStaff would refuse once the database is open; a database
// with staff keeps that rule, under which an ADMIN_PASSWORD that is
// ignored does not stop a start (an upgrade). Where the database cannot
// be looked at, opening it says why.
func refuseEasyFirstPassword(ctx context.Context, cfg Config) error {
	if cfg.AdminPassword == "" {
		return nil
	}
	msg := checkout.AdminPasswordProblem(cfg.AdminPassword, FirstStaffEmail(cfg.PublicURL))
	if msg == "" {
		return nil
	}
	if none, err := db.NoStaffYet(ctx, cfg.DatabaseSource()); err != nil || !none {
		return nil // an error: opening the database says what is wrong, once
	}
	return &settingError{"ADMIN_PASSWORD", msg}
}
