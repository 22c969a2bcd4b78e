package vaulttest

import "golang.org/x/sys/windows"

// processRuns reports whether a process has the id pid and has not ended:
// Windows keeps an ended process findable while a handle to it is open,
// and Go's Signal(0) is not supported there.
func processRuns(pid int) bool {
	h, err := windows.OpenProcess(windows.PROCESS_QUERY_LIMITED_INFORMATION, false, uint32(pid))
	if err != nil {
		return false
	}
	defer windows.CloseHandle(h)
	var code uint32
	if windows.GetExitCodeProcess(h, &code) != nil {
		return true // unknown: keep its folder
	}
	return code == 259 // STILL_ACTIVE
}
