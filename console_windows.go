package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// On Windows temoin.exe is a GUI-subsystem program, so that opening the
// app shows no console window beside it. Run with a command from a
// terminal (cmd.exe, PowerShell), it writes to that terminal:
// attachConsole attaches to the console of the process that started it
// and points the standard streams that were not redirected at it. A
// stream redirected to a file or a pipe is kept as it is.
//
// Windows does not wait for a GUI-subsystem program: in cmd.exe the
// prompt comes back before the output ends. The command-line guide says
// to run `start /wait temoin …` there (PowerShell waits when the output
// is piped, e.g. `temoin list | Out-Host`): docs/command-line.md.
func attachConsole() {
	const attachParentProcess = ^uintptr(0) // ATTACH_PARENT_PROCESS, (DWORD)-1
	attach := windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")
	if attach.Find() != nil {
		return
	}
	if ok, _, _ := attach.Call(attachParentProcess); ok == 0 {
		return // no console: started from Explorer, or already attached
	}
	reopen := func(std uint32, name string, flag int, f **os.File) {
		if h, err := windows.GetStdHandle(std); err == nil && h != 0 && h != windows.InvalidHandle {
			if t, err := windows.GetFileType(h); err == nil && t != windows.FILE_TYPE_UNKNOWN {
				return // redirected: keep it
			}
		}
		c, err := os.OpenFile(name, flag, 0)
		if err != nil {
			return
		}
		windows.SetStdHandle(std, windows.Handle(c.Fd()))
		*f = c
	}
	reopen(windows.STD_INPUT_HANDLE, "CONIN$", os.O_RDWR, &os.Stdin)
	reopen(windows.STD_OUTPUT_HANDLE, "CONOUT$", os.O_RDWR, &os.Stdout)
	reopen(windows.STD_ERROR_HANDLE, "CONOUT$", os.O_RDWR, &os.Stderr)
}
