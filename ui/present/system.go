package present

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"syscall"

	"github.com/temoin-app/temoin/app/mail"
	"github.com/temoin-app/temoin/capture"
	"github.com/temoin-app/temoin/i18n"
)

// sayMail says what reading an e-mail can meet.
func sayMail(err error, _ Where) (string, bool) {
	if errors.Is(err, mail.ErrNotMail) {
		return i18n.X("error.not_mail"), true
	}
	return "", false
}

// sayCapture says what capturing the screen can meet.
func sayCapture(err error, _ Where) (string, bool) {
	var fe *capture.FFmpegError
	switch {
	case errors.Is(err, capture.ErrNoFFmpeg):
		return i18n.X("error.capture.no_ffmpeg"), true
	case errors.Is(err, capture.ErrNoDisplay):
		return i18n.X("error.capture.no_display"), true
	case errors.Is(err, capture.ErrUnsupported):
		return i18n.X("error.capture.unsupported"), true
	case errors.As(err, &fe):
		return i18n.X("error.capture.ffmpeg"), true
	}
	return "", false
}

// OpenError: no application of the system could open a file (no
// xdg-open, no reader for its kind). The faces wrap what the system's
// opener returned in it.
type OpenError struct {
	Path string
	Err  error
}

func (e *OpenError) Error() string { return "open " + e.Path + ": " + e.Err.Error() }
func (e *OpenError) Unwrap() error { return e.Err }

// saySystem says what the system refused: a disk full, a file missing,
// a folder that may not be written, work stopped.
func saySystem(err error, w Where) (string, bool) {
	var pe *fs.PathError
	path := w.File
	if errors.As(err, &pe) {
		path = pe.Path
	}
	var oe *OpenError
	switch {
	case errors.As(err, &oe):
		return i18n.X("error.cannot_open", map[string]any{"Path": oe.Path}), true
	case errors.Is(err, context.Canceled):
		return i18n.X("error.cancelled"), true
	case errors.Is(err, exec.ErrNotFound):
		// No program to open a file or a folder (xdg-open missing).
		if w.Folder != "" {
			path = w.Folder
		}
		return i18n.X("error.no_opener", map[string]any{"Path": path}), true
	case errors.Is(err, syscall.ENOSPC):
		return i18n.X("error.disk_full"), true
	case errors.Is(err, syscall.EFBIG):
		return i18n.X("error.too_big"), true
	case errors.Is(err, syscall.EIO):
		return i18n.X("error.io"), true
	case errors.Is(err, syscall.EROFS):
		return i18n.X("error.read_only"), true
	case errors.Is(err, ErrIsFolder):
		return i18n.X("error.is_folder", map[string]any{"Path": path}), true
	case errors.Is(err, os.ErrPermission):
		return i18n.X("error.permission", map[string]any{"Path": path}), true
	case errors.Is(err, os.ErrNotExist):
		return i18n.X("error.no_such_file", map[string]any{"Path": path}), true
	case errors.Is(err, os.ErrExist):
		return fileExists(path), true
	}
	return "", false
}
