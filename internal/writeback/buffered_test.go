package writeback

import (
	"bytes"
	"errors"
	"testing"
)

// TestBufferedWritesEverythingInOrder: what is written through a
// Buffered, in pieces of any size (an age chunk is not a divisor of the
// buffers), reaches the writer under it whole and in order once Close
// returns, and Flush waits until it has.
func TestBufferedWritesEverythingInOrder(t *testing.T) {
	var out bytes.Buffer
	b := NewBuffered(&out, 1000, 3)
	var want []byte
	for i := range 500 {
		p := bytes.Repeat([]byte{byte(i)}, 1+i*7%2500)
		want = append(want, p...)
		if n, err := b.Write(p); n != len(p) || err != nil {
			t.Fatalf("write %d: %d, %v", i, n, err)
		}
		if i == 250 {
			if err := b.Flush(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), want) {
				t.Fatalf("after Flush the writer holds %d bytes, %d were written", out.Len(), len(want))
			}
		}
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Fatalf("the writer holds %d bytes, %d were written (or not in order)", out.Len(), len(want))
	}
	if err := b.Close(); err != nil {
		t.Fatalf("a second Close: %v", err)
	}
}

// failingWriter accepts limit bytes, then fails.
type failingWriter struct {
	n, limit int
	calls    int
}

var errDiskFull = errors.New("no space left on device")

func (w *failingWriter) Write(p []byte) (int, error) {
	w.calls++
	if w.n+len(p) > w.limit {
		return 0, errDiskFull
	}
	w.n += len(p)
	return len(p), nil
}

// TestBufferedReportsTheWritersError: a write the writer under it refuses
// (a full disk) is reported by a later Write or by Close, never lost, and
// nothing more is written to it after.
func TestBufferedReportsTheWritersError(t *testing.T) {
	w := &failingWriter{limit: 5000}
	b := NewBuffered(w, 1000, 3)
	p := make([]byte, 700)
	var werr error
	for range 100 {
		if _, werr = b.Write(p); werr != nil {
			break
		}
	}
	cerr := b.Close()
	if !errors.Is(cerr, errDiskFull) {
		t.Fatalf("Close returned %v, want the writer's error", cerr)
	}
	if werr != nil && !errors.Is(werr, errDiskFull) {
		t.Fatalf("Write returned %v, want the writer's error", werr)
	}
	if w.calls != 6 {
		t.Errorf("the writer was called %d times: want 5 writes accepted and 1 refused, nothing after", w.calls)
	}
}

// TestBufferedMakesBuffersAsNeeded: a small file takes one buffer, not
// depth of them.
func TestBufferedMakesBuffersAsNeeded(t *testing.T) {
	var out bytes.Buffer
	b := NewBuffered(&out, 1000, 3)
	b.Write(make([]byte, 600))
	if err := b.Close(); err != nil || out.Len() != 600 {
		t.Fatalf("wrote %d bytes (%v), want 600", out.Len(), err)
	}
	if b.made != 1 {
		t.Errorf("%d buffers made for 600 bytes, want 1", b.made)
	}
}
