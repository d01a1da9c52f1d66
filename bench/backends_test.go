package bench

import (
	"testing"

	"antom-checkout/db/dbtest"
)

// forEachBackend runs fn as a sub-benchmark on SQLite (databaseURL "":
// the file in DATA_DIR) and on PostgreSQL (a fresh database of the
// throwaway server db/dbtest starts; skipped without PostgreSQL).
func forEachBackend(b *testing.B, fn func(b *testing.B, databaseURL string)) {
	b.Run("sqlite", func(b *testing.B) { fn(b, "") })
	b.Run("postgres", func(b *testing.B) { fn(b, dbtest.PostgresURL(b)) })
}
