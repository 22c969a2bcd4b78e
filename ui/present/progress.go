package present

import (
	"fmt"
	"sync"
	"time"

	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/i18n"
)

// Interval is how often a printer is called at most while work goes on.
const Interval = 100 * time.Millisecond

// Status is where a long piece of work stands.
type Status struct {
	Stage       string // what is being done, in words ("" when nothing is said)
	Done, Total int64  // units done and to do; Total 0 when unknown
	Bytes       bool   // Done and Total count bytes (else items: pages, rows)
	Final       bool   // the work ended: the last status printed
}

// Fraction is Done out of Total, from 0 to 1 (0 while Total is unknown).
func (s Status) Fraction() float64 {
	if s.Total <= 0 {
		return 0
	}
	return min(float64(s.Done)/float64(s.Total), 1)
}

// Line says the status on one line, for a terminal: "Preuves  45 %
// 1,2 Go / 2,7 Go".
func (s Status) Line() string {
	line := s.Stage
	if s.Total > 0 {
		line += fmt.Sprintf("  %3d %%", int(s.Fraction()*100))
		if s.Bytes {
			line += "  " + i18n.Size(s.Done) + " / " + i18n.Size(s.Total)
		}
	}
	return line
}

// Progress carries a long piece of work's status to a printer: a
// progress bar, a line on a terminal. It is the model of restic's
// internal/ui/progress (an Updater calling one print function, the final
// call marked), with one difference: restic prints from a goroutine of its
// own on a ticker; here the work's own reports drive the printer, so there
// is no goroutine to stop and no status older than the last report.
//
// The work reports through Set, or through the callbacks package app
// takes (Bytes, Items), from any goroutine, as often as it likes. The
// printer is called on that goroutine with the status at most every
// Interval, at once for the first report and when the stage changes, and
// a last time by Done. A nil *Progress, or one without a printer, prints
// nothing.
type Progress struct {
	mu      sync.Mutex
	print   func(Status)
	now     func() time.Time
	cur     Status
	last    time.Time
	printed bool
}

// NewProgress returns a progress that calls print, starting at stage.
func NewProgress(stage string, print func(Status)) *Progress {
	return &Progress{print: print, now: time.Now, cur: Status{Stage: stage}}
}

// Set reports done units out of total.
func (p *Progress) Set(done, total int64) {
	p.update(func(s *Status) { s.Done, s.Total = done, total })
}

// SetStage says what is being done now; it is printed at once.
func (p *Progress) SetStage(stage string) {
	p.update(func(s *Status) {
		if s.Stage != stage {
			s.Stage, s.Done, s.Total = stage, 0, 0
		}
	})
}

// Report says at once the stage and where it stands.
func (p *Progress) Report(stage string, done, total int64) {
	p.update(func(s *Status) { s.Stage, s.Done, s.Total = stage, done, total })
}

func (p *Progress) update(change func(*Status)) {
	if p == nil || p.print == nil {
		return
	}
	p.mu.Lock()
	before := p.cur
	change(&p.cur)
	now := p.now()
	due := !p.printed || p.cur.Stage != before.Stage || now.Sub(p.last) >= Interval ||
		(p.cur.Total > 0 && p.cur.Done >= p.cur.Total && before.Done < before.Total)
	if !due {
		p.mu.Unlock()
		return
	}
	p.printed, p.last = true, now
	s := p.cur
	p.mu.Unlock()
	p.print(s)
}

// Done prints the last status.
func (p *Progress) Done() {
	if p == nil || p.print == nil {
		return
	}
	p.mu.Lock()
	p.cur.Final = true
	s := p.cur
	p.mu.Unlock()
	p.print(s)
}

// Bytes is the callback of work that counts bytes: backups, checks,
// bundles received.
func (p *Progress) Bytes() func(done, total int64) {
	p.setBytes(true)
	return func(done, total int64) { p.Set(done, total) }
}

// Items is the callback of work that counts items: a report's pages, the
// rows of an import.
func (p *Progress) Items() func(done, total int) {
	p.setBytes(false)
	return func(done, total int) { p.Set(int64(done), int64(total)) }
}

// Stream is the callback of work that reads a stream of total bytes and
// reports what it read (evidence attached).
func (p *Progress) Stream(total int64) func(done int64) {
	p.setBytes(true)
	return func(done int64) { p.Set(done, total) }
}

func (p *Progress) setBytes(b bool) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.cur.Bytes = b
	p.mu.Unlock()
}

// BackupBytes is the callback of a backup written then read back: when
// the count starts again from the beginning, the stage becomes "reading
// the backup back".
func (p *Progress) BackupBytes() func(done, total int64) {
	p.setBytes(true)
	var mu sync.Mutex
	var last int64
	reading := false
	return func(done, total int64) {
		mu.Lock()
		turned := done < last && !reading
		last = done
		reading = reading || turned
		mu.Unlock()
		if reading {
			p.Report(i18n.X("progress.backup_reading"), done, total)
			return
		}
		p.Set(done, total)
	}
}

// Export is the callback of a bundle being written: each stage said, the
// bytes of evidence counted.
func (p *Progress) Export() func(bundle.Progress) {
	p.setBytes(true)
	return func(e bundle.Progress) {
		switch e.Stage {
		case bundle.StageReport:
			p.SetStage(i18n.X("progress.export.report"))
		case bundle.StageEvidence:
			p.Report(i18n.X("progress.export.evidence"), e.Done, e.Total)
		case bundle.StageFinishing:
			p.Report(i18n.X("progress.export.finishing"), 1, 1)
		default:
			p.SetStage(i18n.X("progress.export.preparing"))
		}
	}
}
