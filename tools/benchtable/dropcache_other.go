//go:build !linux

package main

// dropFromCache: only Linux lets a program drop a file's pages from the
// page cache; elsewhere both figures of the base row are the same.
func (h *harness) dropFromCache(string) {}
