package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

const goodCSV = "\ufeffdate;time;kinds;channels;setting;perpetrator;perpetrator_ref;description;exact_words;witnesses;consequences;notes\n" +
	"14/03/2026;14:05;insult|threat;phone;remote_home;parent;Parent P1;\"Appel du père de l’Élève A ; très agressif.\nIl a raccroché.\";\"« Vous allez le \"\"regretter\"\" »\";collègue: C1|CPE;stress;\n" +
	"2026-03-20;;video_intrusion;video_call;online;outsider;Intrus I1;Intrusion pendant la classe virtuelle;;;;rediffusée sur un réseau\n"

func TestParseCSV(t *testing.T) {
	loc := paris(t)
	ins, err := ParseCSV(strings.NewReader(goodCSV), loc)
	if err != nil {
		t.Fatal(err)
	}
	if len(ins) != 2 {
		t.Fatalf("%d incidents", len(ins))
	}
	a := ins[0]
	if !a.OccurredAt.Equal(time.Date(2026, 3, 14, 14, 5, 0, 0, loc)) || a.TimeUnknown {
		t.Errorf("date: %v (time unknown %v)", a.OccurredAt, a.TimeUnknown)
	}
	if a.Description != "Appel du père de l’Élève A ; très agressif.\nIl a raccroché." {
		t.Errorf("description: %q", a.Description)
	}
	if a.ExactWords != "« Vous allez le \"regretter\" »" {
		t.Errorf("exact words: %q", a.ExactWords)
	}
	if len(a.Witnesses) != 2 || a.Witnesses[0] != (Witness{Role: "collègue", Pseudonym: "C1"}) || a.Witnesses[1].Role != "CPE" {
		t.Errorf("witnesses: %+v", a.Witnesses)
	}
	if strings.Join(a.Kinds, ",") != "insult,threat" || a.Perpetrator != "parent" {
		t.Errorf("codes: %v %v", a.Kinds, a.Perpetrator)
	}
	if !ins[1].TimeUnknown || ins[1].Notes != "rediffusée sur un réseau" {
		t.Errorf("second row: %+v", ins[1])
	}

	// The same with commas, no BOM, CRLF line ends and French headers.
	comma := "Date,Heure,Faits,Propos,Témoins\r\n2026-03-14,9h30,\"Insulte, en classe\",« idiote »,CPE\r\n"
	ins, err = ParseCSV(strings.NewReader(comma), loc)
	if err != nil || len(ins) != 1 || ins[0].Description != "Insulte, en classe" || ins[0].OccurredAt.Hour() != 9 {
		t.Fatalf("comma file: %v %+v", err, ins)
	}
}

func TestParseCSVRefusesBadFilesWhole(t *testing.T) {
	loc := paris(t)
	cases := map[string]struct {
		csv  string
		want []string
	}{
		"bad rows": {
			"date;kinds;description\n2026-03-01;insult;ok\n31/02/2026;insult;bad date\n2026-03-02;gifle;unknown kind\n2026-03-03;insult;\n",
			[]string{"nothing was imported", "line 3", `column "date"`, "line 4", `"gifle"`, "line 5", "description"},
		},
		"unknown column": {
			"date;description;humeur;couleur\n",
			[]string{`"humeur"`, `"couleur"`},
		},
		"no date column":  {"description\nx\n", []string{`"date" is missing`}},
		"empty":           {"", []string{"empty"}},
		"header only":     {"date;description\n", []string{"no incidents"}},
		"field count":     {"date;description\n2026-03-01;a;b\n", []string{"line 2", "3 fields"}},
		"unclosed quote":  {"date;description\n2026-03-01;\"never closed\n", []string{"line 2"}},
		"duplicated name": {"date;description;faits\n", []string{"twice"}},
	}
	for name, c := range cases {
		ins, err := ParseCSV(strings.NewReader(c.csv), loc)
		if err == nil {
			t.Errorf("%s: accepted (%d incidents)", name, len(ins))
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not say %q", name, err, w)
			}
		}
	}
	var ce *CSVError
	_, err := ParseCSV(strings.NewReader(cases["bad rows"].csv), loc)
	if !errors.As(err, &ce) || len(ce.Problems) != 3 {
		t.Fatalf("want 3 problems, got %v", err)
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	j, dir := newTestJournal(t)
	// A file with one bad row gives no incident at all.
	if _, err := ParseCSV(strings.NewReader("date;description\n2026-03-01;ok\nxx;bad\n"), time.UTC); err == nil {
		t.Fatal("bad file accepted")
	}
	var csv strings.Builder
	csv.WriteString("date;description\n")
	for i := range 200 {
		fmt.Fprintf(&csv, "2026-03-%02d;Incident %d du fichier\n", 1+i%28, i)
	}
	ins, err := ParseCSV(strings.NewReader(csv.String()), time.UTC)
	if err != nil || len(ins) != 200 {
		t.Fatalf("%d incidents: %v", len(ins), err)
	}

	// An incident refused in the middle of the list: none is saved.
	bad := slices.Clone(ins)
	bad[100] = &Incident{Description: "sans date"}
	if _, err := j.Incidents.CreateMany(t.Context(), bad, nil); err == nil {
		t.Fatal("an invalid incident was imported")
	}
	// The import stopped half-way through the vault's transaction, once
	// half of the incidents were written into it: none is saved.
	ctx, cancel := context.WithCancel(t.Context())
	written := 0
	_, err = j.Incidents.CreateMany(ctx, ins, func(done, total int) {
		written = done
		if done == total/2 {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || written != 100 {
		t.Fatalf("import stopped after %d incidents: %v", written, err)
	}
	if n := j.Incidents.Count(); n != 0 {
		t.Fatalf("%d incidents in the journal after a failed import", n)
	}
	// Nothing reached the disk either: not a record, not an event.
	j = reopen(t, j, dir)
	if n := j.Incidents.Count(); n != 0 {
		t.Fatalf("%d incidents in the vault after a failed import", n)
	}
	if head, err := j.Chain.Head(); err != nil || head.Seq != 0 {
		t.Fatalf("the chain holds %d events after a failed import (%v)", head.Seq, err)
	}
	if rep, err := j.Verify(t.Context(), nil); err != nil || !rep.OK() {
		t.Fatalf("verify after a failed import: %v %+v", err, rep)
	}

	// The same import, run to its end, saves every incident.
	if _, err := j.Incidents.CreateMany(t.Context(), ins, nil); err != nil {
		t.Fatal(err)
	}
	j = reopen(t, j, dir)
	if n := j.Incidents.Count(); n != 200 {
		t.Fatalf("%d incidents after the import", n)
	}
}

func FuzzParseCSV(f *testing.F) {
	f.Add(goodCSV)
	f.Add("date,description\n2026-03-01,x\n")
	f.Add("date;description\n2026-03-01;\"never closed\n")
	f.Add("\ufeffdate;kinds\n01/01/2026;a|b|c\n")
	f.Fuzz(func(t *testing.T, data string) {
		ins, err := ParseCSV(strings.NewReader(data), time.UTC)
		if err != nil {
			return
		}
		for _, in := range ins {
			if err := in.Validate(); err != nil {
				t.Fatalf("accepted an invalid incident: %v", err)
			}
		}
	})
}
