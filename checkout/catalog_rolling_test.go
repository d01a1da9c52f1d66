package checkout

import "testing"

// During a rolling change of the catalogue file (README: restart the
// instances one by one), an instance still on the file of before keeps
// selling each product on the row its own start left, so its orders keep
// the words they were bought with for good — after the other instance
// renamed the product, and after it restarts on the new file itself —
// and each instance names the other's orders by the words they were
// bought with, not by its own file's.
func TestRollingCatalogChangeKeepsEachOrdersWords(t *testing.T) {
	e := newEnv(t, Options{})
	oldFile, newFile := parseCatalog(t, catalogV1), parseCatalog(t, catalogV2)
	_, err := SyncCatalog(e.ctx, e.db, oldFile)
	check(t, err)
	before := NewService(Deps{DB: e.db, Options: Options{Catalog: oldFile}}) // not restarted yet
	_, err = SyncCatalog(e.ctx, e.db, newFile)                               // the other instance's start
	check(t, err)
	after := NewService(Deps{DB: e.db, Options: Options{Catalog: newFile}})

	guest := Viewer{GuestKey: "k-rolling"}
	bought, err := before.CreateOrder(e.ctx, guest, "green-tea", "1") // no Buy of it on this instance before the rename
	check(t, err)
	renamed, err := after.CreateOrder(e.ctx, guest, "green-tea", "1")
	check(t, err)
	name := func(s *Service, ref string) string {
		t.Helper()
		o, err := s.OrderFor(e.ctx, guest, ref)
		check(t, err)
		n, _, ok := s.OrderProductWords(e.ctx, o.Product, "en")
		if !ok {
			t.Fatalf("no words for %s's product", ref)
		}
		return n
	}
	for _, s := range []*Service{before, after} {
		assertEqual(t, name(s, bought.Ref), "Green tea", "an order made on the instance of before")
		assertEqual(t, name(s, renamed.Ref), "Green tea, first flush", "an order made on the restarted instance")
	}
	// The instance of before restarts on the new file: nothing changes.
	done, err := SyncCatalog(e.ctx, e.db, parseCatalog(t, catalogV2))
	check(t, err)
	assertEqual(t, len(done.Added)+len(done.Changed), 0, "changes at the second start")
	restarted := NewService(Deps{DB: e.db, Options: Options{Catalog: newFile}})
	assertEqual(t, name(restarted, bought.Ref), "Green tea", "the order of before, once every instance runs the new file")
}
