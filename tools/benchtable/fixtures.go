package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"github.com/temoin-app/temoin/app"
)

// The journals the figures are measured on: incidents of the shape a
// teacher writes (a paragraph of description, the words said, a
// perpetrator, witnesses), drawn from a fixed seed.

var words = strings.Fields(`élève parent menace insulte vidéo Pronote couloir téléphone réseau
harcèlement classe récréation cantine principal adjoint collègue conseil réunion message capture
écran cri porte bureau vie scolaire CPE gendarmerie plainte rumeur photo groupe Snapchat sortie`)

func sentence(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[r.IntN(len(words))])
	}
	return b.String()
}

// writeCSV writes a spreadsheet of n rows, as a teacher's own (French
// headers, `;`, dd/mm/yyyy dates) for `temoin import`.
func writeCSV(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	r := rand.New(rand.NewPCG(7, 15))
	fmt.Fprintln(w, "Date;Heure;Types;Canaux;Lieu;Auteur;Référence auteur;Description;Paroles exactes;Témoins;Conséquences;Notes")
	start := time.Date(2021, 9, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		d := start.AddDate(0, 0, r.IntN(4*365))
		fmt.Fprintf(w, "%s;%02dh%02d;%s;%s;%s;%s;Parent P%d;Rang %d : %s;« %s »;%s;%s;%s\n",
			d.Format("02/01/2006"), 8+r.IntN(9), r.IntN(60),
			app.Kinds[r.IntN(len(app.Kinds))], app.Channels[r.IntN(len(app.Channels))],
			app.Settings[r.IntN(len(app.Settings))], app.Perpetrators[r.IntN(len(app.Perpetrators))],
			r.IntN(80), i, sentence(r, 60), sentence(r, 8), "collègue|CPE", "stress, sommeil perturbé", sentence(r, 10))
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeIncidentsJSON writes n incidents in the shape `temoin add` reads.
func writeIncidentsJSON(path string, n int) error {
	r := rand.New(rand.NewPCG(3, 4))
	start := time.Date(2025, 9, 1, 8, 0, 0, 0, time.UTC)
	list := make([]map[string]any, n)
	for i := range list {
		list[i] = map[string]any{
			"occurred_at":  start.Add(time.Duration(r.IntN(200*24)) * time.Hour).Format(time.RFC3339),
			"kinds":        []string{app.Kinds[r.IntN(len(app.Kinds))]},
			"channels":     []string{app.Channels[r.IntN(len(app.Channels))]},
			"perpetrator":  app.Perpetrators[r.IntN(len(app.Perpetrators))],
			"description":  fmt.Sprintf("Incident %d : %s", i, sentence(r, 60)),
			"exact_words":  "« " + sentence(r, 6) + " »",
			"consequences": "stress, sommeil perturbé",
		}
	}
	data, err := json.Marshal(list)
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o600)
}

// writeRandomFile fills a file with incompressible bytes, fast.
func writeRandomFile(path string, size int64) error {
	if st, err := os.Stat(path); err == nil && st.Size() == size {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	r := rand.NewChaCha8([32]byte{1, 2, 3})
	if _, err := io.CopyN(f, r, size); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
