package scenario

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// WriteText writes r for a person to read: the verdict, then each finding
// with what it involves and its sources. It writes nothing in colour; tools
// that want colour add it.
func WriteText(w io.Writer, r Report) error {
	bw := bufio.NewWriter(w)
	name := r.Scenario
	if name == "" {
		name = "(unnamed scenario)"
	}
	fmt.Fprintf(bw, "%s: %s", name, r.Verdict)
	var counts []string
	for _, s := range [...]Severity{Error, Warning, Info} {
		if n := r.Count(s); n > 0 {
			counts = append(counts, plural(n, s.String()))
		}
	}
	if len(counts) > 0 {
		fmt.Fprintf(bw, " (%s)", strings.Join(counts, ", "))
	}
	bw.WriteString("\n")
	for _, f := range r.Findings {
		fmt.Fprintf(bw, "\n%-7s  %s\n", f.Severity, f.Code)
		fmt.Fprintf(bw, "         %s\n", f.Message)
		line := func(label string, items []string) {
			if len(items) > 0 {
				fmt.Fprintf(bw, "         %-11s %s\n", label+":", strings.Join(items, ", "))
			}
		}
		line("actors", toStrings(f.Actors))
		line("guarantees", toStrings(f.Guarantees))
		line("positions", f.Positions)
		line("sources", f.Sources)
	}
	return bw.Flush()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func toStrings[T ~string](s []T) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = string(v)
	}
	return out
}
