package app

import (
	"antom-checkout/antom"
	"antom-checkout/checkout"
)

// loadCatalog reads CATALOG, the merchant's catalogue file, and checks it
// whole: a problem anywhere in it stops the start before the database is
// opened, naming the file, the product and the field. With real Antom
// the file is required: the demo shop's products (and the sandbox's
// test payment) are never for sale to real buyers. Antom's own sandbox
// environment (a SANDBOX_ client id), where no real money moves, may
// sell the demo's, with a WARN at start (warnExposed).
func loadCatalog(c *Config, path string) error {
	if path == "" {
		if !c.Sandbox && !antom.SandboxClient(c.ClientID) {
			return &settingError{"CATALOG", "missing: with real Antom the shop sells the products of your own catalogue file, " +
				"never the demo shop's (README: Pointing it at real Antom, Your own catalogue)"}
		}
		return nil
	}
	cat, err := checkout.LoadCatalog(path)
	if err != nil {
		return &settingError{"CATALOG", err.Error()}
	}
	c.CatalogPath, c.Catalog = path, cat
	return nil
}
