//go:build !windows && !darwin

package ui

// X11 and Wayland cannot keep one window out of a screen capture: the
// setting is not shown there.
const captureProtectionAvailable = false

func setCaptureProtection(any, bool) error { return nil }
