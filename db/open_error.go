package db

import (
	"errors"
	"io/fs"
	"strings"
)

// OpenError is a database Open could not reach or create: PostgreSQL not
// answering or refusing us, SQLite's file not created or opened. The app
// names its setting from it. Reason is one line and never holds a
// password (pgx names the user and database only).
type OpenError struct {
	Backend Backend
	Path    string // SQLite: the file
	Reason  string
}

func (e *OpenError) Error() string {
	if e.Backend == PostgreSQL {
		return "db: open postgres: " + e.Reason
	}
	return "db: open " + e.Path + ": " + e.Reason
}

// sqliteOpenError is err on opening the SQLite file path, its reason
// without the path repeated (os.PathError's own).
func sqliteOpenError(path string, err error) *OpenError {
	var pe *fs.PathError
	if errors.As(err, &pe) && pe.Path == path {
		err = pe.Err
	}
	return &OpenError{Backend: SQLite, Path: path, Reason: oneLine(err.Error())}
}

// postgresOpenError is pgx's connection error on one line. pgx lists
// each attempt on a line of its own, and with sslmode=prefer (the
// default) tries each address twice, TLS then plain: a line that says
// again what one before said is left out.
func postgresOpenError(err error) *OpenError {
	var reason string
	for _, line := range strings.Split(err.Error(), "\n") {
		switch line = oneLine(line); {
		case line == "" || strings.Contains(reason, line):
		case reason == "" || strings.HasSuffix(reason, ":"):
			reason = strings.TrimSpace(reason + " " + line)
		default:
			reason += "; " + line
		}
	}
	return &OpenError{Backend: PostgreSQL, Reason: reason}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
