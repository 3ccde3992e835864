package atop

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"sync"

	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/htmlreport"
)

// page parses on first use, not when a program that may never write one
// starts.
var page = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("atop").Parse(pageText))
})

const pageText = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>The alliance record: ATOP {{.Version}}</title>
<style>{{.Style}}</style>
</head>
<body>
<main>
<h1>The alliance record: ATOP {{.Version}}</h1>
<p class="meta">{{.Counts}}, checked {{range $i, $r := .Rules}}{{if $i}}, {{end}}{{$r}}{{end}}.</p>
<section aria-labelledby="record-findings">
<h2 id="record-findings">Findings across the record</h2>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="record-caption">
<table>
<caption id="record-caption">Alliance phases (and alliances) that carry each finding</caption>
<thead><tr><th scope="col">code</th>{{range .Rules}}<th scope="col" class="n">{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><th scope="row"><code>{{.Label}}</code></th>{{range .Cells}}<td class="n">{{.Phases}} ({{.Alliances}})</td>{{end}}</tr>
{{end}}</tbody>
</table>
</div>
{{if .None}}<p>No phase carries {{range $i, $c := .None}}{{if $i}}, {{end}}<code>{{$c}}</code>{{end}}.</p>{{end}}
</section>
<section aria-labelledby="record-time">
<h2 id="record-time">Over time</h2>
<figure>
{{.Picture}}
<figcaption>Alliances in force in each decade (bars), and the share of them that carry each finding (lines), as coded and under each what-if.</figcaption>
</figure>
</section>
<section aria-labelledby="record-sources">
<h2 id="record-sources">Sources</h2>
<p>Leeds, Ritter, Mitchell and Long (2002), “Alliance Treaty Obligations and Provisions, 1815-1944”, <i>International Interactions</i> 28: 237–60; data and codebook at <a href="http://www.atopdata.org/">atopdata.org</a>. State names: Correlates of War Project, State System Membership List, v2016.</p>
</section>
</main>
</body>
</html>
`

// WriteHTML writes one self-contained page: the summary as a table and the
// picture by decade, in the style of the HTML report (htmlreport). Every
// text is escaped; the picture is WriteSVG's, whose text is Entente's own.
func WriteHTML(w io.Writer, results []Result, rules []Rule) error {
	rules, err := checkedUnder(results, rules)
	if err != nil {
		return err
	}
	var svg bytes.Buffer
	if err := WriteSVG(&svg, results, rules); err != nil {
		return err
	}
	sums := Summarize(results, rules)
	type row struct {
		Label string
		Cells []Tally
	}
	data := struct {
		Version string
		Style   template.CSS
		Counts  string // "1 alliance, 2 alliance phases"
		Rules   []Rule
		Rows    []row
		None    []scenario.Code
		Picture template.HTML
	}{Style: template.CSS(htmlreport.Stylesheet()), Rules: rules, Picture: template.HTML(svg.String())}
	data.Version, data.Counts = describe(results)
	inc := row{Label: "incompatible"}
	for _, s := range sums {
		inc.Cells = append(inc.Cells, s.Incompatible)
	}
	data.Rows = append(data.Rows, inc)
	for c := range scenario.Codes() {
		r := row{Label: string(c)}
		occurs := false
		for _, s := range sums {
			r.Cells = append(r.Cells, s.Codes[c])
			occurs = occurs || s.Codes[c].Phases > 0
		}
		if occurs {
			data.Rows = append(data.Rows, r)
		} else {
			data.None = append(data.None, c)
		}
	}
	var b bytes.Buffer
	if err := page().Execute(&b, data); err != nil {
		return fmt.Errorf("the record's page: %w", err)
	}
	// As for the HTML report: no control or bidirectional character goes
	// out raw, whatever a version or a code holds.
	_, err = w.Write(safe.Page(b.Bytes()))
	return err
}
