package sweep

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/internal/words"
)

// WriteText writes r for a reader: the chance of a compatible scenario,
// the elements the sweep varied ranked by their effect on it, how often
// each finding code and finding occurs, and, when the sweep searched or
// walked, how often a deal is possible and what the beneficiary receives
// after each event. Each probability is followed by its 95% interval.
func WriteText(w io.Writer, r Result) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s, seed %d", safe.Terminal(words.ScenarioName(r.Scenario)), words.Plural(r.Samples, "sample"), r.Seed)
	if !r.Complete {
		fmt.Fprintf(&b, " (stopped early, of %d requested)", r.Requested)
	}
	b.WriteString("\n\n")
	fmt.Fprintf(&b, "compatible      %s  in %d of %d samples\n", r.Compatible, r.Compatible.Count, r.Samples)
	if r.Deal != nil {
		fmt.Fprintf(&b, "deal possible   %s  a non-empty package is feasible\n", *r.Deal)
	}
	fmt.Fprintf(&b, "error findings  %s per sample\n", r.Errors)
	if r.Largest != nil {
		fmt.Fprintf(&b, "largest deal    %s offers\n", *r.Largest)
	}

	if len(r.Uncertain) == 0 {
		b.WriteString("\nNo element is uncertain: every sample is the same scenario.\n")
	} else {
		fmt.Fprintf(&b, "\nSensitivity: the chance of a compatible scenario when each element holds, and when it does not\n")
		for _, sv := range r.Sensitivity {
			fmt.Fprintf(&b, "  %+.3f  %s (likelihood %s)\n", sv.Effect, safe.Terminal(sv.Element), strconv.FormatFloat(sv.Likelihood, 'g', -1, 64))
			fmt.Fprintf(&b, "          holds %s, fails %s\n", sv.Holds, sv.Fails)
		}
	}

	if len(r.Codes) > 0 {
		b.WriteString("\nFinding codes, how often each occurs\n")
		for _, c := range r.Codes {
			fmt.Fprintf(&b, "  %s  %s\n", c.Estimate, c.Code)
		}
		b.WriteString("\nFindings, each as it most often reads (its details can change from sample to sample)\n")
		for _, f := range r.Findings {
			fmt.Fprintf(&b, "  %s  %s", f.Estimate, safe.Terminal(f.Finding.String()))
			if f.Forms > 1 {
				fmt.Fprintf(&b, " (the most frequent of %d forms)", f.Forms)
			}
			b.WriteString("\n")
		}
		if r.FindingsOmitted {
			b.WriteString("  more than 16,384 distinct findings, too many to list; the codes above count them all\n")
		}
	}

	if len(r.Offers) > 0 {
		b.WriteString("\nOffers, how often each is forced (in every maximal deal) and dead (in none)\n")
		width := 0
		for _, o := range r.Offers {
			width = max(width, len(o.Guarantee))
		}
		for _, o := range r.Offers {
			fmt.Fprintf(&b, "  %-*s  forced %s  dead %s\n", width, o.Guarantee, o.Forced, o.Dead)
		}
	}

	if r.Receives != nil {
		b.WriteString("\nTimeline, how often each beneficiary receives each kind\n")
		step := 0
		for _, rc := range r.Receives {
			if rc.Step != step {
				step = rc.Step
				fmt.Fprintf(&b, "  after %d. %s\n", rc.Step, safe.Terminal(rc.Event))
			}
			fmt.Fprintf(&b, "    %s  %s %s\n", rc.Estimate, rc.Beneficiary, rc.Kind)
		}
		if len(r.Receives) == 0 {
			b.WriteString("  no beneficiary receives anything after any event\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// String returns the summary as "mean 2.40, sd 1.05, quartiles 2 / 3 / 3".
func (s Summary) String() string {
	f := func(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
	return fmt.Sprintf("mean %.2f, sd %.2f, quartiles %s / %s / %s", s.Mean, s.StdDev, f(s.Quartiles[0]), f(s.Quartiles[1]), f(s.Quartiles[2]))
}
