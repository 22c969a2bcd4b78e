//go:build !windows

package main

// attachConsole is needed on Windows only (console_windows.go).
func attachConsole() {}
