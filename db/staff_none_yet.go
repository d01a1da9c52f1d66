package db

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/jackc/pgx/v5"
)

// NoStaffYet reports whether the database at source (what Open takes)
// certainly has no staff account yet, so that ADMIN_PASSWORD would set
// the first one's password — before Open creates or migrates anything,
// and creating and changing nothing itself: a SQLite file that does not
// exist yet, or a PostgreSQL database without the staff table (its
// schema not created yet) or with no row in it (CountStaff's 0). A SQLite
// file that exists is not opened, and is not said to have none (false):
// a first start stopped half-way left it, and EnsureFirstStaff checks it
// once it is open, as it checks every database.
func NoStaffYet(ctx context.Context, source string) (bool, error) {
	if !IsPostgresURL(source) {
		_, err := os.Stat(source)
		if errors.Is(err, fs.ErrNotExist) {
			return true, nil
		}
		return false, err
	}
	cfg, err := pgx.ParseConfig(source)
	if err != nil {
		return false, errors.New("db: no staff yet: DATABASE_URL cannot be parsed")
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return false, postgresOpenError(err)
	}
	defer conn.Close(ctx)
	var table bool
	if err := conn.QueryRow(ctx, `SELECT to_regclass('staff') IS NOT NULL`).Scan(&table); err != nil {
		return false, fmt.Errorf("db: no staff yet: %w", err)
	}
	if !table {
		return true, nil
	}
	var some bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM staff)`).Scan(&some); err != nil {
		return false, fmt.Errorf("db: no staff yet: %w", err)
	}
	return !some, nil
}
