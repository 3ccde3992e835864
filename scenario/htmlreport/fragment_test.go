package htmlreport_test

import (
	"bytes"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/entente-go/entente/scenario/htmlreport"
)

// between returns what s has between the first open and the close after
// it; ok is false when either is missing.
func between(s, open, close string) (string, bool) {
	_, rest, ok := strings.Cut(s, open)
	if !ok {
		return "", false
	}
	in, _, ok := strings.Cut(rest, close)
	return in, ok
}

// TestFragment checks that WriteFragment writes exactly what the page has
// inside <main>, and Stylesheet exactly what it has inside <style>, for
// every golden page: one rendering, not two.
func TestFragment(t *testing.T) {
	ps := pages(t)
	names := make([]string, 0, len(ps))
	for name := range ps {
		names = append(names, name)
	}
	sort.Strings(names)
	style := string(htmlreport.Stylesheet())
	if style == "" || strings.Contains(style, "{{") {
		t.Fatalf("Stylesheet() = %q, want the page's CSS", style)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			full := write(t, ps[name])
			wantMain, ok := between(full, "<main id=\"main\">\n", "</main>")
			if !ok {
				t.Fatal("the page has no <main>")
			}
			var frag bytes.Buffer
			if err := htmlreport.WriteFragment(&frag, ps[name]); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(wantMain, frag.String()); diff != "" {
				t.Errorf("WriteFragment differs from the page's <main> (-want +got):\n%s", diff)
			}
			if strings.Contains(frag.String(), "<style") || strings.Contains(frag.String(), "<html") {
				t.Error("the fragment has a document or a style sheet in it")
			}
			wantStyle, ok := between(full, "<style>\n", "</style>")
			if !ok {
				t.Fatal("the page has no <style>")
			}
			if diff := cmp.Diff(wantStyle, style); diff != "" {
				t.Errorf("Stylesheet differs from the page's <style> (-want +got):\n%s", diff)
			}
		})
	}
}
