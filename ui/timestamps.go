package ui

import (
	"context"
	"time"

	"github.com/temoin-app/temoin/app"
)

// Trusted time-stamps while the journal is open: when the person agreed
// (settings), what a report, an export or a backup queued, and the day's
// time-stamp (QueueDaily), are sent off the UI thread at unlock and then
// every few minutes; an authority that does not answer leaves the request
// queued for the next time. Only the hash of the history's head leaves
// the computer (app/timestamps.go).

// stampCheckEvery is how often, while the journal is open, what is
// queued is sent.
const stampCheckEvery = 2 * time.Minute

// stampWait is the longest one sending waits for the authorities.
const stampWait = time.Minute

// startStamps sends what is queued now and then, until the journal
// locks (stopStamps).
func (g *gui) startStamps() {
	j := g.journal
	var stop func()
	stopped := false
	var tick func()
	tick = func() {
		if stopped || g.journal != j {
			return
		}
		g.async(func() { sendStamps(j) })
		stop = g.later(stampCheckEvery, tick)
	}
	g.stamps = func() {
		stopped = true
		if stop != nil {
			stop()
		}
	}
	tick()
}

// stopStamps stops sending (the journal locks).
func (g *gui) stopStamps() {
	if g.stamps != nil {
		g.stamps()
		g.stamps = nil
	}
}

// sendStamps queues the day's time-stamp when due and sends what is
// queued, when the person agreed. Errors leave the request queued: the
// settings say so.
func sendStamps(j *app.Journal) {
	if on, err := j.Timestamps.Enabled(); err != nil || !on {
		return
	}
	if _, err := j.Timestamps.QueueDaily(time.Now()); err != nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), stampWait)
	defer cancel()
	j.Timestamps.Flush(ctx)
}
