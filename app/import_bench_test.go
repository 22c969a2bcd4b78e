package app

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/temoin-app/temoin/vault"
	"github.com/temoin-app/temoin/vault/vaulttest"
)

// benchSheet is a teacher's spreadsheet of n rows, of the shape make
// bench imports (tools/benchtable: French headers, ";", dd/mm/yyyy dates,
// a paragraph of description).
func benchSheet(n int) []byte {
	var b bytes.Buffer
	r := rand.New(rand.NewPCG(7, 15))
	words := strings.Fields(`élève parent menace insulte vidéo Pronote couloir téléphone réseau
harcèlement classe récréation cantine principal adjoint collègue conseil réunion message capture
écran cri porte bureau vie scolaire CPE gendarmerie plainte rumeur photo groupe Snapchat sortie`)
	sentence := func(n int) string {
		s := make([]string, n)
		for i := range s {
			s[i] = words[r.IntN(len(words))]
		}
		return strings.Join(s, " ")
	}
	fmt.Fprintln(&b, "Date;Heure;Types;Canaux;Lieu;Auteur;Référence auteur;Description;Paroles exactes;Témoins;Conséquences;Notes")
	start := time.Date(2021, 9, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		d := start.AddDate(0, 0, r.IntN(4*365))
		fmt.Fprintf(&b, "%s;%02dh%02d;%s;%s;%s;%s;Parent P%d;Rang %d : %s;« %s »;%s;%s;%s\n",
			d.Format("02/01/2006"), 8+r.IntN(9), r.IntN(60),
			Kinds[r.IntN(len(Kinds))], Channels[r.IntN(len(Channels))],
			Settings[r.IntN(len(Settings))], Perpetrators[r.IntN(len(Perpetrators))],
			r.IntN(80), i, sentence(60), sentence(8), "collègue|CPE", "stress, sommeil perturbé", sentence(10))
	}
	return b.Bytes()
}

// BenchmarkImport10k measures `temoin import` of a 10,020-row
// spreadsheet into a new vault, as the command does it (read and check
// the sheet, unlock partly, import, lock), without the key derivation:
// the vault uses the test KDF, which costs microseconds. make bench
// measures the real command, its peak memory and the derivation.
func BenchmarkImport10k(b *testing.B) {
	sheet := benchSheet(10_020)
	cpu0 := cpuSeconds()
	for b.Loop() {
		b.StopTimer()
		dir := filepath.Join(b.TempDir(), "vault")
		v, _, err := vault.Create(dir, testPass, &vault.Options{KDF: vaulttest.WeakKDF()})
		if err != nil {
			b.Fatal(err)
		}
		v.Lock()
		b.StartTimer()
		imp, err := ReadSheet(bytes.NewReader(sheet), time.UTC)
		if err != nil {
			b.Fatal(err)
		}
		j, err := UnlockPartly(dir, testPass)
		if err != nil {
			b.Fatal(err)
		}
		res, err := j.Incidents.Import(b.Context(), imp, nil)
		if err != nil || len(res.Created) != 10_020 {
			b.Fatal(err)
		}
		if err := j.Lock(); err != nil {
			b.Fatal(err)
		}
	}
	// The time of creating each vault is counted too; it is small (the
	// test KDF, an empty database).
	b.ReportMetric((cpuSeconds()-cpu0)*1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkReadSheet10k measures reading and checking make bench's
// spreadsheet alone (ReadSheet), about a sixth of BenchmarkImport10k.
func BenchmarkReadSheet10k(b *testing.B) {
	sheet := benchSheet(10_020)
	cpu0 := cpuSeconds()
	for b.Loop() {
		if _, err := ReadSheet(bytes.NewReader(sheet), time.UTC); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpuSeconds()-cpu0)*1000/float64(b.N), "cpu-ms/op")
}
