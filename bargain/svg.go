package bargain

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// svgMaxLines bounds the outcomes drawn as lines in parallel coordinates;
// the frontier and the solutions are always drawn.
const svgMaxLines = 400

// solutionMarks are the short labels and colours of the solutions.
var solutionMarks = map[string][2]string{
	Utilitarian:      {"U", "#1f77b4"},
	Nash:             {"N", "#d62728"},
	KalaiSmorodinsky: {"KS", "#2ca02c"},
	Egalitarian:      {"E", "#9467bd"},
}

// WriteSVG draws r as a standalone SVG picture. With two actors taking
// part it is a scatter of the outcomes, one actor's utility against the
// other's: every outcome a grey dot, the Pareto frontier joined in black,
// each solution marked and labelled (U, N, KS, E), the disagreement point
// a cross. With one actor or more than two it draws parallel coordinates:
// one vertical axis per actor, one line per outcome across them (at most
// 400 besides the frontier), the frontier in black, the solutions in
// colour, the disagreement values dashed. All text is escaped; the picture
// has no script and no link.
func WriteSVG(w io.Writer, r Result) error {
	if err := r.check(); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	if len(r.Actors) == 2 {
		scatter(bw, r)
	} else {
		parallel(bw, r)
	}
	return bw.Flush()
}

func esc(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func f1(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }

// span returns the range of the values, widened a little, and never empty.
func span(vals []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range vals {
		lo, hi = min(lo, v), max(hi, v)
	}
	if lo > hi {
		return 0, 1
	}
	if lo == hi {
		lo, hi = lo-1, hi+1
	}
	pad := (hi - lo) * 0.05
	return lo - pad, hi + pad
}

func solutionsLegend(b *bufio.Writer, r Result, y int) {
	x := 60
	for _, sol := range r.Solutions {
		m := solutionMarks[sol.Name]
		text := m[0] + " " + sol.Name
		if sol.Absent {
			text += " (absent)"
		}
		fmt.Fprintf(b, `<circle cx="%d" cy="%d" r="5" fill="%s"/><text x="%d" y="%d" font-size="11">%s</text>`+"\n", x, y-4, m[1], x+9, y, esc(text))
		x += 24 + 7*len(text)
	}
}

func scatter(b *bufio.Writer, r Result) {
	const width, height, left, right, top, bottom = 560, 440, 60, 20, 20, 70
	var xs, ys []float64
	for _, p := range r.Points {
		xs, ys = append(xs, p[0]), append(ys, p[1])
	}
	xs, ys = append(xs, r.Disagreement[0]), append(ys, r.Disagreement[1])
	x0, x1 := span(xs)
	y0, y1 := span(ys)
	px := func(x float64) float64 { return left + (x-x0)/(x1-x0)*(width-left-right) }
	py := func(y float64) float64 { return height - bottom - (y-y0)/(y1-y0)*(height-top-bottom) }
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif">`+"\n", width, height, width, height)
	fmt.Fprintf(b, `<title>Bargaining: utility of %s against %s</title>`+"\n", esc(string(r.Actors[0])), esc(string(r.Actors[1])))
	fmt.Fprintf(b, `<rect width="%d" height="%d" fill="white"/>`+"\n", width, height)
	// Axes, with their ranges.
	fmt.Fprintf(b, `<path d="M%d %d H%d M%d %d V%d" stroke="#444" fill="none"/>`+"\n", left, height-bottom, width-right, left, height-bottom, top)
	fmt.Fprintf(b, `<text x="%d" y="%d" font-size="12" text-anchor="middle">utility of %s</text>`+"\n", (left+width-right)/2, height-bottom+30, esc(string(r.Actors[0])))
	fmt.Fprintf(b, `<text x="14" y="%d" font-size="12" text-anchor="middle" transform="rotate(-90 14 %d)">utility of %s</text>`+"\n", (top+height-bottom)/2, (top+height-bottom)/2, esc(string(r.Actors[1])))
	for _, t := range [][3]string{
		{f1(px(x0)), strconv.Itoa(height - bottom + 14), num(x0)},
		{f1(px(x1)), strconv.Itoa(height - bottom + 14), num(x1)},
	} {
		fmt.Fprintf(b, `<text x="%s" y="%s" font-size="10" text-anchor="middle">%s</text>`+"\n", t[0], t[1], t[2])
	}
	fmt.Fprintf(b, `<text x="%d" y="%s" font-size="10" text-anchor="end">%s</text>`+"\n", left-4, f1(py(y0)), num(y0))
	fmt.Fprintf(b, `<text x="%d" y="%s" font-size="10" text-anchor="end">%s</text>`+"\n", left-4, f1(py(y1)+8), num(y1))
	// Every outcome.
	b.WriteString(`<g fill="#bbb">` + "\n")
	for _, p := range r.Points {
		fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="3"/>`+"\n", f1(px(p[0])), f1(py(p[1])))
	}
	b.WriteString("</g>\n")
	// The frontier, by the first actor's utility.
	if len(r.Frontier) > 0 {
		pts := make([][2]float64, len(r.Frontier))
		for i, o := range r.Frontier {
			pts[i] = [2]float64{o.Utilities[0], o.Utilities[1]}
		}
		slices.SortFunc(pts, func(a, b [2]float64) int { return slices.Compare(a[:], b[:]) })
		var d strings.Builder
		for i, p := range pts {
			if i == 0 {
				d.WriteString("M")
			} else {
				d.WriteString(" L")
			}
			d.WriteString(f1(px(p[0])) + " " + f1(py(p[1])))
		}
		fmt.Fprintf(b, `<path d="%s" stroke="black" stroke-width="1.5" fill="none"/>`+"\n", d.String())
		b.WriteString(`<g fill="black">` + "\n")
		for _, p := range pts {
			fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="4"/>`+"\n", f1(px(p[0])), f1(py(p[1])))
		}
		b.WriteString("</g>\n")
	}
	// The disagreement point.
	dx, dy := px(r.Disagreement[0]), py(r.Disagreement[1])
	fmt.Fprintf(b, `<path d="M%s %s l8 8 m0 -8 l-8 8" stroke="#e67e22" stroke-width="2" fill="none"/>`+"\n", f1(dx-4), f1(dy-4))
	fmt.Fprintf(b, `<text x="%s" y="%s" font-size="11" fill="#e67e22">no deal</text>`+"\n", f1(dx+7), f1(dy+12))
	// The solutions, labels offset so that those on one outcome stay
	// readable.
	seen := map[[2]float64]int{}
	for _, sol := range r.Solutions {
		if sol.Absent {
			continue
		}
		m := solutionMarks[sol.Name]
		u := sol.Outcome.Utilities
		k := [2]float64{u[0], u[1]}
		n := seen[k]
		seen[k]++
		x, y := px(u[0]), py(u[1])
		fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="%d" fill="none" stroke="%s" stroke-width="2"/>`+"\n", f1(x), f1(y), 7+3*n, m[1])
		fmt.Fprintf(b, `<text x="%s" y="%s" font-size="12" font-weight="bold" fill="%s">%s</text>`+"\n", f1(x+9+float64(14*n)), f1(y-6), m[1], esc(m[0]))
	}
	solutionsLegend(b, r, height-12)
	b.WriteString("</svg>\n")
}

func parallel(b *bufio.Writer, r Result) {
	n := len(r.Actors)
	const height, top, bottom, left, gap = 400, 50, 70, 60, 140
	width := max(left*2+gap*max(n-1, 1), 600)
	los, his := make([]float64, n), make([]float64, n)
	for a := range n {
		vals := []float64{r.Disagreement[a]}
		for _, p := range r.Points {
			vals = append(vals, p[a])
		}
		los[a], his[a] = span(vals)
	}
	ax := func(a int) float64 { return float64(left + gap*a) }
	py := func(a int, v float64) float64 {
		return height - bottom - (v-los[a])/(his[a]-los[a])*(height-top-bottom)
	}
	line := func(u []float64) string {
		var d strings.Builder
		for a, v := range u {
			if a == 0 {
				d.WriteString("M")
			} else {
				d.WriteString(" L")
			}
			d.WriteString(f1(ax(a)) + " " + f1(py(a, v)))
		}
		if n == 1 {
			d.WriteString(" h10")
		}
		return d.String()
	}
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif">`+"\n", width, height, width, height)
	b.WriteString("<title>Bargaining: each outcome's utilities across the actors</title>\n")
	fmt.Fprintf(b, `<rect width="%d" height="%d" fill="white"/>`+"\n", width, height)
	for a, id := range r.Actors {
		fmt.Fprintf(b, `<path d="M%s %d V%d" stroke="#444"/>`+"\n", f1(ax(a)), top, height-bottom)
		fmt.Fprintf(b, `<text x="%s" y="%d" font-size="12" text-anchor="middle">%s</text>`+"\n", f1(ax(a)), top-24, esc(string(id)))
		fmt.Fprintf(b, `<text x="%s" y="%d" font-size="10" text-anchor="middle">%s</text>`+"\n", f1(ax(a)), height-bottom+14, num(los[a]))
		fmt.Fprintf(b, `<text x="%s" y="%d" font-size="10" text-anchor="middle">%s</text>`+"\n", f1(ax(a)), top-6, num(his[a]))
	}
	b.WriteString(`<g stroke="#ccc" fill="none">` + "\n")
	for i, p := range r.Points {
		if i == svgMaxLines {
			break
		}
		fmt.Fprintf(b, `<path d="%s"/>`+"\n", line(p))
	}
	b.WriteString("</g>\n")
	b.WriteString(`<g stroke="black" stroke-width="1.5" fill="none">` + "\n")
	for _, o := range r.Frontier {
		fmt.Fprintf(b, `<path d="%s"/>`+"\n", line(o.Utilities))
	}
	b.WriteString("</g>\n")
	fmt.Fprintf(b, `<path d="%s" stroke="#e67e22" stroke-width="2" stroke-dasharray="6 4" fill="none"/>`+"\n", line(r.Disagreement))
	for _, sol := range r.Solutions {
		if sol.Absent {
			continue
		}
		m := solutionMarks[sol.Name]
		fmt.Fprintf(b, `<path d="%s" stroke="%s" stroke-width="2.5" fill="none"/>`+"\n", line(sol.Outcome.Utilities), m[1])
	}
	solutionsLegend(b, r, height-30)
	fmt.Fprintf(b, `<text x="60" y="%d" font-size="11" fill="#e67e22">dashed: no deal (disagreement values)</text>`+"\n", height-10)
	b.WriteString("</svg>\n")
}

// num writes an axis bound: whole numbers as they are, others to three
// figures.
func num(x float64) string {
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return strconv.FormatFloat(x, 'f', 0, 64)
	}
	return strconv.FormatFloat(x, 'g', 3, 64)
}
