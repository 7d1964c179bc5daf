//go:build tools

// Package tools pins the Notary Project's notation CLI for the signature tests. It is
// built from this module (not `go install notation@version`) because the Go module proxy
// refuses the module's version list, which `go install` reads to look for a deprecation.
package tools

import _ "github.com/notaryproject/notation/cmd/notation"
