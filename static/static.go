// Package static holds the stylesheet, scripts and images, embedded into
// the binary so a deployment is one file.
package static

import "embed"

// Files is served under /static/.
//
//go:embed css js img
var Files embed.FS
