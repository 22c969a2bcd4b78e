package bundle

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/gofrs/flock"
)

// Interrupted openings. While a bundle is extracted (Open with OutDir),
// its decrypted files are in a temporary folder next to the output
// folder, renamed to it only when every check passed. A crash or a
// SIGKILL in between would leave that folder, readable, forever: so each
// extraction is registered in the user's configuration folder
// (temoin/opening/<random>.json, naming the temporary folder), with a
// lock (<random>.lock) held while it runs. CleanInterrupted, called when
// Témoin starts, before anything else, removes the folders whose
// extraction is registered but whose lock nobody holds any more: their
// process died.

// openingDirName is the registry's folder under the configuration folder.
const openingDirName = "temoin/opening"

// partialName is the name of an extraction's temporary folder:
// ".<output folder's name>.partial-<digits>" (os.MkdirTemp's pattern).
var partialName = regexp.MustCompile(`^\..*\.partial-[0-9]+$`)

// openingDir returns the registry's folder ("" when the system gives no
// configuration folder: extractions are then not registered).
func openingDir() string {
	cfg, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(cfg, filepath.FromSlash(openingDirName))
}

// opening is one extraction's entry in the registry.
type opening struct {
	marker string // <random>.json
	lock   *flock.Flock
}

type openingRecord struct {
	Dir     string    `json:"dir"`
	Started time.Time `json:"started"`
}

// register records an extraction into the temporary folder tmp: the lock
// first, then the record, so that a cleaner never sees a record whose
// lock is not held yet.
func register(tmp string) (*opening, error) {
	dir := openingDir()
	if dir == "" {
		return nil, nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(dir, "*.lock")
	if err != nil {
		return nil, err
	}
	f.Close()
	base := strings.TrimSuffix(f.Name(), ".lock")
	lk := flock.New(f.Name())
	if err := lk.Lock(); err != nil {
		os.Remove(f.Name())
		return nil, err
	}
	abs, err := filepath.Abs(tmp)
	if err == nil {
		var data []byte
		data, err = json.Marshal(&openingRecord{Dir: abs, Started: time.Now().UTC()})
		if err == nil {
			err = writeSynced(base+".json", data)
		}
	}
	if err != nil {
		lk.Unlock()
		os.Remove(f.Name())
		return nil, err
	}
	return &opening{marker: base + ".json", lock: lk}, nil
}

// done removes the extraction's entry: the record, then the lock.
func (o *opening) done() {
	if o == nil {
		return
	}
	os.Remove(o.marker)
	o.lock.Unlock()
	os.Remove(strings.TrimSuffix(o.marker, ".json") + ".lock")
}

func writeSynced(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(name)
	}
	return err
}

// CleanInterrupted removes the decrypted files of bundle extractions that
// a crash interrupted (see above) and returns how many folders it
// removed. Extractions still running, in this process or another, are
// left alone. Call it when Témoin starts, before anything else.
func CleanInterrupted() (int, error) {
	dir := openingDir()
	if dir == "" {
		return 0, nil
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	removed := 0
	var errs []error
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasSuffix(name, ".json"):
			n, err := cleanOne(filepath.Join(dir, strings.TrimSuffix(name, ".json")))
			removed += n
			if err != nil {
				errs = append(errs, err)
			}
		case strings.HasSuffix(name, ".lock"):
			// A lock without its record: the process died before writing
			// it, or after removing it. Only old ones are removed: a young
			// one may be an extraction starting right now.
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Minute {
				if _, err := os.Stat(filepath.Join(dir, strings.TrimSuffix(name, ".lock")+".json")); errors.Is(err, os.ErrNotExist) {
					removeIfUnlocked(filepath.Join(dir, name))
				}
			}
		}
	}
	return removed, errors.Join(errs...)
}

// cleanOne removes the folder of the extraction registered under base
// (base.json, base.lock) if its lock is free.
func cleanOne(base string) (int, error) {
	lk := flock.New(base + ".lock")
	ok, err := lk.TryLock()
	if err != nil || !ok {
		return 0, nil // still running, or not ours to judge
	}
	defer func() {
		lk.Unlock()
		os.Remove(base + ".lock")
	}()
	data, err := os.ReadFile(base + ".json")
	if err != nil {
		return 0, nil
	}
	var rec openingRecord
	n := 0
	if json.Unmarshal(data, &rec) == nil && filepath.IsAbs(rec.Dir) && partialName.MatchString(filepath.Base(rec.Dir)) {
		if _, err := os.Lstat(rec.Dir); err == nil {
			if err := os.RemoveAll(rec.Dir); err != nil {
				return 0, err
			}
			n = 1
		}
	}
	os.Remove(base + ".json")
	return n, nil
}

func removeIfUnlocked(path string) {
	lk := flock.New(path)
	if ok, err := lk.TryLock(); err == nil && ok {
		lk.Unlock()
		os.Remove(path)
	}
}
