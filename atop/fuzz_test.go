package atop_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/entente-go/entente/atop"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
)

// FuzzRead reads any pair of files: never a panic; an error is an
// *atop.Error with a line from 1; a record that reads gives phases whose
// scenarios validate, write and read back, the same each time.
func FuzzRead(f *testing.F) {
	a, err := os.ReadFile(filepath.Join("testdata", "fixture", "atop4_01a.csv"))
	if err != nil {
		f.Fatal(err)
	}
	m, err := os.ReadFile(filepath.Join("testdata", "fixture", "atop4_01m.csv"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(a, m)
	f.Add([]byte(aHeader+"\n"+row(aHeader, aDefault, "statthr1=365", "speclgth=1", "length=60", "proren=2", "renewlgt=60")+"\n"),
		[]byte(mHeader+"\n"+row(mHeader, mDefault, "member=2", "defense=1", "defcoadv=1")+"\n"+row(mHeader, mDefault, "member=8152", "neutral=1")+"\n"))
	f.Add([]byte(""), []byte(""))
	f.Fuzz(func(t *testing.T, a, m []byte) {
		r, err := atop.Read("a.csv", bytes.NewReader(a), "m.csv", bytes.NewReader(m))
		if err != nil {
			e, ok := err.(*atop.Error)
			if !ok || e.Line < 1 || e.Column < 1 {
				t.Fatalf("%T %v", err, err)
			}
			return
		}
		for _, p := range r.Phases() {
			s, _ := p.Scenario()
			if err := scenario.Validate(s); err != nil {
				t.Fatalf("%s: %v", p.Key(), err)
			}
			data, err := scenariofile.Marshal(s, scenariofile.YAML)
			if err != nil {
				t.Fatalf("%s: %v", p.Key(), err)
			}
			if _, err := scenariofile.Parse("f.yaml", data); err != nil {
				t.Fatalf("%s: %v\n%s", p.Key(), err, data)
			}
			again, _ := p.Scenario()
			data2, _ := scenariofile.Marshal(again, scenariofile.YAML)
			if !bytes.Equal(data, data2) {
				t.Fatalf("%s: two imports differ", p.Key())
			}
		}
	})
}
