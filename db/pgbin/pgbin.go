// Package pgbin finds Debian's PostgreSQL server programs and the user to
// run them as, for the servers we start ourselves: db/dbtest's throwaway
// one for tests, and make run-cluster's (cluster.StartPostgres).
package pgbin

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
)

// ErrMissing means PostgreSQL's server programs are not installed.
var ErrMissing = errors.New("PostgreSQL's initdb and postgres are not installed")

// Dir returns the directory holding initdb, postgres and the client
// programs (createdb): where the initdb on PATH really lives (Debian may
// link it onto PATH alone), else Debian's newest
// /usr/lib/postgresql/<version>/bin; ErrMissing when there is none.
func Dir() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			return filepath.Dir(real), nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	slices.SortFunc(dirs, func(a, b string) int { return version(b) - version(a) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", ErrMissing
}

// version reads the major version out of /usr/lib/postgresql/<v>/bin.
func version(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

// User is the user to run PostgreSQL as: postgres when we are root
// (PostgreSQL refuses to run as root), else ourselves (nil).
func User() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, fmt.Errorf("running as root, and there is no postgres user to run PostgreSQL as: %w", err)
	}
	uid, _ := strconv.ParseUint(u.Uid, 10, 32)
	gid, _ := strconv.ParseUint(u.Gid, 10, 32)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}
