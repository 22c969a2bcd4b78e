package cli

import (
	"bytes"
	"testing"
)

// writeJSONList writes what writeJSON writes, element by element.
func TestWriteJSONListIsWriteJSON(t *testing.T) {
	type item struct {
		ID    string   `json:"id"`
		Texts []string `json:"texts,omitempty"`
		Note  string   `json:"note"`
	}
	for _, list := range [][]item{nil, {}, {{ID: "a"}}, {{ID: "a", Texts: []string{"« x »", "<b>"}}, {ID: "b", Note: "l'élève"}}} {
		var want, got bytes.Buffer
		if err := writeJSON(&want, list); err != nil {
			t.Fatal(err)
		}
		if err := writeJSONList(&got, list); err != nil {
			t.Fatal(err)
		}
		if got.String() != want.String() {
			t.Errorf("writeJSONList\n%s\nwriteJSON\n%s", got.String(), want.String())
		}
	}
}
