package proof

import (
	"testing"

	"antom-checkout/db/dbtest"
)

// The multi-instance test takes a PostgreSQL database from dbtest, which
// stops its throwaway server when the tests end.
func TestMain(m *testing.M) { dbtest.Main(m) }
