package present

import (
	"sync"
	"testing"
	"time"

	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/i18n"
)

// fakeClock is a clock the test moves.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func recorder() (*Progress, *[]Status, *fakeClock) {
	var got []Status
	var mu sync.Mutex
	p := NewProgress("Étape", func(s Status) { mu.Lock(); got = append(got, s); mu.Unlock() })
	c := &fakeClock{t: time.Date(2026, 3, 20, 10, 0, 0, 0, time.UTC)}
	p.now = c.now
	return p, &got, c
}

// TestProgressThrottles: many reports within an interval print once;
// the first one, a new stage, the end of a part and Done print at once.
func TestProgressThrottles(t *testing.T) {
	p, got, c := recorder()
	bytes := p.Bytes()
	for i := range 1000 {
		bytes(int64(i), 1000)
	}
	if len(*got) != 1 || (*got)[0].Done != 0 || !(*got)[0].Bytes {
		t.Fatalf("1000 reports in no time printed %+v", *got)
	}
	c.t = c.t.Add(Interval)
	bytes(500, 1000)
	bytes(1000, 1000) // the end of the part: printed at once
	p.SetStage("Relecture")
	p.Done()
	want := []Status{{Stage: "Étape", Bytes: true, Total: 1000}, {Stage: "Étape", Bytes: true, Done: 500, Total: 1000},
		{Stage: "Étape", Bytes: true, Done: 1000, Total: 1000}, {Stage: "Relecture", Bytes: true},
		{Stage: "Relecture", Bytes: true, Final: true}}
	if len(*got) != len(want) {
		t.Fatalf("printed %+v, want %+v", *got, want)
	}
	for i := range want {
		if (*got)[i] != want[i] {
			t.Errorf("print %d: %+v, want %+v", i, (*got)[i], want[i])
		}
	}
}

// TestProgressBackupReadBack: a backup's count starting again means it
// is being read back, and the stage says so.
func TestProgressBackupReadBack(t *testing.T) {
	p, got, c := recorder()
	f := p.BackupBytes()
	f(100, 100)
	c.t = c.t.Add(time.Second)
	f(10, 100)
	last := (*got)[len(*got)-1]
	if last.Stage != i18n.X("progress.backup_reading") || last.Done != 10 {
		t.Errorf("after the count went back: %+v", last)
	}
}

// TestProgressExport: each stage of an export is said.
func TestProgressExport(t *testing.T) {
	p, got, _ := recorder()
	f := p.Export()
	f(bundle.Progress{Stage: bundle.StageReport})
	f(bundle.Progress{Stage: bundle.StageEvidence, Done: 10, Total: 20})
	f(bundle.Progress{Stage: bundle.StageFinishing})
	if len(*got) != 3 || (*got)[1].Fraction() != 0.5 || (*got)[2].Fraction() != 1 {
		t.Errorf("export printed %+v", *got)
	}
}

func TestProgressNil(t *testing.T) {
	var p *Progress
	p.Bytes()(1, 2)
	p.Items()(1, 2)
	p.Done()
	NewProgress("", nil).Stream(10)(5)
}

func TestStatusLine(t *testing.T) {
	i18n.SetLanguage(i18n.French)
	s := Status{Stage: "Preuves", Done: 512 << 10, Total: 1 << 20, Bytes: true}
	if got := s.Line(); got != "Preuves   50 %  "+i18n.Size(512<<10)+" / "+i18n.Size(1<<20) {
		t.Errorf("line %q", got)
	}
	if got := (Status{Stage: "Pages", Done: 3, Total: 4}).Line(); got != "Pages   75 %" {
		t.Errorf("line %q", got)
	}
}
