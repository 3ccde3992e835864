package htmlreport

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"github.com/entente-go/entente/bargain"
)

// The limits of the bargaining a report shows: the outcomes a bargaining
// may enumerate, and the frontier outcomes the section lists.
const (
	BargainingOutcomes = 100_000
	BargainingFrontier = 50
)

// BargainingOf turns r, a bargaining of the page's scenario, into the
// Bargaining section of [Page], with its picture: what the command line's
// report and the workbench show.
func BargainingOf(r bargain.Result) (*Bargaining, error) {
	var svg bytes.Buffer
	if err := bargain.WriteSVG(&svg, r); err != nil {
		return nil, err
	}
	lines := strings.SplitN(r.Summary(), "\n", 2)
	b := &Bargaining{Summary: strings.Join(lines, " "), Actors: toStrings(r.Actors)}
	if r.Outcomes > 0 {
		b.Picture = template.HTML(svg.String())
	}
	outcome := func(o bargain.Outcome, figures []float64) BargainingOutcome {
		v := BargainingOutcome{Guarantees: toStrings(o.Guarantees), Vetoes: o.Vetoes}
		for _, f := range figures {
			v.Figures = append(v.Figures, bargain.Number(f))
		}
		return v
	}
	for _, o := range r.Frontier {
		b.Frontier = append(b.Frontier, outcome(o, o.Utilities))
	}
	if len(r.Frontier) < r.FrontierCount {
		b.FrontierNote = fmt.Sprintf("the first %d of %d", len(r.Frontier), r.FrontierCount)
	}
	for _, sol := range r.Solutions {
		v := BargainingSolution{Name: sol.Name, Absent: sol.Absent, Reason: sol.Reason}
		if !sol.Absent {
			v.Outcome = outcome(*sol.Outcome, sol.Outcome.Gains)
			v.Score = bargain.Number(sol.Score)
		}
		b.Solutions = append(b.Solutions, v)
	}
	return b, nil
}
