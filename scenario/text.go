package scenario

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/internal/words"
)

// Text writes reports for a person to read: the verdict, then each finding
// with what it involves and its sources. The zero Text writes plain text.
// Control characters and bidirectional overrides in the scenario's text
// are written visibly escaped ("\x1b", "\u202e"), with colour or without:
// colour comes only from Text itself.
type Text struct {
	// Color marks severities and the verdict with ANSI colours, for a
	// terminal. Colour is never the only signal: the words are there too.
	Color bool
}

// WriteText writes r as plain text; see [Text].
func WriteText(w io.Writer, r Report) error { return Text{}.Write(w, r) }

// ANSI colours by severity, and for the verdict.
var colors = map[string]string{
	"error": "\x1b[1;31m", "warning": "\x1b[33m", "info": "\x1b[36m",
	"incompatible": "\x1b[1;31m", "compatible": "\x1b[1;32m",
}

func (t Text) paint(word string) string {
	if !t.Color {
		return word
	}
	return colors[word] + word + "\x1b[0m"
}

// Write writes r to w.
func (t Text) Write(w io.Writer, r Report) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s: %s", safe.Terminal(nameOf(r)), t.paint(r.Verdict.String()))
	if counts := countWords(r); counts != "" {
		fmt.Fprintf(bw, " (%s)", counts)
	}
	bw.WriteString("\n")
	for _, f := range r.Findings {
		sev := f.Severity.String()
		pad := strings.Repeat(" ", max(0, 7-len(sev)))
		fmt.Fprintf(bw, "\n%s%s  %s\n", t.paint(sev), pad, f.Code)
		fmt.Fprintf(bw, "         %s\n", safe.Terminal(f.Message))
		line := func(label string, items []string) {
			if len(items) > 0 {
				fmt.Fprintf(bw, "         %-11s %s\n", label+":", safe.Terminal(strings.Join(items, ", ")))
			}
		}
		line("actors", words.Strings(f.Actors))
		line("guarantees", words.Strings(f.Guarantees))
		line("positions", f.Positions)
		line("sources", f.Sources)
	}
	return bw.Flush()
}

func nameOf(r Report) string { return words.ScenarioName(r.Scenario) }

// countWords says how many findings of each severity r has: "2 errors, 1
// warning"; "" when it has none.
func countWords(r Report) string {
	var counts []string
	for _, s := range [...]Severity{Error, Warning, Info} {
		if n := r.Count(s); n > 0 {
			counts = append(counts, words.Plural(n, s.String()))
		}
	}
	return strings.Join(counts, ", ")
}

// WriteMarkdown writes r as Markdown to paste into an issue, a brief or a
// paper's appendix: a heading, the verdict, a table of findings, and the
// sources as footnotes. sources are the scenario's sources, which give
// the footnotes their titles; a citation that is not a source ID becomes
// a footnote of its own text. A source's URL is a link only when it is an
// http or https address; any other is written as plain text.
func WriteMarkdown(w io.Writer, r Report, sources []Source) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "## %s\n\n", escapeMarkdown(nameOf(r)))
	fmt.Fprintf(bw, "**Verdict: %s**", r.Verdict)
	if counts := countWords(r); counts != "" {
		fmt.Fprintf(bw, " (%s)", counts)
	} else {
		bw.WriteString(" (no findings)")
	}
	bw.WriteString("\n")
	if len(r.Findings) == 0 {
		return bw.Flush()
	}
	notes := newFootnotes(sources)
	bw.WriteString("\n| Severity | Code | Finding | Involves |\n| --- | --- | --- | --- |\n")
	for _, f := range r.Findings {
		var involves []string
		add := func(label string, items []string) {
			if len(items) > 0 {
				involves = append(involves, label+": "+strings.Join(items, ", "))
			}
		}
		add("actors", words.Strings(f.Actors))
		add("guarantees", words.Strings(f.Guarantees))
		add("positions", f.Positions)
		var cites strings.Builder
		for _, src := range f.Sources {
			cites.WriteString("[^" + notes.label(src) + "]")
		}
		fmt.Fprintf(bw, "| %s | `%s` | %s%s | %s |\n", f.Severity, f.Code, escapeMarkdown(f.Message), cites.String(), escapeMarkdown(strings.Join(involves, "; ")))
	}
	if len(notes.order) > 0 {
		bw.WriteString("\n")
		for _, n := range notes.order {
			fmt.Fprintf(bw, "[^%s]: %s\n", n.label, n.text)
		}
	}
	return bw.Flush()
}

// footnotes numbers the citations of a report in order of first use.
// Sources and citations are found through maps, so that a report of many
// findings citing many sources costs their number, not its square.
type footnotes struct {
	sources map[string]Source // by ID, the first of each
	order   []struct{ cite, label, text string }
	seen    map[string]int // cite → its index in order
}

func newFootnotes(sources []Source) footnotes {
	f := footnotes{sources: make(map[string]Source, len(sources)), seen: map[string]int{}}
	for _, s := range sources {
		if _, ok := f.sources[s.ID]; !ok {
			f.sources[s.ID] = s
		}
	}
	return f
}

func (f *footnotes) label(cite string) string {
	if i, ok := f.seen[cite]; ok {
		return f.order[i].label
	}
	// A citation that is not a source ID is numbered with a prefix, so
	// that it never takes the label of a source whose ID is a number.
	label, text := "cite-"+strconv.Itoa(len(f.order)+1), escapeMarkdown(cite)
	if src, ok := f.sources[cite]; ok {
		label = footnoteLabel(src.ID, len(f.order)+1)
		text = describeSource(src)
	}
	f.seen[cite] = len(f.order)
	f.order = append(f.order, struct{ cite, label, text string }{cite, label, text})
	return label
}

// footnoteLabel returns id if it is a safe footnote label, else
// "source-n".
func footnoteLabel(id string, n int) string {
	for _, r := range id {
		if !(r == '-' || r == '_' || '0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') {
			return "source-" + strconv.Itoa(n)
		}
	}
	return id
}

func describeSource(s Source) string {
	title := s.Title
	if title == "" {
		title = s.ID
	}
	text := escapeMarkdown(title)
	switch {
	case safe.Link(s.URL):
		text = "[" + text + "](<" + urlBrackets.Replace(s.URL) + ">)"
	case s.URL != "":
		// Not a web address: shown, never linked.
		text += ", " + escapeMarkdown(s.URL)
	}
	if s.Date != "" {
		text += ", " + escapeMarkdown(s.Date)
	}
	if s.Note != "" {
		text += ". " + escapeMarkdown(s.Note)
	}
	return text + "."
}

// escapeMarkdown keeps text on one table line and out of Markdown's
// syntax, its hidden characters escaped as in text (see [safe.Terminal]).
// A backslash is escaped too: else one from the file would escape the
// escape before a bracket ("\\[" reads as a backslash and a "["), and
// open a link.
func escapeMarkdown(s string) string {
	return safe.Terminal(markdownReplacer.Replace(s))
}

// urlBrackets keeps a URL inside the angle brackets of a Markdown link.
var urlBrackets = strings.NewReplacer("<", "%3C", ">", "%3E")

var markdownReplacer = strings.NewReplacer(`\`, `\\`, "|", `\|`, "\n", " ", "\r", "", "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", "&lt;", ">", "&gt;")
