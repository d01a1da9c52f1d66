package sandbox

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Names of the files the sandbox keeps in its data directory (see doc.go).
const (
	dbFile              = "sandbox.db"
	antomPrivateFile    = "antom_private_key"
	antomPublicFile     = "antom_public_key"
	clientIDFile        = "client_id"
	merchantPrivateFile = "merchant_private_key"
	merchantPublicFile  = "merchant_public_key"
)

// ensureDir creates the data directory if it is missing.
func ensureDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("sandbox: data dir: %w", err)
	}
	return nil
}

// readLine returns the trimmed content of a one-line file.
func readLine(dir, name string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(b)), nil
}

// createLine writes value as a new one-line file with mode 0600, atomically
// and only if the file does not exist yet. It reports fs.ErrExist when
// another writer got there first, so the caller can read theirs.
func createLine(dir, name, value string) error {
	tmp, err := writeTemp(dir, value)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, filepath.Join(dir, name)); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fs.ErrExist
		}
		return fmt.Errorf("sandbox: create %s: %w", name, err)
	}
	return nil
}

// replaceLine writes value to a one-line file with mode 0600, atomically,
// whether or not it exists.
func replaceLine(dir, name, value string) error {
	tmp, err := writeTemp(dir, value)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("sandbox: write %s: %w", name, err)
	}
	return nil
}

// writeTemp writes value and a newline to a fresh 0600 file in dir.
func writeTemp(dir, value string) (string, error) {
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return "", fmt.Errorf("sandbox: temp file: %w", err)
	}
	name := f.Name()
	err = f.Chmod(0o600)
	if err == nil {
		_, err = f.WriteString(value + "\n")
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
		return "", fmt.Errorf("sandbox: temp file: %w", err)
	}
	return name, nil
}

// ensureLine returns the value of a one-line file, creating it with create()
// when it is missing.
func ensureLine(dir, name string, create func() (string, error)) (string, error) {
	v, err := existingLine(dir, name)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return v, err
	}
	if v, err = create(); err != nil {
		return "", err
	}
	err = createLine(dir, name, v)
	if errors.Is(err, fs.ErrExist) {
		return existingLine(dir, name) // another writer got there first
	}
	if err != nil {
		return "", err
	}
	return v, nil
}

// existingLine reads a one-line file that must not be empty; a missing file
// is reported as fs.ErrNotExist.
func existingLine(dir, name string) (string, error) {
	v, err := readLine(dir, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", err
	case err != nil:
		return "", fmt.Errorf("sandbox: read %s: %w", name, err)
	case v == "":
		return "", fmt.Errorf("sandbox: %s is empty; delete it to have it recreated", name)
	}
	return v, nil
}
