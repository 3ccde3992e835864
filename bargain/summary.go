package bargain

import (
	"fmt"
	"strconv"
	"strings"
)

// Summary says in two lines who takes part in r, how many outcomes there
// are and how many are individually rational, how large the Pareto
// frontier is, and each actor's disagreement value: the opening of every
// report of a bargaining (the command line's text and Markdown, the HTML
// report, the workbench). Of a malformed Result (see [ErrMalformed]) it
// says what is wrong instead.
func (r Result) Summary() string {
	if err := r.check(); err != nil {
		return err.Error()
	}
	names := make([]string, len(r.Actors))
	for i, a := range r.Actors {
		names[i] = string(a) + " " + Number(r.Disagreement[i])
	}
	rational := "none is"
	switch {
	case r.Rational == r.Outcomes && r.Outcomes > 1:
		rational = "all are"
	case r.Rational == 1:
		rational = "1 is"
	case r.Rational > 1:
		rational = strconv.Itoa(r.Rational) + " are"
	}
	who := make([]string, len(r.Actors))
	for i, a := range r.Actors {
		who[i] = string(a)
	}
	return fmt.Sprintf("Bargaining among %s: %s, %s individually rational; the Pareto frontier has %s.\nDisagreement values (with no deal): %s.",
		listWords(who), count(r.Outcomes, "outcome"), rational, count(r.FrontierCount, "outcome"), strings.Join(names, ", "))
}

// Number writes a utility as reports show it: a whole number as one, any
// other to four significant digits.
func Number(x float64) string {
	if x == float64(int64(x)) && x > -1e15 && x < 1e15 {
		return strconv.FormatInt(int64(x), 10)
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}

// listWords joins "a", "a and b", "a, b and c".
func listWords(s []string) string {
	if len(s) < 2 {
		return strings.Join(s, "")
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// count says "1 outcome", "3 outcomes".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}
