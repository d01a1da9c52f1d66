// Package bench measures the flows through the real app and the built-in
// sandbox on loopback, next to baselines measured in the same run. Run it
// with `make bench`. The built binary's baseline under load (start-up,
// pages, peak RSS, notifications) is bench/internal/bare, a bare gin
// server in a process of its own.
package bench
