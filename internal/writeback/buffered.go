package writeback

import (
	"sync"
	"sync/atomic"
)

// Buffered gathers writes into buffers that a goroutine of its own writes
// to the writer under it: the goroutine that encrypts a blob no longer
// pays the system's copy into the page cache and the file system's work
// (a quarter of its time for a gigabyte), which the other core does
// while the next buffer is encrypted. What bufio.Writer does, with the
// writing moved off the caller's goroutine.
//
// An error of the writer under it is returned by a later Write, by Flush
// and by Close; what is written after it is dropped.
type Buffered struct {
	w       interface{ Write([]byte) (int, error) }
	size    int
	made    int    // buffers made so far: depth at most, as the writes need them
	buf     []byte // the buffer being filled, nil before the first Write after a hand-over
	free    chan []byte
	full    chan []byte
	queued  sync.WaitGroup // buffers handed over and not yet written
	done    chan struct{}
	failed  atomic.Bool
	err     error // the first error, set before failed
	closing sync.Once
}

// NewBuffered returns a Buffered writing to w in buffers of size bytes,
// depth of them at most (one filled, the others written or waiting),
// made as the writes need them: a photo of a few hundred kilobytes takes
// one or two. Call Close once everything is written.
func NewBuffered(w interface{ Write([]byte) (int, error) }, size, depth int) *Buffered {
	b := &Buffered{w: w, size: size, free: make(chan []byte, depth), full: make(chan []byte, depth), done: make(chan struct{})}
	go b.run()
	return b
}

// next returns an empty buffer: one written already, else a new one
// while fewer than depth were made, else the first the goroutine frees.
func (b *Buffered) next() []byte {
	select {
	case buf := <-b.free:
		return buf
	default:
	}
	if b.made < cap(b.free) {
		b.made++
		return make([]byte, 0, b.size)
	}
	return <-b.free
}

func (b *Buffered) run() {
	defer close(b.done)
	for buf := range b.full {
		if !b.failed.Load() {
			if _, err := b.w.Write(buf); err != nil {
				b.err = err
				b.failed.Store(true)
			}
		}
		b.free <- buf[:0]
		b.queued.Done()
	}
}

// Write copies p into the buffers, handing each one over once full.
func (b *Buffered) Write(p []byte) (int, error) {
	n := 0
	for len(p) > 0 {
		if b.failed.Load() {
			return n, b.err
		}
		if b.buf == nil {
			b.buf = b.next()
		}
		c := copy(b.buf[len(b.buf):cap(b.buf)], p)
		b.buf = b.buf[:len(b.buf)+c]
		n += c
		p = p[c:]
		if len(b.buf) == cap(b.buf) {
			b.handOver()
		}
	}
	return n, nil
}

func (b *Buffered) handOver() {
	b.queued.Add(1)
	b.full <- b.buf
	b.buf = nil
}

// Flush hands over what is buffered and waits until the writer under it
// has written everything; it returns the first error met.
func (b *Buffered) Flush() error {
	if len(b.buf) > 0 {
		b.handOver()
	}
	b.queued.Wait()
	if b.failed.Load() {
		return b.err
	}
	return nil
}

// Close flushes and ends the goroutine. It can be called more than once,
// and after a failure: nothing then writes to the writer under it.
func (b *Buffered) Close() error {
	err := b.Flush()
	b.closing.Do(func() { close(b.full) })
	<-b.done
	return err
}
