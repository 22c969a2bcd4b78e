package bundle

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
)

// incompressible streams n pseudo-random bytes (like photos and videos,
// which do not compress).
type incompressible struct {
	r *rand.ChaCha8
	n int64
}

func (p *incompressible) Read(b []byte) (int, error) {
	if p.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(b)) > p.n {
		b = b[:p.n]
	}
	p.r.Read(b)
	p.n -= int64(len(b))
	return len(b), nil
}

// BenchmarkExport1GiB exports 1 GiB of evidence (four files of 256 MiB)
// and, in the same run, does what a careful person would do by hand on
// the same files: "zip -0" piped into "age -e". It reports both times and
// their ratio (target: Témoin within 1.5× of the pipe).
//
//	go test ./app/bundle -run XXX -bench Export1GiB -benchtime 3x
func BenchmarkExport1GiB(b *testing.B) {
	const files, size = 4, 256 << 20
	zipCmd, err := exec.LookPath("zip")
	if err != nil {
		b.Fatal("zip is missing: run \"make deps\" (it installs the zip package)")
	}
	ageCmd := tool(b, "age")

	dir := b.TempDir()
	j, _, err := app.CreateVault(filepath.Join(dir, "vault"), testPass, apptest.VaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	defer j.Lock()
	in, err := j.Incidents.Create(sampleIncident(3, ""))
	if err != nil {
		b.Fatal(err)
	}
	plain := filepath.Join(dir, "plain")
	os.Mkdir(plain, 0o700)
	var names []string
	for i := range files {
		name := fmt.Sprintf("video-%d.mp4", i)
		seed := [32]byte{byte(i)}
		if _, err := j.Evidence.AttachFile(context.Background(), in.ID, name, &incompressible{r: rand.NewChaCha8(seed), n: size}, nil); err != nil {
			b.Fatal(err)
		}
		f, _ := os.Create(filepath.Join(plain, name))
		io.Copy(f, &incompressible{r: rand.NewChaCha8(seed), n: size})
		f.Close()
		names = append(names, name)
	}
	id := newIdentity(b)
	key := id.Recipient().String()
	src := JournalSource(j)
	src.WriteReport = stubReport

	var ours, theirs time.Duration
	b.SetBytes(files * size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out := filepath.Join(dir, fmt.Sprintf("b%d.zip.age", i))
		start := time.Now()
		if _, err := Export(context.Background(), src, ExportOptions{Out: out, To: []string{key}}); err != nil {
			b.Fatal(err)
		}
		ours += time.Since(start)
		os.Remove(out)

		ref := filepath.Join(dir, fmt.Sprintf("ref%d.zip.age", i))
		args := append([]string{"-c", `"$0" -0 -q - "$@" | "$AGE" -e -r "$KEY" -o "$OUT"`, zipCmd}, names...)
		cmd := exec.Command("sh", args...)
		cmd.Dir = plain
		cmd.Env = append(os.Environ(), "AGE="+ageCmd, "KEY="+key, "OUT="+ref)
		start = time.Now()
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("zip -0 | age -e: %v\n%s", err, out)
		}
		theirs += time.Since(start)
		os.Remove(ref)
	}
	b.StopTimer()
	n := float64(b.N)
	b.ReportMetric(ours.Seconds()/n, "temoin-s/op")
	b.ReportMetric(theirs.Seconds()/n, "zip-age-s/op")
	b.ReportMetric(ours.Seconds()/theirs.Seconds(), "ratio")
}
