package htmlreport_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/htmlreport"
	"github.com/entente-go/entente/scenario/scenariofile"
)

// build loads data and builds its page with opts, failing the test on any
// error.
func build(t *testing.T, ctx context.Context, data []byte, opts htmlreport.BuildOptions) htmlreport.Page {
	t.Helper()
	s, err := scenariofile.Parse("s.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	r, err := scenario.Evaluate(s)
	if err != nil {
		t.Fatal(err)
	}
	p, err := htmlreport.Build(ctx, s, r, opts)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestBuildMarksWalk checks that the picture Build draws marks the
// guarantees that lapse in the walk, with when and why: the mission in
// Georgia lapsed on 15 February 2009 when Russia stopped its renewal.
// The workbench once drew the picture without the walk.
func TestBuildMarksWalk(t *testing.T) {
	for _, quick := range []bool{false, true} {
		p := build(t, t.Context(), examples.Georgia2009YAML(), htmlreport.BuildOptions{Quick: quick})
		if want := "lapsed on 2009-02-15: UNSC did not renew it"; !strings.Contains(string(p.Graph), want) {
			t.Errorf("quick %v: the picture does not say %q", quick, want)
		}
		if p.Simulation == nil {
			t.Errorf("quick %v: no walk of the timeline", quick)
		}
		if quick != (p.Search == nil) {
			t.Errorf("quick %v: search %v; the quick page has no search, the full one has", quick, p.Search != nil)
		}
	}
}

// TestBuildBargainingFailure checks that a bargaining that stops leaves a
// section that says why, and tells the caller, rather than a page that
// silently has none.
func TestBuildBargainingFailure(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel() // the bargaining stops at once
	var told []string
	p := build(t, ctx, examples.Ukraine2025YAML(), htmlreport.BuildOptions{
		Omitted: func(section string, err error) { told = append(told, section+": "+err.Error()) },
	})
	if p.Bargaining == nil || !strings.Contains(p.Bargaining.Failure, "context canceled") {
		t.Fatalf("the page's bargaining is %+v; want a failure that says why", p.Bargaining)
	}
	if len(told) != 1 || !strings.HasPrefix(told[0], "bargaining: ") {
		t.Errorf("Omitted was told %q; want the bargaining, once", told)
	}
	var page bytes.Buffer
	if err := htmlreport.WriteFragment(&page, p); err != nil {
		t.Fatal(err)
	}
	section, ok := between(page.String(), `<section id="bargaining"`, "</section>")
	if !ok || !strings.Contains(section, "No bargaining is shown: the bargaining stopped: context canceled.") || strings.Contains(section, "<table") {
		t.Errorf("the bargaining section is %q; want the reason and no tables", section)
	}
}
