package htmlreport

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"reflect"
	"sync"

	"github.com/entente-go/entente/internal/safe"
)

// A Writer writes fragments as [WriteFragment] does, for a program that
// shows page after page of one scenario as it changes: the workbench of
// `entente serve` writes one for each keystroke. It keeps each section's
// HTML with what the section was made from, and makes again only the
// sections whose content differs from the last page's: renaming the
// scenario makes the Graph section again, not the findings or the
// timeline. The bytes are always those WriteFragment writes for the same
// page. A page written, and what it points to (the report's findings, the
// search, the bargaining), must not be changed afterwards: the Writer
// compares the next page with what it keeps of the last, which shares
// their memory. The zero Writer is ready to use, and a Writer is safe for
// concurrent use.
type Writer struct {
	mu   sync.Mutex
	last [len(sections)]made
}

// made is a section's HTML and the part of the view it was made from.
type made struct {
	from any
	html string
}

// section is one of the report's sections: the template that writes it,
// and the part of the view it reads. The template can read nothing else
// (it is executed on that part alone), so two pages whose parts are equal
// have the same section.
type section struct {
	template string
	part     func(v *view) any
}

// The parts of the view each section reads. Marks is the legend, the same
// for every page, which the findings and the timeline explain.
type (
	verdictPart struct {
		Verdict verdictView
		Counts  string
	}
	graphPart struct {
		Graph template.HTML
		Name  string
	}
	findingsPart struct {
		Findings []findingView
		Marks    marks
	}
	mandatesPart struct{ Mandates []mandateView }
	timelinePart struct {
		Timeline *timelineView
		Marks    marks
	}
	searchPart     struct{ Search *searchView }
	sweepPart      struct{ Sweep *sweepView }
	bargainingPart struct{ Bargaining *bargainingView }
	sourcesPart    struct{ Sources []sourceView }
)

// sections are the report's sections in the order of the "main" template.
var sections = [...]section{
	{"section-verdict", func(v *view) any { return verdictPart{v.Verdict, v.Counts} }},
	{"section-graph", func(v *view) any { return graphPart{v.Graph, v.Name} }},
	{"section-findings", func(v *view) any { return findingsPart{v.Findings, v.Marks} }},
	{"section-mandates", func(v *view) any { return mandatesPart{v.Mandates} }},
	{"section-timeline", func(v *view) any { return timelinePart{v.Timeline, v.Marks} }},
	{"section-search", func(v *view) any { return searchPart{v.Search} }},
	{"section-sweep", func(v *view) any { return sweepPart{v.Sweep} }},
	{"section-bargaining", func(v *view) any { return bargainingPart{v.Bargaining} }},
	{"section-sources", func(v *view) any { return sourcesPart{v.Sources} }},
}

// WriteFragment writes the sections of the page [Write] writes for p, as
// [WriteFragment] does, making again only those whose content changed
// since the last page w wrote. It writes to out once.
func (w *Writer) WriteFragment(out io.Writer, p Page) error {
	var buf bytes.Buffer
	if err := w.write(&buf, build(p)); err != nil {
		return err
	}
	_, err := out.Write(buf.Bytes())
	return err
}

// write writes the sections of v to buf, each made from its part of v
// alone; a nil w makes every section, and keeps none.
func (w *Writer) write(buf *bytes.Buffer, v view) error {
	for i, s := range sections {
		from := s.part(&v)
		if w != nil {
			w.mu.Lock()
			last := w.last[i]
			w.mu.Unlock()
			if last.from != nil && reflect.DeepEqual(last.from, from) {
				buf.WriteString(last.html)
				continue
			}
		}
		var sec bytes.Buffer
		if err := tmpl().ExecuteTemplate(&sec, s.template, from); err != nil {
			return fmt.Errorf("htmlreport: %w", err)
		}
		// What HTML does not escape, control characters and
		// bidirectional overrides, is shown escaped, as Write does for
		// the whole page.
		html := safe.Page(sec.Bytes())
		buf.Write(html)
		if w != nil {
			w.mu.Lock()
			w.last[i] = made{from, string(html)}
			w.mu.Unlock()
		}
	}
	return nil
}
