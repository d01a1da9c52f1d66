package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"antom-checkout/checkout"
	"antom-checkout/db"
)

// ErrStaffUsage is StaffCommand's error for arguments that are not
// "reset EMAIL": a usage mistake (main prints the usage and exits 2), not
// a failure of the reset (exit 1).
var ErrStaffUsage = errors.New("usage: antom-checkout staff reset EMAIL   (with the service's DATA_DIR or DATABASE_URL; see README.md)")

// StaffArgError is staff reset's argument that is no email address: a
// usage mistake (errors.Is ErrStaffUsage) whose words name it.
type StaffArgError struct{ Arg string }

func (e StaffArgError) Error() string {
	return fmt.Sprintf("staff reset: %q is not an email address", e.Arg)
}

// Is makes a StaffArgError an ErrStaffUsage.
func (e StaffArgError) Is(target error) bool { return target == ErrStaffUsage }

// StaffCommand is `antom-checkout staff reset EMAIL`: a new one-time
// password for that staff account, written to out once — the way back
// in when the only staff account's password is lost and no other staff
// can issue one at /admin/staff. It opens the database the app uses
// (DATABASE_URL, else DATA_DIR's SQLite file, which must exist: a
// mistyped DATA_DIR creates nothing) and needs no other setting; the app
// may be running meanwhile. Nothing happens without the explicit
// command and email, so no setting left in a service's environment can
// reset a password at every start.
func StaffCommand(args []string) func(context.Context, func(string) string, io.Writer) error {
	return func(ctx context.Context, getenv func(string) string, out io.Writer) error {
		if len(args) != 2 || args[0] != "reset" {
			return ErrStaffUsage
		}
		if !strings.Contains(args[1], "@") {
			return StaffArgError{Arg: args[1]}
		}
		return resetStaff(ctx, getenv, args[1], out)
	}
}

func resetStaff(ctx context.Context, getenv func(string) string, email string, out io.Writer) error {
	cfg := Config{DataDir: dataDir(getenv), DatabaseURL: getenv("DATABASE_URL")}
	if cfg.DatabaseURL != "" {
		if err := db.CheckPostgresURL(cfg.DatabaseURL); err != nil {
			return err
		}
	} else if _, err := os.Stat(cfg.DatabaseSource()); err != nil {
		return fmt.Errorf("staff reset: no database at %s (set DATA_DIR, or DATABASE_URL, as the service has them): %w", cfg.DatabaseSource(), err)
	}
	database, err := db.Open(ctx, cfg.DatabaseSource())
	if err != nil {
		return err
	}
	defer database.Close()
	svc := checkout.NewService(checkout.Deps{DB: database})
	r, err := svc.ResetStaffPassword(ctx, email)
	if errors.Is(err, checkout.ErrNotFound) {
		active, lerr := svc.ActiveStaffEmails(ctx)
		if lerr != nil {
			return lerr
		}
		return fmt.Errorf("staff reset: no active staff account %s; the active ones: %s", email, strings.Join(active, ", "))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "new one-time password for %s: %s\n", r.Email, r.Password)
	fmt.Fprintln(out, "Sign in at /admin/signin with it and choose your own; the old password no longer signs in and every session of the account has ended.")
	return nil
}
