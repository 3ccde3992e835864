package graph_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/guarantee"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/graph"
	"github.com/entente-go/entente/scenario/scenariofile"
)

// FuzzGraph draws the scenarios that small, mutated scenario files load
// into, whole and filtered by an actor and a kind the bytes pick, and
// checks what every picture promises: New and the writers do not panic;
// the DOT has its strings closed and its brackets and braces balanced;
// every Mermaid line is a statement the writer means, with generated IDs
// and quoted labels; the SVG is well-formed XML with no external
// reference; and drawing twice gives the same bytes.
func FuzzGraph(f *testing.F) {
	for _, file := range []string{"../../" + examples.Ukraine2025File, budapestFile, article5File, trickyFile} {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, byte(0), byte(0))
		f.Add(data, byte(1), byte(2))
	}
	f.Add([]byte("entente: 1\nactors:\n  - {id: end}\n  - {id: x, kind: coalition, members: [end]}\nguarantees:\n  - {id: g, provider: x, beneficiary: end, kind: military}\n"), byte(3), byte(1))
	f.Fuzz(func(t *testing.T, data []byte, pickActor, pickKind byte) {
		s, err := scenariofile.Parse("fuzz.yaml", data)
		if err != nil {
			return
		}
		r, err := scenario.Evaluate(s)
		if err != nil {
			return
		}
		var opts graph.Options
		if n := len(s.Actors); pickActor > 0 && n > 0 {
			opts.Actors = []actor.ID{s.Actors[int(pickActor)%n].ID}
		}
		if n := len(s.Guarantees); pickKind > 0 && n > 0 {
			k := s.Guarantees[int(pickKind)%n].Kind
			if pickKind%2 == 0 {
				k = k.Top()
			}
			opts.Kinds = []guarantee.Kind{k}
		}
		for _, o := range []graph.Options{{}, opts} {
			g := graph.New(s, r, o)
			for _, f := range formats {
				var a, b bytes.Buffer
				if err := f.write(g, &a); err != nil {
					t.Fatalf("%s: %v", f.ext, err)
				}
				if err := f.write(graph.New(s, r, o), &b); err != nil {
					t.Fatalf("%s: %v", f.ext, err)
				}
				if !bytes.Equal(a.Bytes(), b.Bytes()) {
					t.Fatalf("%s: two drawings differ", f.ext)
				}
				switch f.ext {
				case "dot":
					err = checkDOT(a.Bytes())
				case "mmd":
					err = checkMermaid(a.Bytes())
				case "svg":
					err = checkSVG(a.Bytes())
				}
				if err != nil {
					t.Fatalf("%s %v: %v\n%s", f.ext, o, err, a.Bytes())
				}
			}
		}
	})
}
