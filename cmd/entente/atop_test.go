package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/entente-go/entente/atop"
	"github.com/entente-go/entente/scenario/scenariofile"
)

const fixture = "../../atop/testdata/fixture"

// TestAtopGolden runs entente atop as a researcher would, on the rows of
// ATOP 4.01 copied into the atop package's fixture.
func TestAtopGolden(t *testing.T) {
	cases := []struct {
		name   string
		reason string
		args   []string
		code   int
	}{
		{"atop-usage", "atop alone lists its two subcommands and exits 2", []string{"atop"}, 2},
		{"atop-import-one", "one alliance of one phase goes to standard output", []string{"atop", "import", "--id", "2525", fixture}, 0},
		{"atop-import-phase", "--phase picks one phase of an alliance that has several", []string{"atop", "import", "--id", "1335,1020", "--phase", "2", fixture}, 0},
		{"atop-import-two-files", "the two files named one by one, in JSON", []string{"atop", "import", "--format", "json", "--id", "1335", fixture + "/atop4_01a.csv", fixture + "/atop4_01m.csv"}, 0},
		{"atop-import-many", "several phases and no --out: say how to choose", []string{"atop", "import", fixture}, 2},
		{"atop-import-none", "a selection that matches nothing", []string{"atop", "import", "--from", "1990", "--to", "1995", "--id", "2130", fixture}, 2},
		{"atop-import-bad", "a code that is not a number: file, line, column and field, nothing written", []string{"atop", "import", "--out", "testdata/atop-bad/never", "testdata/atop-bad"}, 2},
		{"atop-import-bad-id", "--id takes atopids", []string{"atop", "import", "--id", "NATO", fixture}, 2},
		{"atop-check", "every phase as coded and under both what-ifs, the summary", []string{"atop", "check", "--what-if", "unanimity", "--what-if", "majority", fixture}, 0},
		{"atop-check-csv", "one row per phase, a column per code and rule", []string{"atop", "check", "--what-if", "unanimity,majority", "--format", "csv", fixture}, 0},
		{"atop-check-svg", "the picture by decade", []string{"atop", "check", "--what-if", "unanimity", "--format", "svg", fixture}, 0},
		{"atop-check-html", "a page with the summary and the picture", []string{"atop", "check", "--what-if", "unanimity", "--format", "html", fixture}, 0},
		{"atop-check-years", "--from and --to keep the phases in force in those years", []string{"atop", "check", "--from", "1900", "--to", "1950", "--format", "csv", fixture}, 0},
		{"atop-check-bad-rule", "an unknown what-if names the ones there are", []string{"atop", "check", "--what-if", "plurality", fixture}, 2},
		{"atop-check-bad", "bad input exits 2 with file:line:col: field", []string{"atop", "check", "testdata/atop-bad"}, 2},
		{"atop-check-max-size", "--max-size bounds ATOP's CSV files too: file, line, column", []string{"atop", "check", "--max-size", "1000", fixture}, 2},
		{"atop-check-missing", "a folder that does not exist", []string{"atop", "check", "testdata/no-such-folder"}, 2},
		{"atop-unknown", "an unknown subcommand", []string{"atop", "export"}, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e, out, errOut := fakeEnv(false, nil)
			code := run(tc.args, e)
			if code != tc.code {
				t.Errorf("%s\nentente %s: exit %d, want %d\nstderr:\n%s", tc.reason, strings.Join(tc.args, " "), code, tc.code, errOut)
			}
			golden(t, tc.name+".stdout", out.Bytes())
			golden(t, tc.name+".stderr", errOut.Bytes())
		})
	}
	if _, err := os.Stat("testdata/atop-bad/never"); err == nil {
		t.Error("a failed import made its --out folder")
	}
}

// TestAtopImportFolder imports the fixture into a folder: one canonical
// file per phase that reads back as the phase's scenario; a second import
// is refused and writes nothing, --force overwrites; checking the folder
// gives the CSV that checking the CSV files gives; no temporary file stays.
func TestAtopImportFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "record")
	e, out, errOut := fakeEnv(false, nil)
	if code := run([]string{"atop", "import", "--out", dir, fixture}, e); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if got, want := out.String(), "wrote 8 scenario files, 5 alliances of ATOP 4.01, to "+dir+"\n"; got != want {
		t.Errorf("stdout %q, want %q", got, want)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, en := range entries {
		names = append(names, en.Name())
	}
	want := []string{"atop-1020-1.yaml", "atop-1020-2.yaml", "atop-1020-3.yaml", "atop-1335-0.yaml", "atop-2130-0.yaml", "atop-2525-0.yaml", "atop-3180-1.yaml", "atop-3180-2.yaml"}
	if !slices.Equal(names, want) {
		t.Errorf("files %v, want %v (and no temporary file)", names, want)
	}
	for _, n := range want {
		golden, err := os.ReadFile(filepath.Join("../../atop/testdata/golden", n))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(golden) {
			t.Errorf("%s differs from the atop package's golden file", n)
		}
		if _, err := scenariofile.Parse(n, got); err != nil {
			t.Error(err)
		}
	}

	before, _ := os.ReadFile(filepath.Join(dir, want[0]))
	os.WriteFile(filepath.Join(dir, want[0]), []byte("edited"), 0o644)
	e, _, errOut = fakeEnv(false, nil)
	if code := run([]string{"atop", "import", "--out", dir, fixture}, e); code != exitInput || !strings.Contains(errOut.String(), "--force") {
		t.Errorf("a second import: exit %d, stderr %q; want 2 and a word on --force", code, errOut)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, want[0])); string(got) != "edited" {
		t.Error("a refused import changed a file")
	}
	e, _, errOut = fakeEnv(false, nil)
	if code := run([]string{"atop", "import", "--force", "--out", dir, fixture}, e); code != exitOK {
		t.Errorf("--force: exit %d, %s", code, errOut)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, want[0])); string(got) != string(before) {
		t.Error("--force did not rewrite the file")
	}

	csvOf := func(src string) string {
		e, out, errOut := fakeEnv(false, nil)
		if code := run([]string{"atop", "check", "--what-if", "unanimity,majority", "--format", "csv", src}, e); code != exitOK {
			t.Fatalf("check %s: exit %d, %s", src, code, errOut)
		}
		return out.String()
	}
	if a, b := csvOf(fixture), csvOf(dir); a != b {
		t.Errorf("checking the imported folder differs from checking the CSV files:\n%s\n%s", a, b)
	}

	side := filepath.Join(t.TempDir(), "out.csv")
	pic := filepath.Join(t.TempDir(), "out.svg")
	e, out, errOut = fakeEnv(false, nil)
	if code := run([]string{"atop", "check", "--csv", side, "--svg", pic, fixture}, e); code != exitOK {
		t.Fatalf("exit %d, %s", code, errOut)
	}
	if !strings.HasPrefix(out.String(), "ATOP 4.01: 5 alliances, 8 alliance phases") {
		t.Errorf("with --csv and --svg, standard output is still the summary: %q", out)
	}
	if data, err := os.ReadFile(side); err != nil || !strings.HasPrefix(string(data), "atopid,phase,begin,end,members,verdict,") {
		t.Errorf("--csv: %q, %v", data, err)
	}
	if data, err := os.ReadFile(pic); err != nil || !strings.HasPrefix(string(data), "<svg") {
		t.Errorf("--svg: %v", err)
	}
}

// TestAtopFullRecord imports and checks the whole of ATOP 4.01 when it is
// beside the module (see the atop package's tests): every file imported
// passes entente check without a validation error.
func TestAtopFullRecord(t *testing.T) {
	data := filepath.Join("..", "..", "..", "shared", "data", "atop-4.01")
	if _, err := os.Stat(data); err != nil {
		data = filepath.Join("..", "..", "..", "..", "shared", "data", "atop-4.01")
	}
	if _, err := os.Stat(filepath.Join(data, "atop4_01a.csv")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true and the ATOP 4.01 record is not at %s", data)
		}
		t.Skipf("the ATOP 4.01 record is not at %s; skipping", data)
	}
	dir := t.TempDir()
	e, _, errOut := fakeEnv(false, nil)
	if code := run([]string{"atop", "import", "--out", dir, data}, e); code != exitOK {
		t.Fatalf("import: exit %d, %s", code, errOut)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if len(files) != 799 {
		t.Fatalf("%d files, want 799", len(files))
	}
	e, _, errOut = fakeEnv(false, nil)
	code := run(append([]string{"check"}, files...), e)
	if code == exitInput {
		t.Errorf("entente check on the imported record: exit 2:\n%s", errOut)
	}
	r, err := atop.ReadDir(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Phases() {
		s, err := scenariofile.ReadFile(filepath.Join(dir, p.Key()+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		want, _ := p.Scenario()
		if s.Name != want.Name || len(s.Guarantees) != len(want.Guarantees) || len(s.Actors) != len(want.Actors) {
			t.Errorf("%s reads back differently", p.Key())
		}
	}
}

// TestAtopImportInterrupted: an import stopped before its renames writes
// nothing into the folder, and leaves no temporary folder behind.
func TestAtopImportInterrupted(t *testing.T) {
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	err := writeAll(ctx, dir, []string{"a.yaml", "b.yaml"}, [][]byte{[]byte("a"), []byte("b")}, false)
	if err == nil || !strings.Contains(err.Error(), "nothing written") {
		t.Errorf("err %v, want an interruption that wrote nothing", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("the folder holds %v", entries)
	}
}

// TestAtopNoClobber: without --force nothing already there is overwritten,
// even a file that appears after the check of the names. Two files of one
// name stand for a file made between the check and the publishing: the
// second must fail, not replace the first. atop check's --csv and --svg
// refuse a file that exists unless --force is given.
func TestAtopNoClobber(t *testing.T) {
	dir := t.TempDir()
	err := writeAll(t.Context(), dir, []string{"a.yaml", "a.yaml"}, [][]byte{[]byte("first"), []byte("second")}, false)
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("err %v, want a refusal", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "a.yaml")); string(got) != "first" {
		t.Errorf("a.yaml holds %q: a file that appeared while writing was overwritten", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the folder holds %v; want a.yaml alone, no temporary folder", entries)
	}

	side := filepath.Join(dir, "record.csv")
	pic := filepath.Join(dir, "record.svg")
	for _, f := range []string{side, pic} {
		if err := os.WriteFile(f, []byte("mine"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"--csv", side}, {"--svg", pic}} {
		e, _, errOut := fakeEnv(false, nil)
		if code := run(append(append([]string{"atop", "check"}, args...), fixture), e); code != exitInput || !strings.Contains(errOut.String(), "--force") {
			t.Errorf("%v over an existing file: exit %d, stderr %q; want 2 and a word on --force", args, code, errOut)
		}
		if got, _ := os.ReadFile(args[1]); string(got) != "mine" {
			t.Errorf("%v: the file was overwritten without --force", args)
		}
	}
	e, _, errOut := fakeEnv(false, nil)
	if code := run([]string{"atop", "check", "--force", "--csv", side, "--svg", pic, fixture}, e); code != exitOK {
		t.Fatalf("--force: exit %d, %s", code, errOut)
	}
	for _, f := range []string{side, pic} {
		got, _ := os.ReadFile(f)
		info, _ := os.Stat(f)
		if string(got) == "mine" || info.Mode().Perm() != 0o600 {
			t.Errorf("--force: %s holds %.20q with mode %v; want the new file, keeping the old file's permissions", f, got, info.Mode().Perm())
		}
	}
}

// TestAtopHostileSourceID: a source ID edited to carry a bidirectional
// override and markup as its version ('atop-4.01\u202e<b>x</b>-2525-0')
// reaches no output of atop check raw, in any format: the folder is
// refused with the file named, and the page, were a Go caller to give
// WriteHTML such a version, escapes it.
func TestAtopHostileSourceID(t *testing.T) {
	dir := t.TempDir()
	e, _, errOut := fakeEnv(false, nil)
	if code := run([]string{"atop", "import", "--out", dir, "--id", "2525", fixture}, e); code != exitOK {
		t.Fatalf("import: exit %d, %s", code, errOut)
	}
	path := filepath.Join(dir, "atop-2525-0.yaml")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	hostile := `"atop-4.01\u202e<b>x</b>-2525-0"`
	data = []byte(strings.ReplaceAll(string(data), "atop-4.01-2525-0", hostile))
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := scenariofile.Parse(path, data); err != nil {
		t.Fatalf("the edited file should load, so that the check sees it: %v", err)
	}
	hidden := func(s string) bool {
		return strings.ContainsAny(s, "\u202e\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\x1b")
	}
	raw := func(s string) bool { return hidden(s) || strings.Contains(s, "<b>") }
	for _, format := range []string{"text", "csv", "svg", "html"} {
		e, out, errOut := fakeEnv(false, nil)
		code := run([]string{"atop", "check", "--what-if", "unanimity", "--format", format, dir}, e)
		if code != exitInput {
			t.Errorf("%s: exit %d, want 2 for a version that is not digits and dots", format, code)
		}
		if raw(out.String()) || hidden(errOut.String()) {
			t.Errorf("%s: a raw control, bidi or (on standard output) markup:\nstdout %q\nstderr %q", format, out, errOut)
		}
		if !strings.Contains(errOut.String(), "want digits and dots") || !strings.Contains(errOut.String(), "atop-2525-0.yaml") {
			t.Errorf("%s: stderr %q does not say which file and why", format, errOut)
		}
	}
	res := []atop.Result{{Info: atop.Info{Version: "4.01\u202e<b>x</b>", Alliance: 2525}, Outcomes: []atop.Outcome{{Rule: atop.AsCoded}}}}
	var page strings.Builder
	if err := atop.WriteHTML(&page, res, []atop.Rule{atop.AsCoded}); err != nil {
		t.Fatal(err)
	}
	if raw(page.String()) || !strings.Contains(page.String(), `<title>The alliance record: ATOP 4.01\u202e&lt;b&gt;x&lt;/b&gt;</title>`) {
		t.Errorf("WriteHTML: the version is not escaped:\n%s", page.String()[:min(page.Len(), 400)])
	}
}
