package report

import (
	"bytes"
	"context"
	"fmt"
	"image/color"
	"io"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/apptest"
	"github.com/temoin-app/temoin/vault"
)

// BenchmarkReport1000 writes the report of a journal of 1,000 incidents
// with 100 image evidence items (1600×900 screenshots, all different),
// thumbnails on, for the committee (issue 15's target: ≤ 2 s, ≤ 100 MiB
// of peak heap). The journal keeps each picture's thumbnail since it was
// attached. It reports the CPU time, the PDF's size and, sampled every
// 5 ms while the report is written, the peak of the heap in use (garbage
// not yet swept included) and the peak of the live heap as the last
// garbage collection measured it.
func BenchmarkReport1000(b *testing.B) {
	j, _ := bigJournal(b, 1000, 100)
	benchReport(b, JournalSource(j), nil)
}

// BenchmarkReportFirst1000 is BenchmarkReport1000 on a journal whose
// pictures were attached before thumbnails were kept: the report decodes
// every picture, as every report did before, and keeps its thumbnail (the
// next report is BenchmarkReport1000's). The kept thumbnails are removed
// before each run.
func BenchmarkReportFirst1000(b *testing.B) {
	j, dir := bigJournal(b, 1000, 100)
	j.Lock()
	v, err := vault.OpenWith(dir, vault.Passphrase([]byte(apptest.Passphrase)), nil)
	if err != nil {
		b.Fatal(err)
	}
	if j, err = app.Open(v); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { j.Lock() })
	forget := func() {
		err := v.Update(func(tx *vault.Tx) error {
			var keys []string
			err := tx.ScanUnchained("thumb/", func(key string, _ vault.Value) error {
				keys = append(keys, key)
				return nil
			})
			for _, k := range keys {
				tx.DeleteUnchained(k)
			}
			if err == nil && len(keys) != 100 {
				err = fmt.Errorf("%d thumbnails kept, want 100", len(keys))
			}
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	benchReport(b, JournalSource(j), forget)
}

// benchReport writes the report of src at each round, after before (if
// not nil), which is not measured.
func benchReport(b *testing.B, src Source, before func()) {
	ctx := context.Background()
	var size int64
	var pages int
	var peak, live atomic.Uint64
	var base uint64
	var cpu float64
	b.ResetTimer()
	for b.Loop() {
		if before != nil {
			b.StopTimer()
			before()
			b.StartTimer()
		}
		runtime.GC()
		s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(s)
		base = s[0].Value.Uint64() // the journal itself, before the report
		stop := sampleHeap(&peak, &live)
		cw := &countingWriter{w: io.Discard}
		cpu0 := cpuSeconds()
		res, err := Write(ctx, src, Options{Thumbnails: true, Now: testNow}, cw, nil)
		cpu = cpuSeconds() - cpu0
		stop()
		if err != nil {
			b.Fatal(err)
		}
		size, pages = res.Size, res.Pages
		if res.Incidents != 1000 {
			b.Fatalf("%d incidents", res.Incidents)
		}
		if len(res.Warnings) > 0 {
			b.Fatalf("warnings: %v", res.Warnings)
		}
	}
	b.ReportMetric(cpu, "cpu-s")
	b.ReportMetric(float64(size)/(1<<20), "pdf-MiB")
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(live.Load())/(1<<20), "peak-live-MiB")
	b.ReportMetric(float64(base)/(1<<20), "base-live-MiB")
}

// sampleHeap records the largest heap in use, and the largest live heap,
// until stop is called.
func sampleHeap(peak, live *atomic.Uint64) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		raise := func(a *atomic.Uint64, v uint64) {
			for old := a.Load(); v > old && !a.CompareAndSwap(old, v); old = a.Load() {
			}
		}
		for {
			metrics.Read(samples)
			raise(peak, samples[0].Value.Uint64())
			raise(live, samples[1].Value.Uint64())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// bigJournal makes a journal of n incidents, the first images of which
// have one screenshot each.
func bigJournal(tb testing.TB, n, images int) (*app.Journal, string) {
	tb.Helper()
	j, dir := apptest.NewJournal(tb)
	if err := j.Settings.SetProfile(app.Profile{Name: "Claire Durand", Function: "professeure certifiée de lettres",
		Workplace: "Lycée Jean-Moulin", Authority: "académie de Lille"}); err != nil {
		tb.Fatal(err)
	}
	for _, p := range []app.Person{{Name: "Kévin Martin", Pseudonym: "Élève A"}, {Name: "Mme Lemaire", Pseudonym: "Parent P1"}} {
		if err := j.People.Add(p); err != nil {
			tb.Fatal(err)
		}
	}
	kinds := app.Kinds
	channels := app.Channels
	ins := make([]*app.Incident, n)
	start := testNow.AddDate(-2, 0, 0)
	for i := range ins {
		ins[i] = &app.Incident{
			OccurredAt:     start.Add(time.Duration(i) * 17 * time.Hour),
			Setting:        app.Settings[i%len(app.Settings)],
			Place:          fmt.Sprintf("salle B%d", i%30),
			Kinds:          []string{kinds[i%len(kinds)], kinds[(i+3)%len(kinds)]},
			Channels:       []string{channels[i%len(channels)]},
			Description:    fmt.Sprintf("Incident %d : Mme Lemaire a appelé le standard puis a insulté l’enseignante devant Kévin Martin, en menaçant de « revenir ». Les faits se sont répétés dans la soirée par message Pronote, avec des propos humiliants sur la manière de noter.", i),
			ExactWords:     "Vous êtes une incapable, on va vous faire virer",
			Perpetrator:    app.Perpetrators[i%len(app.Perpetrators)],
			PerpetratorRef: fmt.Sprintf("Parent P%d", i%40),
			Witnesses:      []app.Witness{{Role: "AED", Pseudonym: "AED 1", Contact: "06 00 00 00 00"}},
			Consequences:   "Choc, difficulté à reprendre le cours.",
			WorkImpact:     "Cours suivant annulé.",
			MedicalNote:    "Arrêt de deux jours.",
			Actions: []app.Action{{Kind: "hierarchy_alert", Date: app.DateOf(start.Add(time.Duration(i) * 17 * time.Hour)), Status: "done"},
				{Kind: "functional_protection", Date: app.DateOf(start.Add(time.Duration(i) * 17 * time.Hour)), Status: "awaiting_answer"}},
		}
	}
	created, err := j.Incidents.CreateMany(context.Background(), ins, nil)
	if err != nil {
		tb.Fatal(err)
	}
	// 100 different screenshots: the same picture attached twice would be
	// decoded once.
	for i := 0; i < images && i < len(created); i++ {
		pic := pngOf(tb, 1600, 900, color.RGBA{uint8(40 + i), 60, uint8(120 + i), 255})
		if _, err := j.Evidence.AttachFile(context.Background(), created[i*len(created)/images].ID, fmt.Sprintf("capture-%03d.png", i), bytes.NewReader(pic), nil); err != nil {
			tb.Fatal(err)
		}
	}
	return j, dir
}
