package checkout

import (
	"testing"

	"antom-checkout/db/dbtest"
)

// TEST_DB=postgres runs the package's tests on PostgreSQL (dbtest).
func TestMain(m *testing.M) { dbtest.Main(m) }
