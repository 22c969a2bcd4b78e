package vault

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"strings"
	"sync/atomic"
	"testing"
)

// TestCopyHashingSumsTheOriginal: the size and SHA-256 copyHashing
// returns are those of what it read, whatever the number of chunks, and
// what it wrote is that, in order.
func TestCopyHashingSumsTheOriginal(t *testing.T) {
	for _, size := range []int{0, 1, 1 << 20, 5<<20 + 123} {
		data := bytes.Repeat([]byte("témoin "), size/8+1)[:size]
		var out bytes.Buffer
		var last int64
		n, sum, err := copyHashing(context.Background(), &out, bytes.NewReader(data), func(done int64) { last = done })
		want := sha256.Sum256(data)
		if err != nil || n != int64(size) || sum != hex.EncodeToString(want[:]) || !bytes.Equal(out.Bytes(), data) {
			t.Fatalf("size %d: got %d bytes, sum %s, err %v; copy equal: %v", size, n, sum, err, bytes.Equal(out.Bytes(), data))
		}
		if size > 0 && last != int64(size) {
			t.Errorf("size %d: progress ended at %d", size, last)
		}
	}
}

type countingReader struct {
	r     io.Reader
	reads atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	c.reads.Add(1)
	return c.r.Read(p)
}

type failingWriter struct{ after int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.after == 0 {
		return 0, errors.New("disk full")
	}
	w.after--
	return len(p), nil
}

// TestCopyHashingStopsReadingOnFailure: when writing fails or ctx is
// cancelled, copyHashing returns the error and nothing reads the source
// any more once it has returned (the caller closes it).
func TestCopyHashingStopsReadingOnFailure(t *testing.T) {
	src := &countingReader{r: io.LimitReader(zeros{}, 1<<30)}
	_, _, err := copyHashing(context.Background(), &failingWriter{after: 2}, src, nil)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v, want the write's error", err)
	}
	if reads := src.reads.Load(); reads > 64 {
		t.Errorf("%d reads of 1 GiB before stopping", reads)
	}
	before := src.reads.Load()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	src2 := &countingReader{r: io.LimitReader(zeros{}, 1<<30)}
	if _, _, err := copyHashing(ctx, io.Discard, src2, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	after, after2 := src.reads.Load(), src2.reads.Load()
	if after != before || after2 > 64 {
		t.Errorf("the source was read after copyHashing returned (%d then %d), or too far (%d)", before, after, after2)
	}
}

// TestCopyHashingReportsReadErrors: a source that fails ends the copy
// with its error, said as a failure to read the file.
func TestCopyHashingReportsReadErrors(t *testing.T) {
	src := io.MultiReader(io.LimitReader(zeros{}, 3<<20), errReader{errors.New("unplugged")})
	_, _, err := copyHashing(context.Background(), io.Discard, src, nil)
	if err == nil || !strings.Contains(err.Error(), "failed to read the file: unplugged") {
		t.Fatalf("err = %v", err)
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }
