package main

import (
	"fmt"
	"io"
	"time"
)

// row is one line of the table.
type row struct {
	what   string
	value  string // Témoin's figure
	anchor string // the anchor measured in the same run ("" for none)
	ratio  string // Témoin / anchor ("" for none)
	target string
	met    string // "yes", "no", or "" when the table cannot tell
}

func (h *harness) add(r row) {
	h.rows = append(h.rows, r)
	h.logf("%s: %s %s %s", r.what, r.value, r.ratio, r.met)
}

func (h *harness) print(w io.Writer) {
	fmt.Fprintf(w, "\nIssue 15's figures, median of %d runs. Memory: peak RSS (VmHWM) and, in brackets, the peaks of private\n"+
		"memory (RssAnon) and of pages of files (RssFile), all read every 2 ms; the targets are on RSS. The pages\n"+
		"of files are mostly the program's own code and data, shared with the page cache and taken back by the\n"+
		"system when memory is short; how many are mapped depends on how the binary came into the page cache\n"+
		"(see the `temoin version` row). Time: wall clock and, in brackets, CPU time (user + system), which a\n"+
		"shared, busy machine changes least. Ratios: Témoin / its anchor, same run.\n\n", h.runs)
	fmt.Fprintln(w, "| what | Témoin | anchor, same run | ratio | target | met |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	for _, r := range h.rows {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", r.what, r.value, dash(r.anchor), dash(r.ratio), r.target, dash(r.met))
	}
	fmt.Fprintf(w, "\n(%d rows in %s)\n", len(h.rows), time.Since(h.start).Round(time.Second))
}

func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func mib(b int64) string { return fmt.Sprintf("%.0f MiB", float64(b)/(1<<20)) }

func secs(d time.Duration) string {
	if d < time.Second {
		return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func ratio(a, b time.Duration) float64 { return a.Seconds() / b.Seconds() }

func yes(ok ...bool) string {
	for _, b := range ok {
		if !b {
			return "no"
		}
	}
	return "yes"
}

// timeAndRSS is the usual value: "1.23 s (CPU 0.98 s) / 87 MiB (private 52 MiB)".
func timeAndRSS(s sample) string { return secs(s.wall) + " (CPU " + secs(s.cpu) + ") / " + memory(s) }

// ratios is Témoin's time over its anchor's: wall clock, and CPU time.
func ratios(t, a sample) string {
	return fmt.Sprintf("%.2f× (CPU %.2f×)", ratio(t.wall, a.wall), ratio(t.cpu, a.cpu))
}

// memory is the peak RSS and, beside it, the peaks of private memory and
// of pages of files.
func memory(s sample) string {
	return mib(s.rss) + " (private " + mib(s.anon) + ", files " + mib(s.file) + ")"
}

// timeOnly is an anchor's time: "1.23 s (CPU 0.98 s)".
func timeOnly(s sample) string { return secs(s.wall) + " (CPU " + secs(s.cpu) + ")" }
