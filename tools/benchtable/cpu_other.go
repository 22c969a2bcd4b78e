//go:build !unix

package main

import "time"

// selfCPU is not measured where getrusage does not exist: the ratios
// that need the key derivation's CPU time are then left out.
func selfCPU() time.Duration { return 0 }
