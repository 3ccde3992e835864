package htmlreport_test

import (
	"bytes"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/htmlreport"
)

// renamed is p with its scenario named name.
func renamed(p htmlreport.Page, name string) htmlreport.Page {
	p.Scenario.Name, p.Report.Scenario = name, name
	return p
}

// reworded is p with its first finding's message changed, the findings
// copied so that p's stay as they were.
func reworded(p htmlreport.Page) htmlreport.Page {
	p.Report.Findings = slices.Clone(p.Report.Findings)
	if len(p.Report.Findings) > 0 {
		p.Report.Findings[0].Message += " (reworded)"
	}
	return p
}

func fragment(t *testing.T, p htmlreport.Page) string {
	t.Helper()
	return written(t, htmlreport.WriteFragment, p)
}

// TestWriter checks that a Writer writes what WriteFragment writes, page
// after page, whatever it kept from the page before: every golden page,
// each renamed, reworded, and written again as it was, in turn.
func TestWriter(t *testing.T) {
	ps := pages(t)
	var seq []htmlreport.Page
	for _, name := range []string{"seed-all", "seed-report", "seed-veto", "budapest1994", "article5", "seed-all"} {
		p := ps[name]
		seq = append(seq, p, renamed(p, "<renamed> & more"), p, reworded(p), reworded(p), p)
	}
	var w htmlreport.Writer
	for i, p := range seq {
		var got bytes.Buffer
		if err := w.WriteFragment(&got, p); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(fragment(t, p), got.String()); diff != "" {
			t.Fatalf("page %d (%s): the Writer differs from WriteFragment (-want +got):\n%s", i, p.Report.Scenario, diff)
		}
	}
}

// TestWriterConcurrent writes different pages through one Writer at once;
// each must come out as WriteFragment writes it (run with -race).
func TestWriterConcurrent(t *testing.T) {
	ps := pages(t)
	var w htmlreport.Writer
	var wg sync.WaitGroup
	for name, p := range ps {
		want := fragment(t, p)
		for range 3 {
			wg.Go(func() {
				for range 5 {
					var got bytes.Buffer
					if err := w.WriteFragment(&got, p); err != nil {
						t.Error(err)
						return
					}
					if got.String() != want {
						t.Errorf("%s: the Writer, shared, differs from WriteFragment", name)
						return
					}
				}
			})
		}
	}
	wg.Wait()
}

// TestWriterEscapes checks that hostile text in a finding is escaped in
// the fragment, markup and a bidirectional override alike: when the
// Writer makes the section, when it gives it again from what it kept (the
// page renamed, so that only the picture's section is made again), and
// from WriteFragment.
func TestWriterEscapes(t *testing.T) {
	p := reworded(pages(t)["seed-all"])
	p.Report.Findings[0].Message = "<script>alert(1)</script> \u202eevil"
	var w htmlreport.Writer
	for _, c := range []struct {
		name  string
		write func(*bytes.Buffer) error
	}{
		{"made", func(b *bytes.Buffer) error { return w.WriteFragment(b, p) }},
		{"kept", func(b *bytes.Buffer) error { return w.WriteFragment(b, renamed(p, "renamed")) }},
		{"WriteFragment", func(b *bytes.Buffer) error { return htmlreport.WriteFragment(b, p) }},
	} {
		var got bytes.Buffer
		if err := c.write(&got); err != nil {
			t.Fatal(err)
		}
		s := got.String()
		if strings.Contains(s, "<script>") || strings.Contains(s, "\u202e") {
			t.Errorf("%s: the fragment holds the finding's markup or override as it is", c.name)
		}
		if !strings.Contains(s, "&lt;script&gt;alert(1)&lt;/script&gt; \\u202eevil") {
			t.Errorf("%s: the fragment does not show the finding's text escaped", c.name)
		}
	}
}

// TestFragmentEverySection checks, for the sections no golden page has
// (Mandates, Bargaining), that WriteFragment, which writes each section
// from its own part of the page, writes what the page has inside <main>,
// where each section reads the whole page: a part missing something its
// section reads would fail or differ here.
func TestFragmentEverySection(t *testing.T) {
	var all strings.Builder
	for name, s := range map[string]scenario.Scenario{"georgia2009": examples.Georgia2009(), "seed": examples.Ukraine2025()} {
		r, err := scenario.Evaluate(s)
		if err != nil {
			t.Fatal(err)
		}
		p, err := htmlreport.Build(t.Context(), s, r, htmlreport.BuildOptions{})
		if err != nil {
			t.Fatal(err)
		}
		frag := fragment(t, p)
		want, ok := between(write(t, p), "<main id=\"main\">\n", "</main>")
		if !ok {
			t.Fatalf("%s: the page has no <main>", name)
		}
		if diff := cmp.Diff(want, frag); diff != "" {
			t.Errorf("%s: WriteFragment differs from the page's <main> (-want +got):\n%s", name, diff)
		}
		all.WriteString(frag)
	}
	for _, id := range []string{"mandates", "bargaining"} {
		if !strings.Contains(all.String(), `<section id="`+id+`"`) {
			t.Errorf("neither page has the %s section", id)
		}
	}
}
