package writeback

import (
	"errors"
	"fmt"
	"os"
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"
)

// NewDirect returns a File writing to f, a new file opened for writing
// and written from its start, past the page cache (O_DIRECT) where the
// file system allows it, else New(f).
//
// Written through the page cache, a gigabyte of evidence was copied into
// it (about 0.3 s of processor time here), handed to the disk by the
// page (sync_file_range, about 0.1 s more, and the kernel's own
// write-back work besides), then dropped from it: processor time that an
// attach on a two-core laptop takes from its encryption and its SHA-256.
// Written past it, from buffers the disk reads itself (4 MiB, three at
// most), the same gigabyte costs the processor about 0.1 s to write, and
// the pages of a file read again only when opened never fill the
// memory. One
// goroutine writes each full buffer while the next is filled: the disk
// works while the file is encrypted, as before. The caller's fsync stays
// what makes the file durable (it also flushes the disk's cache).
//
// A file system that refuses direct writes (EINVAL, at the switch or at a
// write) gets the rest of the file, from the write it refused, through
// the page cache: nothing is lost, the final fsync does the disk's work.
func NewDirect(f *os.File) File {
	fd := int(f.Fd())
	if setDirect(fd, true) != nil {
		return New(f)
	}
	return newDirect(fd, unix.Pwrite)
}

// setDirect has the writes to fd go past the page cache, or through it.
func setDirect(fd int, on bool) error {
	flags, err := unix.FcntlInt(uintptr(fd), unix.F_GETFL, 0)
	if err != nil {
		return err
	}
	if on {
		flags |= unix.O_DIRECT
	} else {
		flags &^= unix.O_DIRECT
	}
	_, err = unix.FcntlInt(uintptr(fd), unix.F_SETFL, flags)
	return err
}

// A direct write returns once the disk has the data: one goroutine
// writes one buffer at a time, and the encrypting side fills the others
// meanwhile. With buffers of 1 MiB it waited for a free one 0.19-0.50 s
// of an attach of 1 GiB here (the disk at one write at a time: about
// 1 GiB/s in writes of 1 MiB, 1.3 GiB/s in writes of 4 MiB, as fast as
// the encryption); with 4 MiB, 0-0.17 s. Two goroutines writing 1 MiB
// each at once still waited 0.21-0.43 s; two writing 4 MiB, 0-0.003 s:
// not worth a second writer and the care its shared fallback needs.
// Twelve megabytes at most, while a file is written, and only as needed
// (next): the peak of an attach is Argon2id's 64 MiB, given back before.
const (
	directAlign = 4096    // offsets, lengths and buffers of direct writes: a multiple of any disk's block
	directBuf   = 4 << 20 // one write to the disk
	directBufs  = 3       // one filled, one written, one ahead
)

// direct is the File of NewDirect.
type direct struct {
	fd     int
	pwrite func(fd int, p []byte, off int64) (int, error)
	buf    []byte // the buffer being filled, nil between two
	off    int64  // the file offset of buf
	free   chan []byte
	made   int // buffers made so far: one for a small file, directBufs at most
	jobs   chan job
	done   chan struct{}

	mu     sync.Mutex
	err    error // the first write error, set by the goroutine
	direct bool  // whether the file is still written past the page cache (the goroutine's)

	stopOnce sync.Once
}

type job struct {
	b    []byte
	off  int64
	last bool // the end of the file: its tail may not be a multiple of directAlign
}

func newDirect(fd int, pwrite func(int, []byte, int64) (int, error)) *direct {
	w := &direct{fd: fd, pwrite: pwrite, free: make(chan []byte, directBufs),
		jobs: make(chan job, directBufs), done: make(chan struct{}), direct: true}
	go w.run()
	return w
}

// alignedBuffer returns n bytes starting on a multiple of directAlign.
func alignedBuffer(n int) []byte {
	b := make([]byte, n+directAlign)
	skip := (directAlign - int(uintptr(unsafe.Pointer(&b[0]))%directAlign)) % directAlign
	return b[skip : skip+n : skip+n]
}

func (w *direct) Write(p []byte) (int, error) {
	total := 0
	for len(p) > 0 {
		if w.buf == nil {
			w.buf = w.next()
		}
		n := copy(w.buf[len(w.buf):cap(w.buf)], p)
		w.buf, p, total = w.buf[:len(w.buf)+n], p[n:], total+n
		if len(w.buf) == cap(w.buf) {
			if err := w.firstErr(); err != nil {
				return total, err
			}
			w.jobs <- job{b: w.buf, off: w.off}
			w.off += int64(len(w.buf))
			w.buf = nil
		}
	}
	return total, nil
}

// next returns an empty buffer: one the goroutine has written, or a new
// one while there are fewer than directBufs (a photo needs one).
func (w *direct) next() []byte {
	select {
	case b := <-w.free:
		return b[:0]
	default:
	}
	if w.made < directBufs {
		w.made++
		return alignedBuffer(directBuf)[:0]
	}
	return (<-w.free)[:0]
}

// Stop writes what is left, waits for the goroutine, and returns the
// first write error. It can be called more than once.
func (w *direct) Stop() error {
	w.stopOnce.Do(func() {
		if len(w.buf) > 0 {
			w.jobs <- job{b: w.buf, off: w.off, last: true}
			w.buf = nil
		}
		close(w.jobs)
	})
	<-w.done
	return w.firstErr()
}

func (w *direct) firstErr() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

func (w *direct) run() {
	defer close(w.done)
	for j := range w.jobs {
		if w.firstErr() == nil {
			if err := w.write(j); err != nil {
				w.mu.Lock()
				w.err = err
				w.mu.Unlock()
			}
		}
		w.free <- j.b[:0]
	}
}

// write writes one job: past the page cache what is a multiple of
// directAlign, through it the tail of the file.
func (w *direct) write(j job) error {
	b, off := j.b, j.off
	if j.last {
		whole := len(b) &^ (directAlign - 1)
		if err := w.writeAt(b[:whole], off); err != nil {
			return err
		}
		b, off = b[whole:], off+int64(whole)
		if len(b) == 0 {
			return nil
		}
		if err := w.throughCache(); err != nil {
			return err
		}
	}
	return w.writeAt(b, off)
}

func (w *direct) writeAt(b []byte, off int64) error {
	for len(b) > 0 {
		n, err := w.pwrite(w.fd, b, off)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if errors.Is(err, unix.EINVAL) && w.direct {
			if err := w.throughCache(); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return fmt.Errorf("write at %d: %w", off, err)
		}
		b, off = b[n:], off+int64(n)
	}
	return nil
}

// throughCache has the rest of the file written through the page cache.
func (w *direct) throughCache() error {
	if !w.direct {
		return nil
	}
	w.direct = false
	if err := setDirect(w.fd, false); err != nil {
		return fmt.Errorf("write through the page cache: %w", err)
	}
	return nil
}
