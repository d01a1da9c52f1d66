package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// With real Antom a start without a catalogue file stops, naming CATALOG
// and the README's section: the demo's products are never for sale to
// real buyers. The sandbox keeps the demo's catalogue, and so may Antom's
// own sandbox environment (a SANDBOX_ client id: no real money; a WARN
// says so, TestStartWarnsOfWhatAntomsSandboxIsSpared).
func TestLoadRealAntomNeedsACatalog(t *testing.T) {
	env := realEnv(t)
	delete(env, "CATALOG")
	if c, err := load(env); err != nil || c.Catalog != nil {
		t.Fatalf("Antom's sandbox (%s) without CATALOG: %+v, %v", env["ANTOM_CLIENT_ID"], c.Catalog, err)
	}
	env["ANTOM_CLIENT_ID"] = liveClientID
	_, err := load(env)
	if err == nil || !strings.HasPrefix(err.Error(), "config: CATALOG: missing") || !strings.Contains(err.Error(), "README: Pointing it at real Antom") {
		t.Fatalf("real Antom without CATALOG: %v", err)
	}
	c, err := load(realEnv(t))
	if err != nil || c.Catalog == nil || len(c.Catalog.Products) != 3 || c.CatalogPath != exampleCatalog {
		t.Fatalf("real Antom with the example catalogue: %+v, %v", c.Catalog, err)
	}
	c, err = load(nil)
	if err != nil || c.Catalog != nil {
		t.Fatalf("sandbox without CATALOG: %+v, %v", c.Catalog, err)
	}
}

// A catalogue file with a mistake stops the start with one line naming
// the setting, the file, the product and the field.
func TestLoadCatalogMistakeStopsTheStart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "catalog.toml")
	if err := os.WriteFile(path, []byte("[[product]]\nslug = \"tea\"\nprice = 0\ncurrency = \"USD\"\n[product.name]\nen = \"Tea\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := realEnv(t)
	env["CATALOG"] = path
	_, err := load(env)
	want := "config: CATALOG: catalog " + path + `: product "tea": price 0: must be above 0`
	if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "\n") {
		t.Fatalf("got %v, want %q…", err, want)
	}
	_, err = load(map[string]string{"CATALOG": filepath.Join(t.TempDir(), "none.toml")})
	if err == nil || !strings.HasPrefix(err.Error(), "config: CATALOG: catalog ") || !strings.Contains(err.Error(), "no such file") {
		t.Fatalf("missing file: %v", err)
	}
}
