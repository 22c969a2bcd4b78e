//go:build testhooks

package app

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/temoin-app/temoin/app/tsa/tsatest"
	"github.com/temoin-app/temoin/vault"
)

// storedRevision returns an incident's revision as stored.
func storedRevision(t *testing.T, j *Journal, id string, rev int) []byte {
	t.Helper()
	var data []byte
	err := j.v.View(func(r *vault.Reader) error {
		var err error
		data, err = r.Get(RevisionKey(id, rev))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Finding 7 of issue 10: whoever holds the keys can re-encrypt an edited
// past revision and recompute the chain, the state and the witnesses;
// the vault then opens and verifies as intact. A trusted time-stamp
// taken before catches it: Verify says the history before it was
// rewritten. After the last time-stamp, nothing can (said in
// docs/SECURITY.md): the second half of this test shows that limit.
func TestKeyHolderCannotRewriteBeforeTheLastTimestamp(t *testing.T) {
	j, dir := newTestJournal(t)
	a := tsatest.New(t, "TSA de test")
	useTSA(t, j, a)
	old, _ := j.Incidents.Create(sample(t))
	if _, err := j.Timestamps.StampNow(context.Background()); err != nil {
		t.Fatal(err)
	}
	j.Incidents.Create(sample(t))

	// The key holder rewrites the first incident's first revision.
	forged := bytes.Replace(storedRevision(t, j, old.ID, 1), []byte("threat"), []byte("insult"), 1)
	if bytes.Equal(forged, storedRevision(t, j, old.ID, 1)) {
		t.Fatal("nothing rewritten")
	}
	if err := j.v.RewriteAsKeyHolder(RevisionKey(old.ID, 1), forged); err != nil {
		t.Fatal(err)
	}
	j.Lock()
	j, err := Unlock(dir, testPass)
	if err != nil {
		t.Fatalf("the rewritten vault does not even open (the test rewrote it badly): %v", err)
	}
	defer j.Lock()
	if w := j.VaultWarnings(); len(w) != 0 {
		t.Fatalf("warnings: %v", w)
	}
	rep, err := j.v.Verify(context.Background(), nil)
	if err != nil || !rep.OK() {
		t.Fatalf("the vault alone should find the rewrite consistent: %+v, %v", rep, err)
	}
	rep, err = j.Verify(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() || !strings.Contains(rep.Problems[0].Detail, "rewritten") {
		t.Fatalf("the rewrite before the time-stamp went unnoticed: %+v", rep.Problems)
	}
	if at, _ := j.Timestamps.Attestations(); len(at.All()) != 0 {
		t.Errorf("a broken time-stamp still attests: %+v", at.All())
	}

	// After the last time-stamp, a rewrite is not caught.
	j2, dir2 := newTestJournal(t)
	useTSA(t, j2, a)
	j2.Incidents.Create(sample(t))
	if _, err := j2.Timestamps.StampNow(context.Background()); err != nil {
		t.Fatal(err)
	}
	after, _ := j2.Incidents.Create(sample(t))
	if err := j2.v.RewriteAsKeyHolder(RevisionKey(after.ID, 1), bytes.Replace(storedRevision(t, j2, after.ID, 1), []byte("threat"), []byte("insult"), 1)); err != nil {
		t.Fatal(err)
	}
	j2.Lock()
	j2, err = Unlock(dir2, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer j2.Lock()
	if rep, _ := j2.Verify(context.Background(), nil); !rep.OK() {
		t.Errorf("a rewrite after the last time-stamp is caught after all? %+v", rep.Problems)
	}
}
