package bench

import (
	"testing"

	"antom-checkout/db/dbtest"
)

// The instances benchmark uses PostgreSQL (dbtest).
func TestMain(m *testing.M) { dbtest.Main(m) }
