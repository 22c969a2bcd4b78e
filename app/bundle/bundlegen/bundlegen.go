// Package bundlegen makes realistic bundles from many colleagues, for the
// representative's side of the benchmarks (issue 15): each colleague has a
// journal of their own (own vault id, own signing key, format 2), writes
// incidents over a school year with a few pieces of evidence, and exports
// a signed bundle to the representative's key, as the application does.
//
// Only benchmarks and tests import it: nothing of it is linked into Témoin.
package bundlegen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/temoin-app/temoin/app"
	"github.com/temoin-app/temoin/app/bundle"
	"github.com/temoin-app/temoin/vault"
)

// Version changes when the bundles Write makes change: benchmarks keep
// them between runs under a name that carries it.
const Version = 1

// Options shape the colleagues' journals.
type Options struct {
	Colleagues int    // how many colleagues (one bundle each)
	Incidents  int    // incidents per journal
	EvidenceIn int    // one incident in EvidenceIn has a picture (0: none)
	Recipient  string // the representative's age public key
	// WitnessDir is where the generated vaults keep the copy of their
	// witness (a temporary folder).
	WitnessDir string
}

// weakKDF makes the generated journals cheap to open: they are thrown
// away once their bundle is written.
var weakKDF = vault.KDFParams{Algorithm: "argon2id", Time: 1, MemoryKiB: 64, Threads: 1}

const passphrase = "une phrase de passe du générateur"

// Write makes the colleagues' journals in work (one folder each, removed
// once its bundle is written) and their bundles in out, one colleague per
// core at a time, and returns the bundles' paths.
func Write(ctx context.Context, work, out string, o Options) ([]string, error) {
	paths := make([]string, o.Colleagues)
	errs := make([]error, o.Colleagues)
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for c := range o.Colleagues {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			paths[c], errs[c] = colleague(ctx, work, out, c, o)
			if errs[c] != nil {
				errs[c] = fmt.Errorf("colleague %d: %w", c+1, errs[c])
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return paths, nil
}

// School is the school a colleague works in: a synthesis groups by
// workplace, and a representative covers several.
var schools = []string{"Collège Jean Moulin", "Lycée Victor Hugo", "Collège Louise Michel", "Lycée professionnel Jean Jaurès", "École Jules Ferry"}

func colleague(ctx context.Context, work, out string, c int, o Options) (string, error) {
	dir := filepath.Join(work, fmt.Sprintf("colleague-%03d", c+1))
	j, _, err := app.CreateVault(dir, []byte(passphrase), &app.VaultOptions{KDF: weakKDF, WitnessDir: o.WitnessDir})
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	defer j.Lock()
	r := rand.New(rand.NewPCG(uint64(c), 42))
	if err := j.Settings.SetProfile(profile(c, r)); err != nil {
		return "", err
	}
	created, err := j.Incidents.CreateMany(ctx, incidents(r, o.Incidents), nil)
	if err != nil {
		return "", err
	}
	for i, in := range created {
		if o.EvidenceIn == 0 || i%o.EvidenceIn != 0 {
			continue
		}
		img := picture(r)
		if _, err := j.Evidence.AttachFile(ctx, in.ID, fmt.Sprintf("capture-%d.png", i), bytes.NewReader(img), nil); err != nil {
			return "", err
		}
	}
	res, err := bundle.Export(ctx, bundle.JournalSource(j), bundle.ExportOptions{
		Out: filepath.Join(out, fmt.Sprintf("colleague-%03d.zip.age", c+1)),
		To:  []string{o.Recipient},
	})
	if err != nil {
		return "", err
	}
	return res.Path, nil
}

func profile(c int, r *rand.Rand) app.Profile {
	return app.Profile{
		Name:      fmt.Sprintf("Collègue %d", c+1),
		Function:  []string{"Professeur de lettres", "Professeure de mathématiques", "CPE", "AESH", "Professeur d'EPS"}[r.IntN(5)],
		Workplace: schools[c%len(schools)],
	}
}

var words = strings.Fields(`élève parent menace insulte vidéo Pronote couloir téléphone réseau
harcèlement classe récréation cantine principal adjoint collègue conseil réunion message capture
écran cri porte bureau vie scolaire CPE plainte rumeur photo groupe Snapchat sortie`)

func incidents(r *rand.Rand, n int) []*app.Incident {
	start := time.Date(2025, 9, 1, 8, 0, 0, 0, time.UTC)
	ins := make([]*app.Incident, n)
	for i := range ins {
		var desc strings.Builder
		for k := range 50 + r.IntN(80) {
			if k > 0 {
				desc.WriteByte(' ')
			}
			desc.WriteString(words[r.IntN(len(words))])
		}
		ins[i] = &app.Incident{
			OccurredAt:     start.Add(time.Duration(r.IntN(300*24)) * time.Hour),
			Kinds:          []string{app.Kinds[r.IntN(len(app.Kinds))]},
			Channels:       []string{app.Channels[r.IntN(len(app.Channels))]},
			Setting:        app.Settings[r.IntN(len(app.Settings))],
			Perpetrator:    app.Perpetrators[r.IntN(len(app.Perpetrators))],
			PerpetratorRef: fmt.Sprintf("Parent P%d", r.IntN(30)),
			Description:    desc.String(),
			ExactWords:     "« " + words[r.IntN(len(words))] + " »",
			Consequences:   "stress, sommeil perturbé",
		}
	}
	return ins
}

// picture is a small screenshot-like PNG (about 40 KiB).
func picture(r *rand.Rand) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 320, 200))
	for y := range 200 {
		for x := range 320 {
			v := uint8(r.IntN(256))
			img.Set(x, y, color.RGBA{v, uint8(x), uint8(y), 255})
		}
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}
