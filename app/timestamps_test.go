package app

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/temoin-app/temoin/app/tsa/tsatest"
)

// useTSA points the journal at test authorities (the first ones given
// first) and turns time-stamps on.
func useTSA(t *testing.T, j *Journal, authorities ...*tsatest.TSA) {
	t.Helper()
	var list []Authority
	for _, a := range authorities {
		list = append(list, Authority{URL: a.URL, CA: a.CAPEM})
	}
	if err := j.Timestamps.SetAuthorities(list); err != nil {
		t.Fatal(err)
	}
	if err := j.Timestamps.SetEnabled(true); err != nil {
		t.Fatal(err)
	}
}

// Time-stamps are asked only with the person's agreement, queued by the
// actions (never making them fail, even offline), sent by Flush, kept in
// the chain.
func TestTimestampsQueueAndFlush(t *testing.T) {
	j, _ := newTestJournal(t)
	defer j.Lock()
	a := tsatest.New(t, "TSA de test")
	if auths, _ := j.Timestamps.Authorities(); len(auths) != len(DefaultAuthorities) {
		t.Errorf("defaults: %v", auths)
	}
	if _, err := j.Incidents.Create(sample(t)); err != nil {
		t.Fatal(err)
	}
	// Not agreed: a report queues nothing.
	if err := j.Chain.Log(EventReportGenerated, "report", "aa"); err != nil {
		t.Fatal(err)
	}
	if p, _ := j.Timestamps.Pending(); p {
		t.Fatal("queued without the person's agreement")
	}
	useTSA(t, j, a)
	a.SetOffline(true)
	if err := j.Chain.Log(EventReportGenerated, "report", "bb"); err != nil {
		t.Fatalf("the report failed because the authority is offline: %v", err)
	}
	if p, _ := j.Timestamps.Pending(); !p {
		t.Fatal("the report queued no time-stamp")
	}
	if _, err := j.Timestamps.Flush(context.Background()); !errors.Is(err, ErrNoAuthorityReached) {
		t.Fatalf("offline: %v", err)
	}
	if p, _ := j.Timestamps.Pending(); !p {
		t.Fatal("the request was dropped while offline")
	}
	a.SetOffline(false)
	head, _ := j.Chain.Head()
	ts, err := j.Timestamps.Flush(context.Background())
	if err != nil || ts == nil || ts.Seq != head.Seq || ts.EventID != head.ID || ts.URL != a.URL {
		t.Fatalf("flush: %+v, %v", ts, err)
	}
	if p, _ := j.Timestamps.Pending(); p {
		t.Error("still queued after the time-stamp")
	}
	events, _ := j.Chain.Events()
	if last := events[len(events)-1]; KindOf(last) != EventTimestamped {
		t.Errorf("the token is not in the chain: %+v", last)
	}
	// Nothing new: no daily time-stamp; a day later with a change: one.
	if due, _ := j.Timestamps.QueueDaily(time.Now().Add(48 * time.Hour)); due {
		t.Error("daily time-stamp without a change")
	}
	j.Incidents.Create(sample(t))
	if due, _ := j.Timestamps.QueueDaily(time.Now().Add(time.Hour)); due {
		t.Error("two time-stamps the same day")
	}
	if due, _ := j.Timestamps.QueueDaily(time.Now().Add(25 * time.Hour)); !due {
		t.Error("no daily time-stamp after a change")
	}
	if err := j.Timestamps.SetAuthorities([]Authority{{URL: "ftp://x"}}); !errors.Is(err, ErrInvalidAuthority) {
		t.Errorf("ftp: %v", err)
	}
	rep, err := j.Verify(context.Background(), nil)
	if err != nil || !rep.OK() {
		t.Errorf("verify: %+v, %v", rep, err)
	}
}

// The attestation the report states per entry: the earliest time-stamp
// that covers the entry's chain event; the authorities are tried in
// order.
func TestAttestations(t *testing.T) {
	j, _ := newTestJournal(t)
	defer j.Lock()
	down, up := tsatest.New(t, "TSA en panne"), tsatest.New(t, "TSA de secours")
	down.SetOffline(true)
	useTSA(t, j, down, up)
	// (Within the test authority's certificate, valid from a day ago.)
	t1 := time.Now().UTC().Truncate(time.Second).Add(-20 * time.Hour)
	up.SetClock(func() time.Time { return t1 })
	a, _ := j.Incidents.Create(sample(t))
	if _, err := j.Timestamps.StampNow(context.Background()); err != nil {
		t.Fatal(err)
	}
	t2 := t1.Add(18 * time.Hour)
	up.SetClock(func() time.Time { return t2 })
	b, _ := j.Incidents.Create(sample(t))
	changed := a.Clone()
	changed.Description += " (précision)"
	if _, err := j.Incidents.Amend(a.ID, changed); err != nil {
		t.Fatal(err)
	}
	if _, err := j.Timestamps.StampNow(context.Background()); err != nil {
		t.Fatal(err)
	}
	c, _ := j.Incidents.Create(sample(t))
	for _, tc := range []struct {
		id   string
		rev  int
		want time.Time
	}{{a.ID, 1, t1}, {a.ID, 2, t2}, {b.ID, 1, t2}, {c.ID, 1, time.Time{}}} {
		at, ok, err := j.Timestamps.ForRevision(tc.id, tc.rev)
		if err != nil || ok != !tc.want.IsZero() || ok && (!at.Time.Equal(tc.want) || at.URL != up.URL || !at.Trusted || at.Authority != up.Name) {
			t.Errorf("%s r%d: %+v %v %v, want %v", tc.id, tc.rev, at, ok, err, tc.want)
		}
	}
	if down.Requests() != 0 || up.Requests() != 2 {
		t.Errorf("requests: %d down (offline answers are not counted), %d up", down.Requests(), up.Requests())
	}
}
