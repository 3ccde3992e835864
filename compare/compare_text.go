package compare

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/internal/words"
)

// WriteText writes c as plain text: the verdicts, the edits, the
// findings that disappeared, appeared or changed, with the edits that
// alone make each change, and how the feasible packages changed, with an
// example package on each side and why the other side rules it out.
func WriteText(w io.Writer, c Comparison) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "base:  %s: %s\n", safe.Terminal(words.ScenarioName(c.Base)), c.BaseVerdict)
	fmt.Fprintf(bw, "other: %s: %s\n", safe.Terminal(words.ScenarioName(c.Other)), c.OtherVerdict)
	if c.Same() {
		bw.WriteString("\nno difference: the same findings and the same feasible packages\n")
		return bw.Flush()
	}
	if len(c.Edits) > 0 {
		fmt.Fprintf(bw, "\n%s from base to other:\n", words.Plural(len(c.Edits), "edit"))
		for _, e := range c.Edits {
			fmt.Fprintf(bw, "  %s\n", safe.Terminal(e))
		}
		for _, n := range c.Notes {
			fmt.Fprintf(bw, "  (%s)\n", safe.Terminal(n))
		}
	}
	section := func(title string, l []FindingChange) {
		if len(l) == 0 {
			return
		}
		fmt.Fprintf(bw, "\n%s (%d):\n", title, len(l))
		for _, fc := range l {
			f := fc.After
			if f == nil {
				f = fc.Before
			}
			fmt.Fprintf(bw, "  %-7s  %s\n", f.Severity, f.Code)
			if fc.Before != nil && fc.After != nil && fc.Before.Message != fc.After.Message {
				fmt.Fprintf(bw, "           was: %s\n           now: %s\n", safe.Terminal(fc.Before.Message), safe.Terminal(fc.After.Message))
			} else {
				fmt.Fprintf(bw, "           %s\n", safe.Terminal(f.Message))
			}
			if len(fc.Because) > 0 {
				fmt.Fprintf(bw, "           because: %s\n", safe.Terminal(strings.Join(fc.Because, "; ")))
			}
		}
	}
	section("findings that went away", c.Disappeared)
	section("findings that appeared", c.Appeared)
	section("findings that changed", c.Changed)

	sp := c.Space
	fmt.Fprintf(bw, "\nfeasible packages: %s", strings.ReplaceAll(sp.Relation.String(), "-", " "))
	if sp.Counted {
		fmt.Fprintf(bw, " (%d in the base, %d in the other; %d only in the base, %d only in the other)", sp.Base, sp.Other, sp.OnlyBase, sp.OnlyOther)
	}
	bw.WriteString("\n")
	if sp.CountSkipped != "" {
		fmt.Fprintf(bw, "  not counted: %s\n", safe.Terminal(sp.CountSkipped))
	}
	example := func(where, other string, e *Example) {
		if e == nil {
			return
		}
		pkg := "{" + strings.Join(words.Strings(e.Guarantees), ", ") + "}"
		if len(e.Guarantees) == 0 {
			pkg = "the empty package, no guarantee at all"
		}
		fmt.Fprintf(bw, "  only in the %s, for example %s\n", where, safe.Terminal(pkg))
		fmt.Fprintf(bw, "    the %s rules it out", other)
		if len(e.Vetoes) > 0 {
			fmt.Fprintf(bw, " (with the vetoes of %s granted)", safe.Terminal(strings.Join(e.Vetoes, ", ")))
		}
		bw.WriteString(":\n")
		for _, y := range e.Why {
			fmt.Fprintf(bw, "      %s\n", safe.Terminal(y))
		}
	}
	example("base", "other", sp.BaseExample)
	example("other", "base", sp.OtherExample)
	if len(sp.Because) > 0 {
		fmt.Fprintf(bw, "  because: %s\n", safe.Terminal(strings.Join(sp.Because, "; ")))
	}
	return bw.Flush()
}
