package scenariofile_test

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/internal/safe"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
	"github.com/google/go-cmp/cmp"
)

// FuzzParse checks what Parse promises for any input, read as YAML or as
// JSON (the low bit of name picks): it does not panic; a file that loads
// writes back, in either encoding and through Format, to a file that
// loads into the same scenario, and Format of Format's output is that
// output; a file that does not load gets errors that each say where,
// from line 1 and column 1 and on a line the file has, and Format
// refuses it.
func FuzzParse(f *testing.F) {
	add := func(path string) {
		data := readFile(f, path)
		f.Add(byte(0), data)
		f.Add(byte(1), data)
		if s, err := scenariofile.Parse(path, data); err == nil {
			j, err := scenariofile.Marshal(s, scenariofile.JSON)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(byte(1), j) // the same scenario in JSON
		}
	}
	add(seedFile)
	add(likelihoodsFile)
	for _, dir := range []string{"good", "bad"} {
		for _, path := range files(f, filepath.Join("testdata", dir), ".yaml", ".json") {
			add(path)
		}
	}
	for _, c := range commentCases {
		f.Add(byte(0), []byte(c.in))
	}
	for _, m := range mistakes {
		sel := byte(0)
		if scenariofile.EncodingOf(m.file) == scenariofile.JSON {
			sel = 1
		}
		f.Add(sel, []byte(m.in))
	}
	f.Fuzz(func(t *testing.T, sel byte, data []byte) {
		name := "fuzz.yaml"
		if sel&1 == 1 {
			name = "fuzz.json"
		}
		s, err := scenariofile.Parse(name, data)
		if err != nil {
			es, ok := errors.AsType[scenariofile.Errors](err)
			if !ok || len(es) == 0 {
				t.Fatalf("Parse error %v (%T) is not a non-empty Errors", err, err)
			}
			// The file's lines end at "\n", "\r\n" or a lone "\r", as
			// editors count them; an error may stand after the last.
			lines := 1 + bytes.Count(data, []byte("\n")) + bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n"))
			for _, e := range es {
				if e.Line < 1 || e.Column < 1 || e.File != name || e.Err == nil {
					t.Errorf("error %q: File %q, Line %d, Column %d; want %q and both from 1", e, e.File, e.Line, e.Column, name)
				}
				if e.Line > lines {
					t.Errorf("error %q on line %d of a file of %d lines", e, e.Line, lines)
				}
			}
			if out, ferr := scenariofile.Format(name, data); ferr == nil || out != nil {
				t.Errorf("Format of a file that does not load = %q, %v; want nil and an error", out, ferr)
			}
			return
		}
		for _, e := range encodings {
			b, err := scenariofile.Marshal(s, e)
			if err != nil {
				t.Fatalf("Marshal(%s): %v", e, err)
			}
			s2, err := scenariofile.Parse("again."+e.String(), b)
			if err != nil {
				t.Fatalf("Parse(Marshal(%s)): %v\n%s", e, err, b)
			}
			if d := cmp.Diff(s, s2); d != "" {
				t.Fatalf("Parse(Marshal(%s)) differs (-want +got):\n%s\n%s", e, d, b)
			}
		}
		out, err := scenariofile.Format(name, data)
		if err != nil {
			t.Fatalf("Format of a file that loads: %v", err)
		}
		s3, err := scenariofile.Parse(name, out)
		if err != nil {
			t.Fatalf("Parse(Format(file)): %v\n%s", err, out)
		}
		if d := cmp.Diff(s, s3); d != "" {
			t.Fatalf("Parse(Format(file)) differs (-want +got):\n%s\n%s", d, out)
		}
		again, err := scenariofile.Format(name, out)
		if err != nil {
			t.Fatalf("Format(Format(file)): %v", err)
		}
		if d := cmp.Diff(string(out), string(again)); d != "" {
			t.Fatalf("Format is not idempotent (-once +twice):\n%s", d)
		}
	})
}

// FuzzMarshalText puts any text in every free-text field of the seed and
// checks that it survives Marshal and Parse in both encodings: whatever
// quoting or escaping the text needs, the encoders write and the parser
// reads.
func FuzzMarshalText(f *testing.F) {
	for _, s := range []string{"", "plain", " spaced ", "a: b", "# not a comment", "- item", "'quoted'", `"double"`, "line\nbreak", "tab\there", "nel\u0085here", "ls\u2028ps\u2029", "\ufeffbom", "\ufffe\uffff", "\x00\x7f", "yes", "null", "~", "2025-08-21", "1e3", "0x1F", "[1, 2]", "{a: b}", "&anchor *alias !tag %dir @ `", "\\u0041", "🕊️ été", "trailing\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			t.Skip("text in a scenario file is UTF-8")
		}
		s := examples.Ukraine2025()
		s.Name, s.Description = text, text
		s.Sources = append(s.Sources, scenario.Source{ID: "fuzz", Title: text, URL: text, Date: text, Note: text})
		s.Actors[0].Name, s.Actors[0].Note = text, text
		s.Guarantees[0].Note = text
		s.Guarantees[0].Sources = []string{text}
		s.Positions[0].Note = text
		for _, e := range encodings {
			b, err := scenariofile.Marshal(s, e)
			if err != nil {
				t.Fatalf("Marshal(%s): %v", e, err)
			}
			got, err := scenariofile.Parse("text."+e.String(), b)
			if err != nil {
				t.Fatalf("Parse(Marshal(%s)): %v\n%s", e, err, b)
			}
			if d := cmp.Diff(s, got); d != "" {
				t.Fatalf("Parse(Marshal(%s)) differs (-want +got):\n%s", e, d)
			}
		}
	})
}

// FuzzFormatComments adds a comment, whole-line or at the end of a line,
// anywhere in a commented scenario file, and checks that Format keeps it
// and is idempotent.
func FuzzFormatComments(f *testing.F) {
	base := string(readFile(f, seedFile))
	f.Add(uint16(0), false, "top")
	f.Add(uint16(40), true, "after a field")
	f.Add(uint16(95), false, "between guarantees")
	f.Add(uint16(1000), true, "last line")
	for i := range uint16(30) {
		f.Add(i*7, i%2 == 0, "comment")
	}
	f.Fuzz(func(t *testing.T, at uint16, eol bool, text string) {
		if !utf8.ValidString(text) || strings.ContainsAny(text, "\r\n\u0085\u2028\u2029\ufeff") {
			t.Skip("a comment is one line of text")
		}
		lines := strings.SplitAfter(base, "\n")
		i := int(at) % len(lines)
		mark := "#~" + text
		if eol {
			if strings.TrimSpace(lines[i]) == "" {
				t.Skip("no line to end")
			}
			lines[i] = strings.TrimSuffix(lines[i], "\n") + " " + mark + "\n"
		} else {
			indent := len(lines[i]) - len(strings.TrimLeft(lines[i], " "))
			lines[i] = strings.Repeat(" ", indent) + mark + "\n" + lines[i]
		}
		in := strings.Join(lines, "")
		want, err := scenariofile.Parse("c.yaml", []byte(in))
		if err != nil {
			t.Skip("the comment made the file invalid (inside a quoted string or a flow collection)")
		}
		out, err := scenariofile.Format("c.yaml", []byte(in))
		if err != nil {
			t.Fatalf("Format: %v", err)
		}
		// Format shows a hidden character as an escape, in a comment too.
		var shown bytes.Buffer
		safe.JSON(&shown).Write([]byte(strings.TrimRight(mark, " \t")))
		if !strings.Contains(string(out), shown.String()) {
			t.Fatalf("Format lost the comment %q:\n%s", mark, out)
		}
		got, err := scenariofile.Parse("c.yaml", out)
		if err != nil {
			t.Fatalf("Parse(Format): %v\n%s", err, out)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("Format changed the scenario (-want +got):\n%s", d)
		}
		again, err := scenariofile.Format("c.yaml", out)
		if err != nil {
			t.Fatalf("Format(Format): %v", err)
		}
		if d := cmp.Diff(string(out), string(again)); d != "" {
			t.Fatalf("Format is not idempotent (-once +twice):\n%s\ninput:\n%s", d, in)
		}
	})
}
