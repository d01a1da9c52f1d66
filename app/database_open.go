package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"

	"antom-checkout/db"
)

// openDatabase opens the database the configuration names. A database
// that cannot be reached or created stops the start with one line
// naming the setting and what to do, never quoting DATABASE_URL (it
// holds the password).
func openDatabase(ctx context.Context, cfg Config) (*db.DB, error) {
	if cfg.DatabaseURL == "" { // SQLite: its file is in DATA_DIR
		if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
			return nil, fmt.Errorf("DATA_DIR: cannot create %s (%v): make DATA_DIR a directory the app's user can write", cfg.DataDir, reason(err))
		}
	}
	d, err := db.Open(ctx, cfg.DatabaseSource())
	var open *db.OpenError
	switch {
	case err == nil || !errors.As(err, &open):
		return d, err
	case open.Backend == db.PostgreSQL:
		return nil, fmt.Errorf("DATABASE_URL: cannot connect (%s): check that PostgreSQL runs at the URL's host and port "+
			"and that its user, password and database are right", open.Reason)
	}
	return nil, fmt.Errorf("DATA_DIR: cannot open %s (%s): make DATA_DIR a directory the app's user can write", open.Path, open.Reason)
}

// reason is err without the path os.PathError repeats.
func reason(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// storeName names where the tokens are kept, for errors about them.
func (c Config) storeName() string {
	if c.DatabaseURL != "" {
		return "the PostgreSQL database (DATABASE_URL)"
	}
	return c.DatabaseSource()
}

// logSchema logs one line when opening the database ran migrations: a new
// database created, or an earlier release's upgraded.
func logSchema(log *slog.Logger, from, to int, backend db.Backend) {
	switch {
	case from == to:
	case from == 0:
		log.Info(fmt.Sprintf("database created at schema %d", to), "database", backend)
	default:
		log.Info(fmt.Sprintf("database upgraded from schema %d to %d", from, to), "database", backend)
	}
}
