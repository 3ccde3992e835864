package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/scenario"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// fakeEnv returns an environment with captured output, no terminal and the
// given variables.
func fakeEnv(terminal bool, vars map[string]string) (env, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return env{
		stdout:     &out,
		stderr:     &errOut,
		getenv:     func(k string) string { return vars[k] },
		isTerminal: func(io.Writer) bool { return terminal },
	}, &out, &errOut
}

// TestGolden runs the command as a user would and compares its exit code,
// standard output and standard error with the files under testdata/golden.
// Run go test ./cmd/entente -update to rewrite them, and read the diff.
func TestGolden(t *testing.T) {
	cases := []struct {
		name   string
		reason string
		args   []string
		code   int
	}{
		{"check-seed", "with no file, check evaluates the built-in seed and says so on stderr", []string{"check"}, 1},
		{"check-seed-json", "JSON is FORMAT.md's report", []string{"check", "--format", "json"}, 1},
		{"check-seed-markdown", "Markdown with the sources as footnotes", []string{"check", "--format=markdown"}, 1},
		{"check-article5", "a compatible scenario exits 0", []string{"check", "testdata/article5.yaml"}, 0},
		{"check-budapest", "the aggressor's veto over the Security Council captures the assurance", []string{"check", "testdata/budapest1994.yaml"}, 1},
		{"check-two-files", "one report per file; exit 1 when any is incompatible", []string{"check", "testdata/article5.yaml", "testdata/budapest1994.yaml"}, 1},
		{"check-json-two-files", "one JSON object per scenario", []string{"check", "--format", "json", "testdata/article5.yaml", "testdata/budapest1994.yaml"}, 1},
		{"check-bad", "bad input exits 2 with file:line:col: path: message on stderr", []string{"check", "testdata/unknown-actor.yaml"}, 2},
		{"check-tabs", "tab indentation is a syntax error with a hint", []string{"check", "testdata/tabs.yaml"}, 2},
		{"check-missing-file", "a file that does not exist exits 2", []string{"check", "testdata/no-such-file.yaml"}, 2},
		{"check-bad-format", "an unknown --format is a command-line error", []string{"check", "--format", "xml"}, 2},
		{"check-max-size", "a file over --max-size is refused with how to raise the limit", []string{"check", "--max-size", "100B", "testdata/article5.yaml"}, 2},
		{"check-bad-max-size", "a malformed --max-size is a command-line error", []string{"check", "--max-size", "lots", "testdata/article5.yaml"}, 2},
		{"check-article5-json", "a compatible report in JSON", []string{"check", "--format=json", "testdata/article5.yaml"}, 0},
		{"check-article5-markdown", "a compatible report in Markdown", []string{"check", "--format=markdown", "testdata/article5.yaml"}, 0},
		{"check-budapest-json", "an incompatible report in JSON", []string{"check", "--format=json", "testdata/budapest1994.yaml"}, 1},
		{"check-budapest-markdown", "an incompatible report in Markdown, sources as footnotes", []string{"check", "--format=markdown", "testdata/budapest1994.yaml"}, 1},
		{"check-alias-bomb", "aliases that expand past the limit fail fast with exit 2", []string{"check", "testdata/alias-bomb.yaml"}, 2},
		{"check-billion-laughs", "the classic alias bomb hangs off keys format 1 does not have", []string{"check", "testdata/billion-laughs.yaml"}, 2},
		{"check-deep-trigger", "a trigger nested past the limit fails with exit 2", []string{"check", "testdata/deep-trigger.yaml"}, 2},
		{"validate-good", "validate says what it read", []string{"validate", "testdata/article5.yaml", "testdata/budapest1994.yaml"}, 0},
		{"validate-bad", "validate reports every problem", []string{"validate", "testdata/unknown-actor.yaml"}, 2},
		{"validate-none", "validate needs a file", []string{"validate"}, 2},
		{"fmt-article5", "fmt prints the canonical form, comments kept", []string{"fmt", "testdata/article5.yaml"}, 0},
		{"fmt-bad", "fmt of a file that does not load prints nothing and exits 2", []string{"fmt", "testdata/unknown-actor.yaml"}, 2},
		{"search-seed", "no deal is possible on the seed: the concessions and the conflicts, exit 1", []string{"search"}, 1},
		{"search-seed-json", "search's JSON is SearchResult's, with the file and the scenario", []string{"search", "--format", "json", "--count"}, 1},
		{"search-article5-count", "a deal is possible: exit 0, with the count of feasible packages", []string{"search", "--count", "testdata/article5.yaml"}, 0},
		{"search-budapest", "the assurance the aggressor's Security Council veto captures is dead", []string{"search", "testdata/budapest1994.yaml"}, 0},
		{"search-budapest-json", "a feasible search in JSON, the empty package counted", []string{"search", "--format=json", "--count", "--max", "5", "--timeout", "1m", "testdata/budapest1994.yaml"}, 0},
		{"search-bad-timeout", "a --timeout that is not a duration is a command-line error", []string{"search", "--timeout", "soon"}, 2},
		{"search-zero-timeout", "a --timeout must be above zero", []string{"search", "--timeout=0s", "testdata/article5.yaml"}, 2},
		{"search-bad-max", "--max must be 1 or more", []string{"search", "--max", "0", "testdata/article5.yaml"}, 2},
		{"search-negative-max", "a negative --max is a command-line error", []string{"search", "--max=-2", "testdata/article5.yaml"}, 2},
		{"search-bad-format", "search has no markdown", []string{"search", "--format", "markdown"}, 2},
		{"simulate-seed", "the seed's walk: a peace deal, then a new attack", []string{"simulate"}, 0},
		{"simulate-seed-json", "the walk in JSON, events as text", []string{"simulate", "--format", "json"}, 0},
		{"simulate-variant", "with Moscow's veto granted, what answers an attack is void", []string{"simulate", "--variant", "moscow-gets-its-veto"}, 0},
		{"simulate-budapest", "the assurance the Security Council veto captures is void", []string{"simulate", "testdata/budapest1994.yaml"}, 0},
		{"simulate-unknown-variant", "an unknown variant is an input error that lists the variants", []string{"simulate", "--variant", "nope"}, 2},
		{"simulate-two-files", "simulate takes one file", []string{"simulate", "testdata/article5.yaml", "testdata/budapest1994.yaml"}, 2},
		{"check-variant", "check a variant of the seed: without Moscow's demand it is compatible", []string{"check", "--variant", "moscow-drops-veto-demand"}, 0},
		{"check-without", "a quick what-if from the command line", []string{"check", "--without", "ru-demands-veto"}, 0},
		{"check-without-actor", "removing an actor still named is refused, with where it is named", []string{"check", "--without", "RU"}, 2},
		{"check-without-unknown", "removing what does not exist is refused", []string{"check", "--without", "nothing-like-this", "testdata/article5.yaml"}, 2},
		{"search-variant", "search a variant: a deal exists without Moscow's demand", []string{"search", "--variant", "moscow-drops-veto-demand"}, 0},
		{"diff-variant", "what granting Moscow's veto changes, and why", []string{"diff", "--variant", "moscow-gets-its-veto", "../../examples/ukraine2025/ukraine2025.yaml"}, 1},
		{"diff-variant-json", "the comparison in JSON", []string{"diff", "--format", "json", "--without", "ru-demands-veto", "../../examples/ukraine2025/ukraine2025.yaml"}, 1},
		{"diff-same", "a file against itself: no difference, exit 0", []string{"diff", "../../examples/ukraine2025/ukraine2025.yaml", "../../examples/ukraine2025/ukraine2025.yaml"}, 0},
		{"diff-two-files", "two unrelated frameworks: the edits between them and what changes", []string{"diff", "testdata/article5.yaml", "testdata/budapest1994.yaml"}, 1},
		{"diff-one-file", "one file needs a what-if", []string{"diff", "../../examples/ukraine2025/ukraine2025.yaml"}, 2},
		{"diff-bad-format", "diff has no markdown", []string{"diff", "--format", "markdown", "../../examples/ukraine2025/ukraine2025.yaml", "../../examples/ukraine2025/ukraine2025.yaml"}, 2},
		{"search-two-files", "search takes one file", []string{"search", "testdata/article5.yaml", "testdata/budapest1994.yaml"}, 2},
		{"search-missing-file", "a file that does not exist exits 2", []string{"search", "testdata/no-such-file.yaml"}, 2},
		{"search-bad", "a file that does not load exits 2 with every problem", []string{"search", "testdata/unknown-actor.yaml"}, 2},
		{"example", "example prints the seed scenario's file", []string{"example"}, 0},
		{"example-unknown", "an unknown example lists the ones there are", []string{"example", "nowhere"}, 2},
		{"no-command", "no command prints the usage and exits 2", nil, 2},
		{"unknown-command", "an unknown command exits 2", []string{"simulate", "x.yaml"}, 2},
		{"help", "help lists only the commands that work", []string{"help"}, 0},
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
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

// TestCheckJSONMatchesEvaluate checks that check --format json on the seed
// carries exactly the findings Evaluate returns, and exits 1.
func TestCheckJSONMatchesEvaluate(t *testing.T) {
	e, out, _ := fakeEnv(false, nil)
	if code := run([]string{"check", "--format", "json"}, e); code != exitFinding {
		t.Fatalf("exit %d, want %d", code, exitFinding)
	}
	var got struct {
		File string `json:"file"`
		scenario.Report
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not one JSON report: %v\n%s", err, out)
	}
	want, err := scenario.Evaluate(examples.Ukraine2025())
	if err != nil {
		t.Fatal(err)
	}
	// JSON writes no list as null, so empty and absent lists compare equal.
	if diff := cmp.Diff(want, got.Report, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("check --format json differs from Evaluate (-Evaluate +check):\n%s", diff)
	}
	if got.File != examples.Ukraine2025File {
		t.Errorf("file = %q, want %q", got.File, examples.Ukraine2025File)
	}
}

// TestColor checks that the text output of check and search is coloured
// on a terminal only, and never when NO_COLOR is set or --color=never is
// given.
func TestColor(t *testing.T) {
	for _, tc := range []struct {
		reason   string
		terminal bool
		vars     map[string]string
		args     []string
		want     bool
	}{
		{"a terminal gets colour", true, nil, nil, true},
		{"a pipe gets none", false, nil, nil, false},
		{"NO_COLOR turns it off on a terminal", true, map[string]string{"NO_COLOR": "1"}, nil, false},
		{"TERM=dumb turns it off", true, map[string]string{"TERM": "dumb"}, nil, false},
		{"--color=never wins on a terminal", true, nil, []string{"--color=never"}, false},
		{"--color=always colours a pipe", false, nil, []string{"--color=always"}, true},
		{"JSON is never coloured", true, nil, []string{"--format=json"}, false},
	} {
		for _, command := range []string{"check", "search"} {
			e, out, _ := fakeEnv(tc.terminal, tc.vars)
			run(append([]string{command}, tc.args...), e)
			if got := strings.Contains(out.String(), "\x1b["); got != tc.want {
				t.Errorf("%s: entente %s coloured = %v, want %v", tc.reason, command, got, tc.want)
			}
		}
	}
}

// TestFmtWrite checks that fmt -w rewrites a file in canonical form, and
// leaves a file that does not load exactly as it was.
func TestFmtWrite(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.yaml")
	messy := "entente: 1\nname: messy\nactors: [{name: Ukraine, id: UA}]\n"
	if err := os.WriteFile(good, []byte(messy), 0o640); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	broken := "entente: 1\nactors:\n  - {id: UA, nmae: Ukraine}\n"
	if err := os.WriteFile(bad, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	e, _, errOut := fakeEnv(false, nil)
	if code := run([]string{"fmt", "-w", good, bad}, e); code != exitInput {
		t.Errorf("fmt -w with one bad file: exit %d, want %d", code, exitInput)
	}
	got, _ := os.ReadFile(good)
	want := "entente: 1\nname: messy\nactors:\n  - {id: UA, name: Ukraine}\n"
	if diff := cmp.Diff(want, string(got)); diff != "" {
		t.Errorf("fmt -w did not rewrite the good file canonically (-want +got):\n%s", diff)
	}
	if info, _ := os.Stat(good); info.Mode().Perm() != 0o640 {
		t.Errorf("fmt -w changed the file's permissions to %v", info.Mode().Perm())
	}
	if got, _ := os.ReadFile(bad); string(got) != broken {
		t.Errorf("fmt -w changed a file that does not load:\n%s", got)
	}
	if !strings.Contains(errOut.String(), `bad.yaml:3:14: actors[0].nmae: unknown key "nmae"; did you mean "name"?`) {
		t.Errorf("fmt -w did not report the bad file's problem where it is; stderr:\n%s", errOut)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("fmt -w left files behind: %v", entries)
	}
}

// TestSearchJSONMatchesSearch checks that search --format json on the seed
// carries exactly what scenario.Search returns, and exits 1.
func TestSearchJSONMatchesSearch(t *testing.T) {
	e, out, _ := fakeEnv(false, nil)
	if code := run([]string{"search", "--format", "json", "--count"}, e); code != exitFinding {
		t.Fatalf("exit %d, want %d", code, exitFinding)
	}
	var got struct {
		File     string `json:"file"`
		Scenario string `json:"scenario"`
		scenario.SearchResult
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	s := examples.Ukraine2025()
	want, err := scenario.Search(context.Background(), s, scenario.SearchOptions{Count: true})
	if err != nil {
		t.Fatal(err)
	}
	// JSON names a package's vetoes by their positions only, and writes no
	// list as null.
	opts := cmp.Options{cmpopts.EquateEmpty(), cmpopts.IgnoreFields(scenario.Package{}, "Vetoes")}
	if diff := cmp.Diff(want, got.SearchResult, opts); diff != "" {
		t.Errorf("search --format json differs from Search (-Search +search):\n%s", diff)
	}
	if got.File != examples.Ukraine2025File || got.Scenario != s.Name {
		t.Errorf("file, scenario = %q, %q; want %q, %q", got.File, got.Scenario, examples.Ukraine2025File, s.Name)
	}
}

// TestSearchIncomplete checks that a search a limit stopped says so, and
// why, in words.
func TestSearchIncomplete(t *testing.T) {
	s := examples.Ukraine2025()
	r, err := scenario.Search(context.Background(), s, scenario.SearchOptions{})
	if err != nil {
		t.Fatal(err)
	}
	r.Complete, r.Stopped = false, "stopped: context deadline exceeded"
	r.Conflicts = nil
	var buf bytes.Buffer
	if err := writeSearchText(&buf, s, r, scenario.SearchOptions{Timeout: 2 * time.Second}, false); err != nil {
		t.Fatal(err)
	}
	if want := "The search is incomplete: the --timeout of 2s ran out;"; !strings.Contains(buf.String(), want) {
		t.Errorf("an incomplete search does not say %q:\n%s", want, buf.String())
	}
	r.Stopped = "reported the first 1 maximal packages of more"
	buf.Reset()
	if err := writeSearchText(&buf, s, r, scenario.SearchOptions{MaxPackages: 1}, false); err != nil {
		t.Fatal(err)
	}
	if want := "The search is incomplete: reported the first 1 maximal packages of more;"; !strings.Contains(buf.String(), want) {
		t.Errorf("a search cut short by --max does not say %q:\n%s", want, buf.String())
	}
}

// TestSearchProgress checks that a long search shows a ticking line on a
// terminal's standard error and clears it at the end, and shows nothing
// on a pipe.
func TestSearchProgress(t *testing.T) {
	defer func(d time.Duration) { progressEvery = d }(progressEvery)
	progressEvery = time.Millisecond
	for _, terminal := range []bool{true, false} {
		e, _, errOut := fakeEnv(terminal, nil)
		ran := false
		withProgress(e, "entente search: searching", func() { time.Sleep(50 * time.Millisecond); ran = true })
		if !ran {
			t.Fatal("withProgress did not run the search")
		}
		got := errOut.String()
		if !terminal {
			if got != "" {
				t.Errorf("progress on a pipe: %q", got)
			}
			continue
		}
		if !strings.Contains(got, "\rentente search: searching ") {
			t.Errorf("no progress line on a terminal: %q", got)
			continue
		}
		last := got[strings.LastIndex(got[:len(got)-1], "\r"):]
		if strings.TrimSpace(last) != "" || !strings.HasSuffix(got, "\r") {
			t.Errorf("the progress line is not cleared at the end: %q", got)
		}
	}
}

// TestFmtOddFiles checks fmt against what is not a plain file: a symbolic
// link is followed and its target rewritten, a device is read no further
// than the size limit, and "--" makes everything after it a file.
func TestFmtOddFiles(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real.yaml")
	if err := os.WriteFile(real, []byte("entente: 1\nactors: [{name: Ukraine, id: UA}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "link.yaml")
	if err := os.Symlink(real, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	e, _, errOut := fakeEnv(false, nil)
	if code := run([]string{"fmt", "-w", link}, e); code != exitOK {
		t.Fatalf("fmt -w through a link: exit %d; stderr:\n%s", code, errOut)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("fmt -w replaced the link with a file")
	}
	if got, _ := os.ReadFile(real); string(got) != "entente: 1\nactors:\n  - {id: UA, name: Ukraine}\n" {
		t.Errorf("fmt -w did not rewrite the link's target:\n%s", got)
	}

	if _, err := os.Stat("/dev/zero"); err == nil {
		e, _, errOut = fakeEnv(false, nil)
		if code := run([]string{"fmt", "--max-size", "1KiB", "/dev/zero"}, e); code != exitInput {
			t.Errorf("fmt /dev/zero: exit %d, want %d", code, exitInput)
		}
		if !strings.Contains(errOut.String(), "file too large") {
			t.Errorf("fmt /dev/zero: want the size limit's message; stderr:\n%s", errOut)
		}
	}

	flagLike := filepath.Join(dir, "-w")
	if err := os.WriteFile(flagLike, []byte("entente: 1\nactors: [{name: Ukraine, id: UA}]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	e, out, errOut := fakeEnv(false, nil)
	if code := run([]string{"fmt", "--", "real.yaml", "-w"}, e); code != exitOK {
		t.Fatalf("fmt -- FILE -w: exit %d; stderr:\n%s", code, errOut)
	}
	if got, _ := os.ReadFile(flagLike); !strings.Contains(string(got), "{name: Ukraine, id: UA}") {
		t.Errorf("a file named -w after -- was taken as the -w flag and rewritten")
	}
	if strings.Count(out.String(), "entente: 1") != 2 {
		t.Errorf("fmt -- FILE -w printed %q; want both files", out)
	}
}

// failingWriter fails every write, as a full disk does.
type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, os.ErrClosed }

// TestWriteErrors checks that a command whose output cannot be written
// says so and fails, so that "entente fmt a.yaml > b.yaml" on a full disk
// does not pass for a success.
func TestWriteErrors(t *testing.T) {
	for _, args := range [][]string{{"fmt", "testdata/article5.yaml"}, {"example"}, {"schema"}} {
		e, _, errOut := fakeEnv(false, nil)
		e.stdout = failingWriter{}
		if code := run(args, e); code != exitInput {
			t.Errorf("entente %s with a failing stdout: exit %d, want %d", strings.Join(args, " "), code, exitInput)
		}
		if errOut.Len() == 0 {
			t.Errorf("entente %s with a failing stdout: nothing on stderr", strings.Join(args, " "))
		}
	}
}
