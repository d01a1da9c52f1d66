package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// make test runs the packages its Makefile names (RACE_PKGS, PLAIN_PKGS):
// a package with tests that neither names is never run by CI. Three
// packages under internal/ went so, their tests written and passing
// locally, until this test.
func TestMakeTestRunsEveryPackagesTests(t *testing.T) {
	mk, err := os.ReadFile("Makefile")
	if err != nil {
		t.Fatal(err)
	}
	var patterns []string
	for _, name := range []string{"RACE_PKGS", "PLAIN_PKGS"} {
		m := regexp.MustCompile(`(?m)^` + name + `\s*=(.*)$`).FindSubmatch(mk)
		if m == nil {
			t.Fatalf("the Makefile sets no %s", name)
		}
		patterns = append(patterns, strings.Fields(string(m[1]))...)
	}
	covered := func(dir string) bool {
		for _, p := range patterns {
			p = strings.TrimPrefix(p, "./")
			if tree, ok := strings.CutSuffix(p, "/..."); ok {
				if dir == tree || strings.HasPrefix(dir, tree+"/") {
					return true
				}
			} else if dir == filepath.Clean(p) {
				return true
			}
		}
		return false
	}
	var missed []string
	err = filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), "_test.go") && !covered(filepath.Dir(path)) {
			missed = append(missed, filepath.Dir(path))
			return filepath.SkipDir // one report a package
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(missed) > 0 {
		t.Fatalf("make test runs no tests of %v: add them to RACE_PKGS or PLAIN_PKGS", missed)
	}
}
