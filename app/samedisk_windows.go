//go:build windows

package app

import (
	"os"
	"path/filepath"
	"strings"
)

// sameVolume compares the volumes of the two paths (C: and C:, or the
// same network share).
func sameVolume(a, b string, _, _ os.FileInfo) bool {
	va, vb := filepath.VolumeName(a), filepath.VolumeName(b)
	return va != "" && strings.EqualFold(va, vb)
}
