package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"time"
)

// sample is one measured run of a process: its wall time, its peak
// resident memory (VmHWM), the peak of its private memory (RssAnon) and
// the peak of its pages of files (RssFile: the program's own code and
// data, and the files it maps), read from /proc every 2 ms while it runs. (The kernel's ru_maxrss cannot
// serve: Go starts a child with vfork, and the child's ru_maxrss then
// counts the harness's own peak memory.)
type sample struct {
	wall time.Duration
	cpu  time.Duration // user and system time of the process (and its children): what a busy machine changes least
	rss  int64
	anon int64
	file int64
}

// proc is a command to measure: its arguments, environment additions and
// standard input.
type proc struct {
	args  []string
	env   []string
	stdin string // a file to read standard input from ("" for none)
}

// runOnce runs p, fails the whole harness if it fails, and returns what
// it measured and its standard output.
func (h *harness) runOnce(p proc) (sample, []byte) {
	cmd := exec.Command(p.args[0], p.args[1:]...)
	cmd.Env = append(append(os.Environ(), h.env...), p.env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if p.stdin != "" {
		f, err := os.Open(p.stdin)
		if err != nil {
			h.fatal(err)
		}
		defer f.Close()
		cmd.Stdin = f
	}
	start := time.Now()
	err := cmd.Start()
	var s sample
	if err == nil {
		stop := sampleMemory(cmd.Process.Pid, &s)
		err = cmd.Wait()
		stop()
	}
	s.wall = time.Since(start)
	if err != nil {
		h.fatal(fmt.Errorf("%v: %v\n%s%s", p.args, err, out.Bytes(), errb.Bytes()))
	}
	s.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return s, out.Bytes()
}

// sampleMemory records into s, until stop is called, the peak resident
// memory of process pid and of its children (a pipeline), and the peaks of
// their private memory and of their pages of files. Resident memory also
// counts the pages of the program's own code and data, shared with every
// process that runs it and with the page cache, which the system takes
// back when memory is short: how many of them are mapped depends on how
// the binary came into the page cache more than on what the program does
// (on this kernel, a binary just written by go build is mapped in large
// folios, about 43 MiB of temoin's 61 MB; read from disk, about 25 MiB).
func sampleMemory(pid int, s *sample) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		for {
			var hwm, anon, file int64
			for _, p := range append([]int{pid}, children(pid)...) {
				if data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p)); err == nil {
					hwm += statusField(data, "VmHWM:")
					anon += statusField(data, "RssAnon:")
					file += statusField(data, "RssFile:")
				}
			}
			s.rss, s.anon, s.file = max(s.rss, hwm), max(s.anon, anon), max(s.file, file)
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	return func() { close(done); <-finished }
}

// children are the processes pid started (one level: a shell's pipeline).
func children(pid int) []int {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", pid, pid))
	if err != nil {
		return nil
	}
	var out []int
	for _, f := range bytes.Fields(data) {
		var c int
		fmt.Sscanf(string(f), "%d", &c)
		out = append(out, c)
	}
	return out
}

// statusField reads one "Name:  123 kB" line of /proc/PID/status, in bytes.
func statusField(data []byte, name string) int64 {
	i := bytes.Index(data, []byte(name))
	if i < 0 {
		return 0
	}
	var kb int64
	fmt.Sscanf(string(data[i+len(name):]), "%d", &kb)
	return kb << 10
}

// series are the samples of several runs of one thing.
type series []sample

// median returns the median wall time and the median peak memory (each
// taken apart: the machine is shared and noisy).
func (s series) median() sample {
	if len(s) == 0 {
		return sample{}
	}
	w := make([]time.Duration, len(s))
	c := make([]time.Duration, len(s))
	r := make([]int64, len(s))
	a := make([]int64, len(s))
	f := make([]int64, len(s))
	for i, x := range s {
		w[i], c[i], r[i], a[i], f[i] = x.wall, x.cpu, x.rss, x.anon, x.file
	}
	slices.Sort(w)
	slices.Sort(c)
	slices.Sort(r)
	slices.Sort(a)
	slices.Sort(f)
	return sample{wall: w[len(w)/2], cpu: c[len(c)/2], rss: r[len(r)/2], anon: a[len(a)/2], file: f[len(f)/2]}
}

// measure runs each of procs in turn, runs times (interleaved, so that a
// noisy moment of the machine touches both sides of a ratio), and returns
// one series per proc. before, if not nil, is called before each run of
// each proc (to clean what the last run left).
func (h *harness) measure(runs int, before func(i int), procs ...proc) []series {
	out := make([]series, len(procs))
	for r := 0; r < runs; r++ {
		for i, p := range procs {
			if before != nil {
				before(i)
			}
			s, _ := h.runOnce(p)
			out[i] = append(out[i], s)
		}
	}
	return out
}
