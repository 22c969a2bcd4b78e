package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/temoin-app/temoin/app/sheet"
	"github.com/temoin-app/temoin/assets"
)

// translation returns a text of the embedded translations, "" when the
// key is missing or is not a plain text.
func translation(t testing.TB, lang, key string) string {
	t.Helper()
	data, err := assets.Translations.ReadFile("translation/" + lang + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var store map[string]any
	if err := json.Unmarshal(data, &store); err != nil {
		t.Fatal(err)
	}
	s, _ := store[key].(string)
	return s
}

const goodCSV = "\ufeffdate;time;kinds;channels;setting;perpetrator;perpetrator_ref;description;exact_words;witnesses;consequences;notes\n" +
	"14/03/2026;14:05;insult|threat;phone;remote_home;parent;Parent P1;\"Appel du père de l’Élève A ; très agressif.\nIl a raccroché.\";\"« Vous allez le \"\"regretter\"\" »\";collègue: C1|CPE;stress;\n" +
	"2026-03-20;;video_intrusion;video_call;online;outsider;Intrus I1;Intrusion pendant la classe virtuelle;;;;rediffusée sur un réseau\n"

func readSheet(t testing.TB, text string, loc *time.Location) *SheetImport {
	t.Helper()
	imp, err := ReadSheet(strings.NewReader(text), loc)
	if err != nil {
		t.Fatal(err)
	}
	return imp
}

func TestReadSheet(t *testing.T) {
	loc := paris(t)
	ins := readSheet(t, goodCSV, loc).Incidents()
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
	ins = readSheet(t, comma, loc).Incidents()
	if len(ins) != 1 || ins[0].Description != "Insulte, en classe" || ins[0].OccurredAt.Hour() != 9 {
		t.Fatalf("comma file: %+v", ins)
	}
}

func TestReadSheetDatesAndTimes(t *testing.T) {
	loc := paris(t)
	cases := []struct {
		date, time string
		want       time.Time
		unknown    bool
	}{
		{"12/03/2026 14:05", "", time.Date(2026, 3, 12, 14, 5, 0, 0, loc), false},
		{"12/03/2026", "14:05:00", time.Date(2026, 3, 12, 14, 5, 0, 0, loc), false},
		{"2026-03-12 14:05:30", "", time.Date(2026, 3, 12, 14, 5, 30, 0, loc), false},
		{"2026-03-12T08:00:00", "", time.Date(2026, 3, 12, 8, 0, 0, 0, loc), false},
		{"12/03/2026 14:05", "16h", time.Date(2026, 3, 12, 16, 0, 0, 0, loc), false}, // the time column wins
		{"12/03/26", "", time.Date(2026, 3, 12, 0, 0, 0, 0, loc), true},
		{"12.03.2026", "14 h 05", time.Date(2026, 3, 12, 14, 5, 0, 0, loc), false},
		{"2/3/2026", "", time.Date(2026, 3, 2, 0, 0, 0, 0, loc), true},
	}
	for _, c := range cases {
		in := readSheet(t, "date;heure;faits\n"+c.date+";"+c.time+";x\n", loc).Rows[0].Incident
		if !in.OccurredAt.Equal(c.want) || in.TimeUnknown != c.unknown {
			t.Errorf("%q %q: %v (time unknown %v), want %v", c.date, c.time, in.OccurredAt, in.TimeUnknown, c.want)
		}
	}
}

func TestReadSheetAcceptsLabels(t *testing.T) {
	text := "Date;Types;Canaux;Lieu;Auteur;Faits\n" +
		"12/03/2026;Insultes;En personne;Salle de classe;Élève;a\n" +
		"13/03/2026;INSULTES, INJURES | menace;Téléphone, SMS;en ligne;Parent, représentant légal;b\n" +
		"14/03/2026;Insult; video call;Online;Pupil;c\n" +
		"15/03/2026;menaces, harcèlement;Réseaux sociaux;Vie scolaire;parent;d\n"
	imp := readSheet(t, text, time.UTC)
	want := []struct {
		kinds, channels      []string
		setting, perpetrator string
	}{
		{[]string{"insult"}, []string{"in_person"}, "classroom", "pupil"},
		{[]string{"insult", "threat"}, []string{"phone", "sms"}, "online", "parent"},
		{[]string{"insult"}, []string{"video_call"}, "online", "pupil"},
		{[]string{"threat", "harassment"}, []string{"social_network"}, "school_life", "parent"},
	}
	for i, w := range want {
		in := imp.Rows[i].Incident
		if !slices.Equal(in.Kinds, w.kinds) || !slices.Equal(in.Channels, w.channels) || in.Setting != w.setting || in.Perpetrator != w.perpetrator {
			t.Errorf("row %d: %v %v %q %q, want %+v", imp.Rows[i].Number, in.Kinds, in.Channels, in.Setting, in.Perpetrator, w)
		}
	}
}

// TestEveryLabelNamesItsCode fails when a label or synonym in the
// translations names another code, or none (two codes sharing a name).
func TestEveryLabelNamesItsCode(t *testing.T) {
	for list, codes := range CodeLists {
		for _, code := range codes {
			for _, lang := range []string{"fr", "en"} {
				names := []string{code, translation(t, lang, "code."+list+"."+code)}
				names = append(names, strings.Split(translation(t, lang, "import.synonyms."+list+"."+code), "|")...)
				for _, name := range names {
					if name == "" {
						continue
					}
					if got, ok := matchCode(list, name); !ok || got != code {
						t.Errorf("%s: %q names %q, want %s.%s", lang, name, got, list, code)
					}
				}
			}
		}
	}
}

func TestReadSheetUnknownColumnsGoToNotes(t *testing.T) {
	text := "Journal des incidents 2025-2026\n\nN°;Date;Faits;Suite donnée;Remarques\n1;12/03/2026;a;convocation;à revoir\n2;13/03/2026;b;;\n"
	imp := readSheet(t, text, time.UTC)
	if imp.HeaderRow != 3 || len(imp.Rows) != 2 || imp.Rows[0].Number != 4 {
		t.Fatalf("header row %d, rows %+v", imp.HeaderRow, imp.Rows)
	}
	if got := imp.Columns[3]; got.Field != "" || got.Header != "Suite donnée" || got.Letter() != "D" {
		t.Errorf("column D: %+v", got)
	}
	if n := imp.Rows[0].Incident.Notes; n != "à revoir\nN° : 1\nSuite donnée : convocation" {
		t.Errorf("notes: %q", n)
	}
}

func TestReadSheetRefusesBadFilesWhole(t *testing.T) {
	loc := paris(t)
	next := time.Now().AddDate(1, 0, 0).Format("02/01/2006")
	text := "Date;Types;Faits\n" +
		"2026-03-01;insult;ok\n" +
		"31/02/2026;insult;bad date\n" + // row 3
		"2026-03-02;gifle, insultes;\"unknown kind\non two lines\"\n" + // row 4
		"2026-03-03;insult;\n" + // row 5
		";insult;no date\n" + // row 6
		"2026-03-04 25:00;insult;bad time\n" + // row 7
		next + ";insult;future\n" + // row 8
		"2026-03-05;insult;x;stray\n" // row 9
	_, err := ReadSheet(strings.NewReader(text), loc)
	var ie *ImportError
	if !errors.As(err, &ie) || ie.Kind != ImportBadRows {
		t.Fatalf("want bad rows, got %v", err)
	}
	want := []ImportProblem{
		{Row: 3, Column: 0, Header: "Date", Kind: ProblemDate, Value: "31/02/2026"},
		{Row: 4, Column: 1, Header: "Types", Kind: ProblemCode, Value: "gifle", List: "kind"},
		{Row: 5, Column: 2, Header: "Faits", Kind: ProblemNoText},
		{Row: 6, Column: 0, Header: "Date", Kind: ProblemDate},
		{Row: 7, Column: 0, Header: "Date", Kind: ProblemTime, Value: "25:00"},
		{Row: 8, Column: 0, Header: "Date", Kind: ProblemDateRange, Value: time.Now().AddDate(1, 0, 0).Format("2006-01-02")},
		{Row: 9, Column: 3, Kind: ProblemOutside, Value: "stray"},
	}
	if !slices.Equal(ie.Problems, want) {
		t.Errorf("problems:\n got %+v\nwant %+v", ie.Problems, want)
	}

	cases := map[string]ImportErrorKind{
		"date;description;faits\n2026-03-01;a;b\n": ImportDuplicateColumn,
		"description\nx\n":                         ImportNoDateColumn,
		"date;lieu\n2026-03-01;classe\n":           ImportNoTextColumn,
		"date;description\n":                       ImportNoRows,
	}
	for text, kind := range cases {
		_, err := ReadSheet(strings.NewReader(text), loc)
		if !errors.As(err, &ie) || ie.Kind != kind {
			t.Errorf("%q: %v, want kind %d", text, err, kind)
		}
	}
	var se *sheet.Error
	if _, err := ReadSheet(strings.NewReader(""), loc); !errors.As(err, &se) || se.Kind != sheet.ErrEmpty {
		t.Errorf("empty file: %v", err)
	}
}

func TestImportSkipsRowsAlreadyImported(t *testing.T) {
	j, _ := newTestJournal(t)
	ctx := t.Context()
	res, err := j.Incidents.Import(ctx, readSheet(t, goodCSV, time.UTC), nil)
	if err != nil || len(res.Created) != 2 || len(res.Skipped) != 0 {
		t.Fatalf("first import: %+v %v", res, err)
	}
	// The same rows, in another order, with other labels and one more row.
	again := "Date;Heure;Faits;Types;Canaux;Lieu;Auteur;Référence auteur;Propos;Témoins;Conséquences;Remarques\n" +
		"2026-03-20;;Intrusion pendant la classe virtuelle;Intrusion en visioconférence;Visioconférence;En ligne;Personne extérieure;Intrus I1;;;;rediffusée sur un réseau\n" +
		"21/03/2026;;Nouvel appel;menaces;;;;;;;;\n" +
		"14/03/2026;14:05:00;\"Appel du père de l’Élève A ; très agressif.\r\nIl a raccroché.\";threat|insult;Téléphone;Télétravail, à domicile;parent;Parent P1;\"« Vous allez le \"\"regretter\"\" »\";collègue: C1|CPE;stress;\n"
	res, err = j.Incidents.Import(ctx, readSheet(t, again, time.UTC), nil)
	if err != nil || len(res.Created) != 1 || !slices.Equal(res.Skipped, []int{2, 4}) {
		t.Fatalf("second import: created %d, skipped %v, %v", len(res.Created), res.Skipped, err)
	}
	if j.Incidents.Count() != 3 {
		t.Fatalf("%d incidents", j.Incidents.Count())
	}
	res, err = j.Incidents.Import(ctx, readSheet(t, goodCSV, time.UTC), nil)
	if err != nil || len(res.Created) != 0 || len(res.Skipped) != 2 {
		t.Fatalf("third import: %+v %v", res, err)
	}
	// A deleted incident comes back when its row is imported again.
	first := j.Incidents.List(Filter{Query: "Intrusion pendant"})[0]
	if err := j.Incidents.Delete(first.ID); err != nil {
		t.Fatal(err)
	}
	res, err = j.Incidents.Import(ctx, readSheet(t, goodCSV, time.UTC), nil)
	if err != nil || len(res.Created) != 1 || !slices.Equal(res.Skipped, []int{2}) {
		t.Fatalf("after delete: %+v %v", res, err)
	}
}

func TestImportCountsIdenticalRows(t *testing.T) {
	j, _ := newTestJournal(t)
	twice := "date;faits\n2026-03-01;même appel\n2026-03-01;même appel\n"
	res, err := j.Incidents.Import(t.Context(), readSheet(t, twice, time.UTC), nil)
	if err != nil || len(res.Created) != 2 {
		t.Fatalf("%+v %v", res, err)
	}
	thrice := twice + "2026-03-01;même appel\n"
	res, err = j.Incidents.Import(t.Context(), readSheet(t, thrice, time.UTC), nil)
	if err != nil || len(res.Created) != 1 || len(res.Skipped) != 2 {
		t.Fatalf("%+v %v", res, err)
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	j, dir := newTestJournal(t)
	// A file with one bad row gives no incident at all.
	if _, err := ReadSheet(strings.NewReader("date;description\n2026-03-01;ok\nxx;bad\n"), time.UTC); err == nil {
		t.Fatal("bad file accepted")
	}
	var csv strings.Builder
	csv.WriteString("date;description\n")
	for i := range 200 {
		fmt.Fprintf(&csv, "2026-03-%02d;Incident %d du fichier\n", 1+i%28, i)
	}
	imp := readSheet(t, csv.String(), time.UTC)
	if len(imp.Rows) != 200 {
		t.Fatalf("%d rows", len(imp.Rows))
	}

	// An incident refused in the middle of the list: none is saved.
	bad := slices.Clone(imp.Incidents())
	bad[100] = &Incident{Description: "sans date"}
	if _, err := j.Incidents.CreateMany(t.Context(), bad, nil); err == nil {
		t.Fatal("an invalid incident was imported")
	}
	// The import stopped half-way through the vault's transaction, once
	// half of the incidents were written into it: none is saved, nor the
	// record of the rows imported.
	ctx, cancel := context.WithCancel(t.Context())
	written := 0
	_, err := j.Incidents.Import(ctx, imp, func(done, total int) {
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

	// The same import, run to its end, saves every row: none was marked
	// as imported by the failed one.
	res, err := j.Incidents.Import(t.Context(), imp, nil)
	if err != nil || len(res.Created) != 200 || len(res.Skipped) != 0 {
		t.Fatalf("import after a failed one: %d created, %d skipped: %v", len(res.Created), len(res.Skipped), err)
	}
	j = reopen(t, j, dir)
	if n := j.Incidents.Count(); n != 200 {
		t.Fatalf("%d incidents after the import", n)
	}
}

func FuzzReadSheet(f *testing.F) {
	f.Add(goodCSV)
	f.Add("date,description\n2026-03-01,x\n")
	f.Add("date;description\n2026-03-01;\"never closed\n")
	f.Add("\ufeffdate;kinds\n01/01/2026;a|b|c\n")
	f.Add("date;types;faits\n12/03/2026 14:05;Insultes, menaces;x\n")
	f.Fuzz(func(t *testing.T, data string) {
		imp, err := ReadSheet(strings.NewReader(data), time.UTC)
		if err != nil {
			return
		}
		for _, r := range imp.Rows {
			if err := r.Incident.Validate(); err != nil {
				t.Fatalf("accepted an invalid incident: %v", err)
			}
		}
	})
}

// A large sheet is read in the sheet's order: identical rows far apart
// are counted in order (rows 2 and 1,001 of the same content get /1 and
// /2), and the problems are listed by row.
func TestLargeSheetIsReadInOrder(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(string(benchSheet(1_200))), "\n")
	lines[1000] = lines[1] // data row 1,000 (spreadsheet row 1,001) repeats the first
	imp, err := ReadSheet(strings.NewReader(strings.Join(lines, "\n")), time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if len(imp.Rows) != 1_200 {
		t.Fatalf("%d rows", len(imp.Rows))
	}
	for i, r := range imp.Rows {
		if r.Number != i+2 || !strings.Contains(r.Incident.Description, fmt.Sprintf("Rang %d :", i)) && i != 999 {
			t.Fatalf("row %d: number %d, description %.20q", i, r.Number, r.Incident.Description)
		}
		if want := rowKey(r.Incident) + "/1"; i != 999 && r.Key != want {
			t.Fatalf("row %d: key %s, want %s", i, r.Key, want)
		}
	}
	if first, again := imp.Rows[0].Key, imp.Rows[999].Key; strings.TrimSuffix(first, "/1") != strings.TrimSuffix(again, "/2") {
		t.Fatalf("the repeated row: keys %s and %s", first, again)
	}
	lines[500] = strings.Replace(lines[500], "/20", "/19", 1) // a date before 2000
	lines[700] = strings.Replace(lines[700], ";", ";25h99;", 1)
	_, err = ReadSheet(strings.NewReader(strings.Join(lines, "\n")), time.UTC)
	var ie *ImportError
	if !errors.As(err, &ie) || len(ie.Problems) < 2 {
		t.Fatalf("%v", err)
	}
	for i := 1; i < len(ie.Problems); i++ {
		if ie.Problems[i].Row < ie.Problems[i-1].Row {
			t.Fatalf("problems out of order: %+v", ie.Problems)
		}
	}
	if ie.Problems[0].Row != 501 {
		t.Fatalf("first problem at row %d, want 501: %+v", ie.Problems[0].Row, ie.Problems)
	}
}

// A command imports into a journal opened partly and keeps none of the
// incidents it writes (writeMany's forget): in the same session they are
// still counted, read, listed and searched, read back from the vault,
// and they are whole once the vault is opened again. An empty vault
// opened partly is a journal whose index is full (nothing to read): the
// imported incidents are read when asked for all the same.
func TestLargeImportIntoAJournalOpenedPartly(t *testing.T) {
	for _, before := range []int{0, 3} {
		t.Run(fmt.Sprintf("%d incidents before", before), func(t *testing.T) {
			j, dir := newTestJournal(t)
			fillJournal(t, j, before)
			j = reopenPartly(t, j, dir)
			imp, err := ReadSheet(bytes.NewReader(benchSheet(largeBatch+200)), time.UTC)
			if err != nil {
				t.Fatal(err)
			}
			res, err := j.Incidents.Import(t.Context(), imp, nil)
			if err != nil || len(res.Created) != largeBatch+200 {
				t.Fatalf("import: %v", err)
			}
			total := before + largeBatch + 200
			if n := j.Incidents.Count(); n != total {
				t.Fatalf("%d incidents counted after the import, want %d", n, total)
			}
			last := imp.Rows[len(imp.Rows)-1].Incident
			got, err := j.Incidents.Get(res.Created[len(res.Created)-1])
			if err != nil || got.Description != last.Description || !got.OccurredAt.Equal(last.OccurredAt) {
				t.Fatalf("the last row's incident reads %+v (%v), want %q", got, err, last.Description)
			}
			if n := len(j.Incidents.List(Filter{})); n != total {
				t.Fatalf("%d incidents listed after the import, want %d", n, total)
			}
			found := j.Incidents.List(Filter{Query: fmt.Sprintf("rang %d", len(imp.Rows)-1)})
			if len(found) != 1 || found[0].ID != got.ID {
				t.Fatalf("search for the last row found %d incidents", len(found))
			}
			j = reopen(t, j, dir)
			if n := len(j.Incidents.List(Filter{})); n != total {
				t.Fatalf("%d incidents after opening again, want %d", n, total)
			}
			if rep, err := j.Verify(t.Context(), nil); err != nil || !rep.OK() {
				t.Fatalf("verify: %v %+v", err, rep)
			}
		})
	}
}
