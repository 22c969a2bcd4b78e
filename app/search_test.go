package app

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/temoin-app/temoin/vault"
)

func TestSearchIgnoresCaseAndAccents(t *testing.T) {
	j, _ := newTestJournal(t)
	a := sample(t)
	a.Description = "L’Élève A a insulté la professeure devant la classe."
	b := sample(t)
	b.OccurredAt = b.OccurredAt.AddDate(0, 1, 0)
	b.Kinds, b.Channels, b.Perpetrator = []string{"insult"}, []string{"phone"}, "parent"
	b.Description = "Appel du Parent P1 : « vous êtes une incapable »"
	b.VideoCall = nil
	ia, _ := j.Incidents.Create(a)
	ib, _ := j.Incidents.Create(b)

	cases := []struct {
		f    Filter
		want []string
	}{
		{Filter{Query: "eleve"}, []string{ia.ID}},
		{Filter{Query: "ÉLÈVE insulte"}, []string{ia.ID}},
		{Filter{Query: "l'eleve"}, []string{ia.ID}}, // typed apostrophe finds the typographic one
		{Filter{Query: "incapable parent"}, []string{ib.ID}},
		{Filter{Query: "introuvable"}, nil},
		{Filter{}, []string{ib.ID, ia.ID}}, // newest first
		{Filter{Kind: "insult"}, []string{ib.ID}},
		{Filter{Channel: "video_call"}, []string{ia.ID}},
		{Filter{Perpetrator: "parent"}, []string{ib.ID}},
		{Filter{Since: Date{2026, 4, 1}}, []string{ib.ID}},
		{Filter{Until: Date{2026, 3, 3}}, []string{ia.ID}},
		{Filter{Since: Date{2026, 3, 4}, Until: Date{2026, 4, 2}}, nil},
		{Filter{Query: "zoom"}, []string{ia.ID}},
	}
	for _, c := range cases {
		var got []string
		for _, in := range j.Incidents.List(c.f) {
			got = append(got, in.ID)
		}
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("%+v: got %v, want %v", c.f, got, c.want)
		}
	}
}

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"Élève":        "eleve",
		"CŒUR":         "coeur",
		"Noël à l’ENT": "noel a l'ent",
		"ça":           "ca",
	} {
		if got := fold(in); got != want {
			t.Errorf("fold(%q) = %q, want %q", in, got, want)
		}
	}
}

// fillJournal adds n varied incidents in one transaction.
func fillJournal(tb testing.TB, j *Journal, n int) {
	tb.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	words := []string{"élève", "parent", "menace", "insulte", "vidéo", "Pronote", "couloir", "téléphone", "réseau", "harcèlement"}
	ins := make([]*Incident, n)
	start := time.Date(2024, 9, 1, 8, 0, 0, 0, time.UTC)
	for i := range ins {
		desc := ""
		for range 40 {
			desc += words[r.IntN(len(words))] + " "
		}
		ins[i] = &Incident{
			OccurredAt:     start.Add(time.Duration(r.IntN(600*24)) * time.Hour),
			Kinds:          []string{Kinds[r.IntN(len(Kinds))]},
			Channels:       []string{Channels[r.IntN(len(Channels))]},
			Perpetrator:    Perpetrators[r.IntN(len(Perpetrators))],
			PerpetratorRef: fmt.Sprintf("Parent P%d", r.IntN(50)),
			Description:    fmt.Sprintf("Incident %d : %s", i, desc),
			ExactWords:     "« " + words[r.IntN(len(words))] + " »",
			Consequences:   "stress, sommeil perturbé",
		}
	}
	if _, err := j.Incidents.CreateMany(tb.Context(), ins, nil); err != nil {
		tb.Fatal(err)
	}
}

func BenchmarkSearch10k(b *testing.B) {
	j, _ := newTestJournal(b)
	fillJournal(b, j, 10_000)
	j.Incidents.List(Filter{}) // build the sorted index once, as the first screen does
	for name, q := range map[string]Filter{
		"two-words":      {Query: "eleve menace"},
		"no-match":       {Query: "introuvable"},
		"kind-and-since": {Kind: "insult", Since: Date{2025, 1, 1}},
	} {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				j.Incidents.List(q)
			}
		})
	}
}

// BenchmarkUnlock10k measures opening a vault of 10,000 incidents and
// loading its journal, without the key derivation (the vault uses the
// test KDF, which costs microseconds), as both faces do: Unlock, which
// loads the journal in the pass of the checks at open.
func BenchmarkUnlock10k(b *testing.B) {
	j, dir := newTestJournal(b)
	fillJournal(b, j, 10_000)
	j.Lock()
	benchmarkUnlock(b, dir)
}

// BenchmarkUnlock10kAmended is BenchmarkUnlock10k with each incident
// amended twice: three revisions each, of which the unlock reads the last.
func BenchmarkUnlock10kAmended(b *testing.B) {
	j, dir := newTestJournal(b)
	fillJournal(b, j, 10_000)
	amendAll(b, j, 2)
	j.Lock()
	benchmarkUnlock(b, dir)
}

// amendAll writes times more revisions of every incident, in one
// transaction, as Amend writes each.
func amendAll(tb testing.TB, j *Journal, times int) {
	tb.Helper()
	err := j.v.Update(func(tx *vault.Tx) error {
		for _, in := range j.Incidents.List(Filter{}) {
			for rev := in.Revision + 1; rev <= in.Revision+times; rev++ {
				c := in.Clone()
				c.Description = fmt.Sprintf("%s (révision %d)", in.Description, rev)
				data, err := encodeRevision(&revisionRecord{Revision: rev, SavedAt: in.UpdatedAt, CreatedAt: in.CreatedAt, Incident: c})
				if err != nil {
					return err
				}
				if err := tx.Record(revisionKey(in.ID, rev), data, vault.Event{Type: string(EventAmended), Subject: in.ID}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

func benchmarkUnlock(b *testing.B, dir string) {
	cpu0 := cpuSeconds()
	var inUse uint64
	for b.Loop() {
		j, err := Unlock(dir, testPass)
		if err != nil || j.Incidents.Count() != 10_000 {
			b.Fatal(err, j.Incidents.Count())
		}
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		inUse = max(inUse, m.HeapInuse)
		j.Lock()
	}
	// On a shared machine the CPU time (every core, the collector's
	// included) is steadier than the time on the clock.
	b.ReportMetric((cpuSeconds()-cpu0)*1000/float64(b.N), "cpu-ms/op")
	// The heap the unlocked journal holds (its spans in use, once the
	// unlock gave back its garbage): what stays in a window's memory.
	b.ReportMetric(float64(inUse)/(1<<20), "heap-MB")
}

// The search text is made when a search first needs it: what was
// searched before a change does not hide the change. An amended incident
// is found by its new words and no longer by its old ones, a link
// attached is found by its address; searches and changes at the same time
// are safe (go test -race).
func TestSearchFollowsChanges(t *testing.T) {
	j, _ := newTestJournal(t)
	fillJournal(t, j, 20)
	in, err := j.Incidents.Create(sample(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := j.Incidents.List(Filter{Query: "Zoom"}); len(got) != 1 || got[0].ID != in.ID {
		t.Fatalf("before the change: %d found", len(got))
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for range 20 {
			j.Incidents.List(Filter{Query: "eleve"})
		}
	}()
	c, _ := j.Incidents.Get(in.ID)
	c.Description = "Un message anonyme sur l’ENT, reçu le soir."
	c.VideoCall = nil
	if _, err := j.Incidents.Amend(in.ID, c); err != nil {
		t.Fatal(err)
	}
	if _, err := j.Evidence.AttachLink(in.ID, "https://exemple.fr/publication-signalée", Date{}, ""); err != nil {
		t.Fatal(err)
	}
	<-done
	for q, want := range map[string]int{"anonyme ENT": 1, "zoom": 0, "publication-signalee": 1} {
		got := j.Incidents.List(Filter{Query: q})
		if len(got) != want || (want == 1 && got[0].ID != in.ID) {
			t.Errorf("search %q after the change: %d found, want %d", q, len(got), want)
		}
	}
}
