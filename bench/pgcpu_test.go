package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"antom-checkout/db"
)

// postgresServerCPU returns a function that reads the CPU time (user
// and system, in clock ticks of 10 ms) the PostgreSQL server d is on has
// used so far: its postmaster's, its live processes' (backends, WAL
// writer, …) and that of those that have exited (the postmaster reaps
// them). Unlike postgresCPU it finds the server through d, so it reads a
// local TEST_DATABASE_URL's server too. ok is false when the server is
// not a process on this machine that we can read (/proc).
func postgresServerCPU(d *db.DB) (cpu func() time.Duration, ok bool) {
	var backend int
	if err := d.Raw().QueryRowContext(context.Background(), "SELECT pg_backend_pid()").Scan(&backend); err != nil {
		return nil, false
	}
	f, err := procStat(backend)
	if err != nil {
		return nil, false
	}
	postmaster, _ := strconv.Atoi(f[1])
	if _, err := procStat(postmaster); err != nil {
		return nil, false
	}
	return func() time.Duration {
		var ticks int64
		if f, err := procStat(postmaster); err == nil {
			ticks += statTicks(f, 11, 12, 13, 14) // its own and its reaped children's
		}
		stats, _ := filepath.Glob("/proc/[0-9]*/stat")
		for _, path := range stats {
			pid, _ := strconv.Atoi(filepath.Base(filepath.Dir(path)))
			if f, err := procStat(pid); err == nil && f[1] == strconv.Itoa(postmaster) {
				ticks += statTicks(f, 11, 12)
			}
		}
		return time.Duration(ticks) * 10 * time.Millisecond
	}, true
}

// procStat returns the fields of /proc/<pid>/stat after the command's
// name (f[1] is the parent's pid, f[11] utime, f[12] stime, f[13] cutime,
// f[14] cstime).
func procStat(pid int) ([]string, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil, err
	}
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	if len(f) < 15 {
		return nil, fmt.Errorf("/proc/%d/stat: %d fields", pid, len(f))
	}
	return f, nil
}

// statTicks sums the fields at is of a procStat.
func statTicks(f []string, is ...int) int64 {
	var sum int64
	for _, i := range is {
		v, _ := strconv.ParseInt(f[i], 10, 64)
		sum += v
	}
	return sum
}
