package lang

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// dynamicIDs are the message families the code names by building their
// IDs: a product's words by its slug, an error page's title by its
// status, a month by its number, a date's patterns.
var dynamicIDs = []string{"product.", "error.4", "error.5", "month.", "format."}

// TestMessageIDs: every message ID the code says (a string literal of
// the form section.key, whose section is a catalog's) is in the English
// catalog, and so in every catalog (TestCatalogsComplete); and every
// message of the catalogs is said somewhere, so none is left behind when
// a page changes.
func TestMessageIDs(t *testing.T) {
	en := catalog(t, English.Code)
	sections := map[string]bool{}
	for id := range en {
		sections[id[:strings.Index(id, ".")]] = true
	}
	literal := regexp.MustCompile(`"([a-z]+\.[a-z0-9_.-]+)"`)
	fileName := regexp.MustCompile(`\.(db|go|toml|json|sql|png|svg|css|js|html)$`)
	used := map[string]bool{}
	root := filepath.Join("..")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != root && (d.Name() == "lang" || d.Name() == "e2e" || strings.HasPrefix(d.Name(), ".")) {
			return filepath.SkipDir
		}
		generated := strings.HasSuffix(path, "_templ.go")
		if d.IsDir() || generated || strings.HasSuffix(path, "_test.go") ||
			!(strings.HasSuffix(path, ".go") || strings.HasSuffix(path, ".templ")) {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			id := m[1]
			if !sections[id[:strings.Index(id, ".")]] || strings.HasSuffix(id, ".") || fileName.MatchString(id) {
				continue // not a message: a file name, a field path
			}
			used[id] = true
			if _, ok := en[id]; !ok {
				t.Errorf("%s says %q, which no catalog has", path, id)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for id := range en {
		dynamic := slices.ContainsFunc(dynamicIDs, func(prefix string) bool { return strings.HasPrefix(id, prefix) })
		if !used[id] && !dynamic {
			t.Errorf("%q is said nowhere: remove it from every catalog", id)
		}
	}
}
