package atop

import (
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/internal/words"
	"github.com/entente-go/entente/scenario"
)

// Column returns the CSV column of a finding code under a rule: the code
// with '_' for '-', so that R and Stata take it as a variable name as it is
// ("insider_veto"), and the rule after it for a what-if
// ("insider_veto_unanimity").
func Column(c scenario.Code, r Rule) string {
	return suffix(strings.ReplaceAll(string(c), "-", "_"), r)
}

func suffix(name string, r Rule) string {
	if r == AsCoded {
		return name
	}
	return name + "_" + r.String()
}

// WriteCSV writes one row per phase: atopid, phase, the years it began and
// ended (empty while in force when the data end), its members, and, for each
// rule, the verdict and one column per finding code with its count. Every
// code has its column, whether or not it occurs, so that the layout is the
// same for every record.
func WriteCSV(w io.Writer, results []Result, rules []Rule) error {
	rules, err := checkedUnder(results, rules)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	header := []string{"atopid", "phase", "begin", "end", "members"}
	for _, r := range rules {
		header = append(header, suffix("verdict", r))
		for c := range scenario.Codes() {
			header = append(header, Column(c, r))
		}
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, 0, len(header))
	for _, res := range results {
		end := ""
		if !res.Info.End.IsZero() {
			end = strconv.Itoa(res.Info.End.Year)
		}
		rec = append(rec[:0], strconv.Itoa(res.Info.Alliance), strconv.Itoa(res.Info.Phase),
			strconv.Itoa(res.Info.Begin.Year), end, strconv.Itoa(res.Info.Members))
		for _, o := range res.Outcomes {
			rec = append(rec, o.Verdict.String())
			for c := range scenario.Codes() {
				rec = append(rec, strconv.Itoa(o.Counts[c]))
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Tally is how many alliances and alliance phases carry something.
type Tally struct{ Alliances, Phases int }

// Summary is what the record says under one rule: how many phases and
// alliances are incompatible, and carry each finding code.
type Summary struct {
	Rule         Rule
	Incompatible Tally
	Codes        map[scenario.Code]Tally
}

// Summarize counts, for each rule, the phases and alliances that carry
// each finding code; an alliance carries it when one of its phases does.
// A result not checked under a rule counts under it for nothing; no rules
// means AsCoded, as for [Check].
func Summarize(results []Result, rules []Rule) []Summary {
	rules = orAsCoded(rules)
	out := make([]Summary, len(rules))
	for k, r := range rules {
		s := Summary{Rule: r, Codes: map[scenario.Code]Tally{}}
		allianceHas := map[scenario.Code]map[int]bool{}
		incompatible := map[int]bool{}
		for _, res := range results {
			i := slices.IndexFunc(res.Outcomes, func(o Outcome) bool { return o.Rule == r })
			if i < 0 {
				continue
			}
			o := res.Outcomes[i]
			if o.Verdict == scenario.Incompatible {
				s.Incompatible.Phases++
				incompatible[res.Info.Alliance] = true
			}
			for c, n := range o.Counts {
				if n == 0 {
					continue
				}
				t := s.Codes[c]
				t.Phases++
				s.Codes[c] = t
				if allianceHas[c] == nil {
					allianceHas[c] = map[int]bool{}
				}
				allianceHas[c][res.Info.Alliance] = true
			}
		}
		s.Incompatible.Alliances = len(incompatible)
		for c, set := range allianceHas {
			t := s.Codes[c]
			t.Alliances = len(set)
			s.Codes[c] = t
		}
		out[k] = s
	}
	return out
}

// describe returns the ATOP version of the results (that of the first
// which names one) and what they count, in words: "1 alliance, 2 alliance
// phases".
func describe(results []Result) (version, counts string) {
	alliances := map[int]bool{}
	for _, r := range results {
		alliances[r.Info.Alliance] = true
		if version == "" {
			version = r.Info.Version
		}
	}
	return version, words.Plural(len(alliances), "alliance") + ", " + words.Plural(len(results), "alliance phase")
}

// WriteSummary writes, for each finding code that occurs under some rule,
// how many alliance phases and alliances carry it under each rule, side by
// side, with the record's size and its citation.
func WriteSummary(w io.Writer, results []Result, rules []Rule) error {
	rules, err := checkedUnder(results, rules)
	if err != nil {
		return err
	}
	sums := Summarize(results, rules)
	version, counts := describe(results)
	var b strings.Builder
	fmt.Fprintf(&b, "ATOP %s: %s", orUnknown(safe.Terminal(version)), counts)
	names := make([]string, len(rules))
	for i, r := range rules {
		names[i] = r.String()
	}
	fmt.Fprintf(&b, ", checked %s.\n", strings.Join(names, ", "))
	b.WriteString("Data: " + citation + "\n\n")
	b.WriteString("Alliance phases (alliances) that carry each finding:\n\n")
	fmt.Fprintf(&b, "%-22s", "code")
	for _, n := range names {
		fmt.Fprintf(&b, "  %16s", n)
	}
	b.WriteString("\n")
	row := func(label string, t func(Summary) Tally) {
		fmt.Fprintf(&b, "%-22s", label)
		for _, s := range sums {
			v := t(s)
			fmt.Fprintf(&b, "  %16s", fmt.Sprintf("%d (%d)", v.Phases, v.Alliances))
		}
		b.WriteString("\n")
	}
	row("incompatible", func(s Summary) Tally { return s.Incompatible })
	var none []string
	for c := range scenario.Codes() {
		occurs := false
		for _, s := range sums {
			occurs = occurs || s.Codes[c].Phases > 0
		}
		if !occurs {
			none = append(none, string(c))
			continue
		}
		row(string(c), func(s Summary) Tally { return s.Codes[c] })
	}
	if len(none) > 0 {
		fmt.Fprintf(&b, "\nNo phase carries %s.\n", strings.Join(none, ", "))
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// decade is one decade of the picture: the alliances in force in it, and
// for each rule and code those of them that carry it.
type decade struct {
	start     int
	alliances map[int]bool
	carry     []map[scenario.Code]map[int]bool
}

func decades(results []Result, rules []Rule) []decade {
	first, last := 0, 0
	for _, r := range results {
		b, e := r.Info.Begin.Year, r.Info.End.Year
		if e == 0 {
			e = lastYear(results)
		}
		if first == 0 || b < first {
			first = b
		}
		last = max(last, e)
	}
	if first == 0 {
		return nil
	}
	var ds []decade
	for y := first / 10 * 10; y <= last; y += 10 {
		d := decade{start: y, alliances: map[int]bool{}, carry: make([]map[scenario.Code]map[int]bool, len(rules))}
		for k := range rules {
			d.carry[k] = map[scenario.Code]map[int]bool{}
		}
		for _, r := range results {
			e := r.Info.End.Year
			if e == 0 {
				e = last
			}
			if r.Info.Begin.Year > y+9 || e < y {
				continue
			}
			d.alliances[r.Info.Alliance] = true
			for k, o := range r.Outcomes {
				for c, n := range o.Counts {
					if n > 0 {
						if d.carry[k][c] == nil {
							d.carry[k][c] = map[int]bool{}
						}
						d.carry[k][c][r.Info.Alliance] = true
					}
				}
			}
		}
		ds = append(ds, d)
	}
	return ds
}

// lastYear is the last year the results know of: the latest begin or end.
func lastYear(results []Result) int {
	y := 0
	for _, r := range results {
		y = max(y, r.Info.Begin.Year, r.Info.End.Year)
	}
	return y
}

var palette = []string{"#1b6ca8", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#7f8c8d", "#2c3e50", "#b7950b", "#e84393"}
var dashes = []string{"", "6 3", "2 3"}

// WriteSVG draws the record over time: grey bars for the alliances in force
// in each decade (left axis), and for each finding code and rule that some
// decade carries a line for the share of them carrying it (right axis, 0 to
// 100%); a code keeps its colour across rules, and a rule its dash. All text is Entente's own or
// numbers; none comes from the files as markup.
func WriteSVG(w io.Writer, results []Result, rules []Rule) error {
	rules, err := checkedUnder(results, rules)
	if err != nil {
		return err
	}
	ds := decades(results, rules)
	type series struct {
		rule int
		code scenario.Code
	}
	var codes []scenario.Code
	for c := range scenario.Codes() {
		for _, d := range ds {
			for k := range rules {
				if len(d.carry[k][c]) > 0 && !slices.Contains(codes, c) {
					codes = append(codes, c)
				}
			}
		}
	}
	// A line for each rule and code that some decade carries: a line flat
	// at zero would only crowd the legend.
	var lines []series
	for k := range rules {
		for _, c := range codes {
			if slices.ContainsFunc(ds, func(d decade) bool { return len(d.carry[k][c]) > 0 }) {
				lines = append(lines, series{k, c})
			}
		}
	}
	const (
		left, top, plotW, plotH = 60, 40, 640, 260
	)
	height := top + plotH + 60 + 18*((len(lines)+1)/2) + 18 // the legend, then the citation
	maxN := 1
	for _, d := range ds {
		maxN = max(maxN, len(d.alliances))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"atop-title\" font-family=\"sans-serif\" font-size=\"12\">\n", left+plotW+60, height, left+plotW+60, height)
	fmt.Fprintf(&b, "<title id=\"atop-title\">Alliances in force per decade, and the share carrying each finding</title>\n")
	fmt.Fprintf(&b, "<text x=\"%d\" y=\"20\" font-size=\"14\">Alliances in force per decade (bars, left) and the share carrying each finding (lines, right)</text>\n", left)
	fmt.Fprintf(&b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>\n", left, top+plotH, left+plotW, top+plotH)
	fmt.Fprintf(&b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%d</text>\n", left-6, top+4, maxN)
	fmt.Fprintf(&b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n", left-6, top+plotH+4)
	fmt.Fprintf(&b, "<text x=\"%d\" y=\"%d\">100%%</text>\n", left+plotW+6, top+4)
	fmt.Fprintf(&b, "<text x=\"%d\" y=\"%d\">0%%</text>\n", left+plotW+6, top+plotH+4)
	n := max(len(ds), 1)
	slot := float64(plotW) / float64(n)
	for i, d := range ds {
		h := float64(plotH) * float64(len(d.alliances)) / float64(maxN)
		x := float64(left) + slot*float64(i)
		fmt.Fprintf(&b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#d5d8dc\"><title>%ds: %d alliances in force</title></rect>\n",
			x+slot*0.1, float64(top+plotH)-h, slot*0.8, h, d.start, len(d.alliances))
		if i%2 == 0 {
			fmt.Fprintf(&b, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>\n", x+slot/2, top+plotH+16, d.start)
		}
	}
	for li, s := range lines {
		ci := slices.Index(codes, s.code)
		var pts []string
		for i, d := range ds {
			share := 0.0
			if len(d.alliances) > 0 {
				share = float64(len(d.carry[s.rule][s.code])) / float64(len(d.alliances))
			}
			pts = append(pts, fmt.Sprintf("%.1f,%.1f", float64(left)+slot*(float64(i)+0.5), float64(top+plotH)-share*float64(plotH)))
		}
		dash := ""
		if d := dashes[s.rule%len(dashes)]; d != "" {
			dash = fmt.Sprintf(" stroke-dasharray=\"%s\"", d)
		}
		label := html.EscapeString(string(s.code) + ", " + rules[s.rule].String())
		fmt.Fprintf(&b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"><title>%s</title></polyline>\n",
			palette[ci%len(palette)], dash, strings.Join(pts, " "), label)
		lx := left + (li%2)*(plotW/2)
		ly := top + plotH + 40 + 18*(li/2)
		fmt.Fprintf(&b, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>\n", lx, ly-4, lx+24, ly-4, palette[ci%len(palette)], dash)
		fmt.Fprintf(&b, "<text x=\"%d\" y=\"%d\">%s</text>\n", lx+30, ly, label)
	}
	fmt.Fprintf(&b, "<text x=\"%d\" y=\"%d\" font-size=\"10\">Data: %s</text>\n", left, height-8, html.EscapeString(citation))
	b.WriteString("</svg>\n")
	_, err = io.WriteString(w, b.String())
	return err
}

// citation is the data's, which the data's makers ask every output to give.
const citation = "Leeds, Ritter, Mitchell and Long (2002), Alliance Treaty Obligations and Provisions, atopdata.org."
