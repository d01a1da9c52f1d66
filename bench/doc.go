// Package bench measures the flows through the real app and the built-in
// sandbox on loopback, next to baselines measured in the same run. Run it
// with `make bench`.
package bench
