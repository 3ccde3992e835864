package bargain_test

import (
	"bytes"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/actor"
	"github.com/entente-go/entente/bargain"
	"github.com/entente-go/entente/scenario"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// threeActors is fourOffers with a third actor who values only d.
func threeActors() scenario.Scenario {
	s := fourOffers()
	s.Actors = append(s.Actors, actor.Actor{ID: "C"})
	s.Values = append(s.Values, scenario.Value{Actor: "C", Disagreement: 0.5, Weights: []scenario.Weight{{Weight: 2, Select: s.Values[0].Weights[3].Select}}})
	return s
}

// TestWriteSVG compares the pictures with golden files (-update rewrites
// them), and checks that each is well-formed XML with no script or link.
func TestWriteSVG(t *testing.T) {
	for _, c := range []struct {
		reason, name string
		s            scenario.Scenario
	}{
		{"two actors: a scatter", "scatter", fourOffers()},
		{"three actors: parallel coordinates", "parallel", threeActors()},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := bargain.Solve(t.Context(), c.s, bargain.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := bargain.WriteSVG(&buf, r); err != nil {
				t.Fatal(err)
			}
			checkSafeSVG(t, buf.Bytes())
			golden := filepath.Join("testdata", c.name+".svg")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(string(want), buf.String()); d != "" {
				t.Errorf("%s (-want +got):\n%s", golden, d)
			}
		})
	}
}

// checkSafeSVG fails unless data is well-formed XML with no script,
// foreign object, link or event handler.
func checkSafeSVG(t *testing.T, data []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("not well-formed: %v", err)
			}
			return
		}
		if se, ok := tok.(xml.StartElement); ok {
			switch se.Name.Local {
			case "script", "a", "foreignObject", "image", "use":
				t.Errorf("element <%s> in the picture", se.Name.Local)
			}
			for _, at := range se.Attr {
				if strings.HasPrefix(at.Name.Local, "on") || at.Name.Local == "href" {
					t.Errorf("attribute %s in <%s>", at.Name.Local, se.Name.Local)
				}
			}
		}
	}
}
