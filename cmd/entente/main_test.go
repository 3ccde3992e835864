package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/entente-go/entente/bargain"
	"github.com/entente-go/entente/deals"
	"github.com/entente-go/entente/examples"
	"github.com/entente-go/entente/scenario"
	"github.com/entente-go/entente/scenario/scenariofile"
	"github.com/entente-go/entente/sweep"
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
		{"version-extra", "version takes no arguments, as schema does", []string{"version", "extra"}, 2},
		{"schema-extra", "schema takes no arguments", []string{"schema", "extra"}, 2},
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
		{"export-bargain-asp", "the deals of four offers as a program for clingo, with the utilities to optimise", []string{"export", "--format", "asp", "testdata/bargain.yaml"}, 0},
		{"export-seed-variant-asp", "the seed without Moscow's demand as a program for clingo", []string{"export", "--format=asp", "--variant", "moscow-drops-veto-demand"}, 0},
		{"export-no-format", "export needs --format asp", []string{"export", "testdata/article5.yaml"}, 2},
		{"export-invalid", "an invalid scenario exports nothing and exits 2", []string{"export", "--format", "asp", "testdata/unknown-actor.yaml"}, 2},
		{"bargain-four", "four offers where the four norms settle on four different packages", []string{"bargain", "testdata/bargain.yaml"}, 0},
		{"bargain-four-json", "the bargaining result in JSON", []string{"bargain", "--format", "json", "testdata/bargain.yaml"}, 0},
		{"bargain-four-markdown", "the bargaining result in Markdown, the frontier cut to 3", []string{"bargain", "--format", "markdown", "--frontier", "3", "testdata/bargain.yaml"}, 0},
		{"bargain-none", "no deal is possible: nothing to bargain over, exit 1", []string{"bargain", "testdata/bargain-none.yaml"}, 1},
		{"bargain-limit", "more outcomes than --limit is an input error that says so", []string{"bargain", "--limit", "14", "testdata/bargain.yaml"}, 2},
		{"bargain-no-values", "a scenario without values has nobody to bargain", []string{"bargain", "testdata/article5.yaml"}, 2},
		{"check-bargain-html", "the HTML report of a scenario with values has a Bargaining section with its picture", []string{"check", "--format", "html", "testdata/bargain.yaml"}, 0},
		{"bargain-dangling", "a weight on the veto of a position the file lacks is warned of and never counts", []string{"bargain", "testdata/bargain-dangling.yaml"}, 0},
		{"bargain-bad-format", "bargain has no html", []string{"bargain", "--format", "html", "testdata/bargain.yaml"}, 2},
		{"bargain-utilitarian", "the utilitarian solution alone, the same deal and score as bargain's, with each actor's utility", []string{"bargain", "--utilitarian", "testdata/bargain.yaml"}, 0},
		{"bargain-utilitarian-json", "the utilitarian solution alone in JSON", []string{"bargain", "--utilitarian", "--format", "json", "testdata/bargain.yaml"}, 0},
		{"bargain-utilitarian-none", "no deal is possible: the solution is absent, exit 1", []string{"bargain", "--utilitarian", "testdata/bargain-none.yaml"}, 1},
		{"bargain-utilitarian-markdown", "--utilitarian prints text or json", []string{"bargain", "--utilitarian", "--format", "markdown", "testdata/bargain.yaml"}, 2},
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
		{"diff-un-mandate", "a mandate and a trigger changed: the mandate edit and captured-renewal", []string{"diff", "--variant", "un-mandated-first-line", "../../examples/ukraine2025/ukraine2025.yaml"}, 1},
		{"diff-mandate-and-dates", "a mandate removed and a date moved: without mandate, and the timeline with its dates", []string{"diff", "../../examples/georgia2009/georgia2009.yaml", "testdata/georgia-rollover.yaml"}, 1},
		{"diff-same", "a file against itself: no difference, exit 0", []string{"diff", "../../examples/ukraine2025/ukraine2025.yaml", "../../examples/ukraine2025/ukraine2025.yaml"}, 0},
		{"diff-two-files", "two unrelated frameworks: the edits between them and what changes", []string{"diff", "testdata/article5.yaml", "testdata/budapest1994.yaml"}, 1},
		{"diff-one-file", "one file needs a what-if", []string{"diff", "../../examples/ukraine2025/ukraine2025.yaml"}, 2},
		{"check-locarno", "the League Council sets the parties aside: no guarantee is captured, and the info says why", []string{"check", "../../examples/locarno1925/locarno1925.yaml"}, 0},
		{"diff-parties-aside", "the parties voting too: diff names the change and the captures it brings", []string{"diff", "--variant", "parties-vote", "../../examples/locarno1925/locarno1925.yaml"}, 1},
		{"graph-locarno", "the Council drawn with its rule, parties aside", []string{"graph", "--format", "mermaid", "../../examples/locarno1925/locarno1925.yaml"}, 0},
		{"diff-bad-format", "diff has no markdown", []string{"diff", "--format", "markdown", "../../examples/ukraine2025/ukraine2025.yaml", "../../examples/ukraine2025/ukraine2025.yaml"}, 2},
		{"search-two-files", "search takes one file", []string{"search", "testdata/article5.yaml", "testdata/budapest1994.yaml"}, 2},
		{"search-missing-file", "a file that does not exist exits 2", []string{"search", "testdata/no-such-file.yaml"}, 2},
		{"search-bad", "a file that does not load exits 2 with every problem", []string{"search", "testdata/unknown-actor.yaml"}, 2},
		{"graph-seed", "with no file, graph draws the seed in DOT and says so on stderr", []string{"graph"}, 0},
		{"graph-seed-mermaid", "Mermaid for GitHub and note tools", []string{"graph", "--format", "mermaid"}, 0},
		{"graph-budapest", "the captured assurance stands out", []string{"graph", "testdata/budapest1994.yaml"}, 0},
		{"graph-article5-mermaid", "a compatible scenario: nothing marked", []string{"graph", "--format=mermaid", "testdata/article5.yaml"}, 0},
		{"graph-seed-actor", "--actor keeps what involves the actor", []string{"graph", "--actor", "TR"}, 0},
		{"graph-seed-kind", "--kind keeps a kind and the kinds below it", []string{"graph", "--kind", "military", "--format", "mermaid"}, 0},
		{"graph-seed-variant", "the picture of a what-if", []string{"graph", "--variant", "moscow-gets-its-veto", "--format", "mermaid"}, 0},
		{"graph-seed-without", "the picture without an element", []string{"graph", "--without", "us-air-support", "--format", "mermaid"}, 0},
		{"graph-unknown-actor", "an actor the scenario lacks is an error, with the closest", []string{"graph", "--actor", "UKR"}, 2},
		{"graph-bad-kind", "a malformed kind is a command-line error", []string{"graph", "--kind", "Military!"}, 2},
		{"graph-bad-format", "an unknown --format is a command-line error", []string{"graph", "--format", "png"}, 2},
		{"graph-two-files", "graph draws one file", []string{"graph", "testdata/article5.yaml", "testdata/budapest1994.yaml"}, 2},
		{"graph-bad", "a file that does not load draws nothing", []string{"graph", "testdata/unknown-actor.yaml"}, 2},
		{"check-seed-html", "one self-contained page with every section the seed has", []string{"check", "--format", "html"}, 1},
		{"check-budapest-html", "a page with a timeline and a search, and no sweep", []string{"check", "--format=html", "testdata/budapest1994.yaml"}, 1},
		{"check-article5-html", "a compatible page", []string{"check", "--format=html", "testdata/article5.yaml"}, 0},
		{"check-html-two-files", "a page is for one file", []string{"check", "--format=html", "testdata/article5.yaml", "testdata/budapest1994.yaml"}, 2},
		{"sweep-seed", "a sweep of the seed estimates, and exits 0 whatever it finds", []string{"sweep", "--samples", "2000", "--seed", "1"}, 0},
		{"sweep-seed-json", "the sweep in JSON, with the file", []string{"sweep", "--format", "json", "--samples", "2000", "--seed", "1"}, 0},
		{"sweep-budapest", "likelihoods on a guarantee, a position and a veto: sensitivities, intervals", []string{"sweep", "--samples", "2000", "--seed", "1", "testdata/budapest-likely.yaml"}, 0},
		{"sweep-budapest-json", "a sweep with likelihoods in JSON", []string{"sweep", "--format=json", "--samples=2000", "--seed=1", "testdata/budapest-likely.yaml"}, 0},
		{"sweep-budapest-defaults", "10,000 samples, seed 0, searched and walked when nothing is said", []string{"sweep", "testdata/budapest-likely.yaml"}, 0},
		{"sweep-budapest-no-search", "--search=false and --walk=false leave out deals, offers and the timeline", []string{"sweep", "--search=false", "--walk=false", "--samples", "500", "--seed", "7", "testdata/budapest-likely.yaml"}, 0},
		{"sweep-variant", "a sweep of a variant of the seed", []string{"sweep", "--variant", "moscow-drops-veto-demand", "--samples", "2000", "--seed", "1"}, 0},
		{"sweep-without", "a sweep without the position that rejects the veto", []string{"sweep", "--without", "ua-rejects-ru-veto", "--samples", "2000", "--seed", "1", "testdata/budapest-likely.yaml"}, 0},
		{"sweep-certain", "with no likelihood, every sample is the same, and stderr says how to add one", []string{"sweep", "--samples", "100", "testdata/article5.yaml"}, 0},
		{"sweep-zero-samples", "--samples must be 1 or more", []string{"sweep", "--samples", "0"}, 2},
		{"sweep-negative-samples", "a negative --samples is a command-line error", []string{"sweep", "--samples=-5"}, 2},
		{"sweep-too-many-samples", "--samples has a bound, and the message says it", []string{"sweep", "--samples", "10000001"}, 2},
		{"sweep-bad-samples", "--samples must be a number", []string{"sweep", "--samples", "lots"}, 2},
		{"sweep-bad-seed", "--seed must be a whole number from 0", []string{"sweep", "--seed", "-1"}, 2},
		{"sweep-bad-format", "sweep has no markdown", []string{"sweep", "--format", "markdown"}, 2},
		{"sweep-two-files", "sweep takes one file", []string{"sweep", "testdata/article5.yaml", "testdata/budapest-likely.yaml"}, 2},
		{"sweep-missing-file", "a file that does not exist exits 2", []string{"sweep", "testdata/no-such-file.yaml"}, 2},
		{"sweep-bad", "a file that does not load exits 2 with file:line:col messages", []string{"sweep", "testdata/unknown-actor.yaml"}, 2},
		{"example", "example prints the seed scenario's file", []string{"example"}, 0},
		{"example-unknown", "an unknown example lists the ones there are", []string{"example", "nowhere"}, 2},
		{"example-georgia", "example prints a historical mission by name", []string{"example", "georgia2009"}, 0},
		{"check-georgia", "the aggressor's seat in the renewing body: captured-renewal", []string{"check", "../../examples/georgia2009/georgia2009.yaml"}, 1},
		{"check-macedonia", "a veto holder's position against the mission: blocked-renewal", []string{"check", "../../examples/macedonia1999/macedonia1999.yaml"}, 1},
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
// carries exactly what deals.Search returns, and exits 1.
func TestSearchJSONMatchesSearch(t *testing.T) {
	e, out, _ := fakeEnv(false, nil)
	if code := run([]string{"search", "--format", "json", "--count"}, e); code != exitFinding {
		t.Fatalf("exit %d, want %d", code, exitFinding)
	}
	// The result's own fields sit beside the file's: read them apart, since
	// SearchResult reads a whole object.
	var got struct {
		File     string `json:"file"`
		Scenario string `json:"scenario"`
		deals.Result
	}
	if err := json.Unmarshal(out.Bytes(), &got.Result); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	if err := json.Unmarshal(out.Bytes(), &struct {
		File     *string `json:"file"`
		Scenario *string `json:"scenario"`
	}{&got.File, &got.Scenario}); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	s := examples.Ukraine2025()
	want, err := deals.Search(context.Background(), s, deals.Options{Count: true})
	if err != nil {
		t.Fatal(err)
	}
	// JSON writes no list as null.
	opts := cmp.Options{cmpopts.EquateEmpty()}
	if diff := cmp.Diff(want, got.Result, opts); diff != "" {
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
	r, err := deals.Search(context.Background(), s, deals.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r.Complete, r.Stopped = false, "stopped: context deadline exceeded"
	r.Conflicts = nil
	var buf bytes.Buffer
	if err := deals.WriteText(&buf, s, r, deals.Options{Timeout: 2 * time.Second}); err != nil {
		t.Fatal(err)
	}
	if want := "The search is incomplete: the timeout of 2s ran out;"; !strings.Contains(buf.String(), want) {
		t.Errorf("an incomplete search does not say %q:\n%s", want, buf.String())
	}
	r.Stopped = "reported the first 1 maximal packages of more"
	buf.Reset()
	if err := deals.WriteText(&buf, s, r, deals.Options{MaxPackages: 1}); err != nil {
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
	for _, args := range [][]string{{"fmt", "testdata/article5.yaml"}, {"example"}, {"schema"}, {"help"}, {"version"}, {"sweep", "--samples", "100"}, {"sweep", "--format=json", "--samples", "100"}} {
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

// TestSweepDeterministic checks that a sweep's standard output depends on
// its seed alone: the same, byte for byte, from run to run, on one core or
// two, and with or without the progress bar on a terminal.
func TestSweepDeterministic(t *testing.T) {
	defer func(d time.Duration) { progressEvery = d }(progressEvery)
	progressEvery = time.Millisecond
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, args := range [][]string{
		{"sweep", "--samples", "20000", "--seed", "3", "testdata/budapest-likely.yaml"},
		{"sweep", "--format", "json", "--samples", "20000", "--seed", "3", "testdata/budapest-likely.yaml"},
		{"sweep", "--samples", "5000", "--seed", "3"},
	} {
		var first string
		for i, how := range []struct {
			procs    int
			terminal bool
		}{{1, false}, {2, false}, {2, false}, {1, true}, {2, true}} {
			runtime.GOMAXPROCS(how.procs)
			e, out, errOut := fakeEnv(how.terminal, nil)
			if code := run(args, e); code != exitOK {
				t.Fatalf("entente %s: exit %d; stderr:\n%s", strings.Join(args, " "), code, errOut)
			}
			if i == 0 {
				first = out.String()
				continue
			}
			if diff := cmp.Diff(first, out.String()); diff != "" {
				t.Errorf("entente %s on %d cores (terminal %v) differs from the first run on one core (-first +this):\n%s", strings.Join(args, " "), how.procs, how.terminal, diff)
			}
		}
	}
}

// TestSweepJSONMatchesSweep checks that sweep --format json carries
// exactly what sweep.Run returns, with the file.
func TestSweepJSONMatchesSweep(t *testing.T) {
	e, out, errOut := fakeEnv(false, nil)
	if code := run([]string{"sweep", "--format", "json", "--samples", "3000", "--seed", "9", "--without", "respect-borders", "testdata/budapest-likely.yaml"}, e); code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut)
	}
	var got struct {
		File string `json:"file"`
		sweep.Result
	}
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("output is not one JSON object: %v\n%s", err, out)
	}
	s, err := scenariofile.ReadFile("testdata/budapest-likely.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if s, err = s.With(scenario.Without{ID: "respect-borders"}); err != nil {
		t.Fatal(err)
	}
	want, err := sweep.Run(context.Background(), s, sweep.Options{Samples: 3000, Seed: 9, Search: true, Walk: true})
	if err != nil {
		t.Fatal(err)
	}
	opts := cmp.Options{cmpopts.EquateEmpty(), cmpopts.IgnoreFields(sweep.Result{}, "Evaluated", "Scenario")}
	if diff := cmp.Diff(want, got.Result, opts); diff != "" {
		t.Errorf("sweep --format json differs from Sweep (-Sweep +sweep):\n%s", diff)
	}
	if got.File != "testdata/budapest-likely.yaml" || got.Scenario != s.Name+" (without respect-borders)" {
		t.Errorf("file, scenario = %q, %q", got.File, got.Scenario)
	}
}

// TestSweepProgress checks that a sweep on a terminal draws a progress
// bar on standard error and clears it at the end, that it never does on a
// pipe, and that standard output is the same either way.
func TestSweepProgress(t *testing.T) {
	defer func(d time.Duration) { progressEvery = d }(progressEvery)
	progressEvery = time.Millisecond
	// Enough samples to last well past the first tick.
	args := []string{"sweep", "--samples", "1000000", "--search=false", "--walk=false", "testdata/budapest-likely.yaml"}
	var outs [2]string
	for i, terminal := range []bool{true, false} {
		e, out, errOut := fakeEnv(terminal, nil)
		if code := run(args, e); code != exitOK {
			t.Fatalf("exit %d; stderr:\n%s", code, errOut)
		}
		outs[i] = out.String()
		got := errOut.String()
		if !terminal {
			if got != "" {
				t.Errorf("progress on a pipe: %q", got)
			}
			continue
		}
		if !regexp.MustCompile(`\rentente sweep: \[[#.]{20}\] +\d+%  [\d,]+/1,000,000 samples`).MatchString(got) {
			t.Errorf("no progress bar on a terminal: %q", got)
			continue
		}
		last := got[strings.LastIndex(got[:len(got)-1], "\r"):]
		if strings.TrimSpace(last) != "" || !strings.HasSuffix(got, "\r") {
			t.Errorf("the progress bar is not cleared at the end: %q", got)
		}
	}
	if outs[0] != outs[1] {
		t.Errorf("standard output differs with the progress bar and without")
	}
}

// TestSweepBar checks the progress bar's words at the start, midway and
// at the end.
func TestSweepBar(t *testing.T) {
	for _, tc := range []struct {
		done, total int
		want        string
	}{
		{0, 10000, "entente sweep: [....................]   0%  0/10,000 samples"},
		{4800, 10000, "entente sweep: [#########...........]  48%  4,800/10,000 samples"},
		{10000, 10000, "entente sweep: [####################] 100%  10,000/10,000 samples"},
		{1, 10_000_000, "entente sweep: [....................]   0%  1/10,000,000 samples"},
		{12, 7, "entente sweep: [####################] 100%  7/7 samples"},
	} {
		if got := sweepBar(tc.done, tc.total); got != tc.want {
			t.Errorf("sweepBar(%d, %d) = %q, want %q", tc.done, tc.total, got, tc.want)
		}
	}
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 123456: "123,456", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// cancelOnProgress is a terminal's standard error that cancels a context,
// as Ctrl-C would, once the progress bar shows a sample done.
type cancelOnProgress struct {
	bytes.Buffer
	cancel context.CancelFunc
}

var someDone = regexp.MustCompile(` [1-9][\d,]*/[\d,]+ samples`)

func (w *cancelOnProgress) Write(p []byte) (int, error) {
	if someDone.Match(p) {
		w.cancel()
	}
	return w.Buffer.Write(p)
}

// TestSweepInterrupted checks that a sweep that Ctrl-C stops prints the
// samples done, says it stopped early, and exits 1.
func TestSweepInterrupted(t *testing.T) {
	t.Run("before any sample", func(t *testing.T) {
		for _, format := range []string{"text", "json"} {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			e, out, errOut := fakeEnv(false, nil)
			e.ctx = ctx
			if code := run([]string{"sweep", "--format", format, "--samples", "2000", "--seed", "1", "testdata/budapest-likely.yaml"}, e); code != exitStopped {
				t.Errorf("%s: exit %d, want %d", format, code, exitStopped)
			}
			if format == "text" && !strings.Contains(out.String(), ": 0 samples, seed 1 (stopped early, of 2000 requested)") {
				t.Errorf("the partial result does not say it stopped early:\n%s", out)
			}
			if format == "json" && !strings.Contains(out.String(), "\"samples\": 0,\n  \"complete\": false,") {
				t.Errorf("the JSON does not say it stopped early:\n%s", out)
			}
			if !strings.Contains(errOut.String(), "entente sweep: interrupted; the result is of the 0 samples done, of 2,000") {
				t.Errorf("stderr does not say the sweep was interrupted:\n%s", errOut)
			}
		}
	})
	t.Run("midway", func(t *testing.T) {
		defer func(d time.Duration) { progressEvery = d }(progressEvery)
		progressEvery = time.Millisecond
		// Twenty offers of even odds: a million distinct samples, so that
		// almost every sample is evaluated afresh, far too many to finish
		// before the interruption.
		var b strings.Builder
		b.WriteString("entente: 1\nname: many offers\nactors: [{id: US, name: United States}, {id: UA, name: Ukraine}, {id: RU, name: Russia}]\nguarantees:\n")
		for i := range 20 {
			fmt.Fprintf(&b, "  - {id: g%d, provider: US, beneficiary: UA, kind: military/air-support, target: RU, trigger: 'attack(RU, UA)', likelihood: 0.5}\n", i)
		}
		b.WriteString("positions:\n  - {actor: RU, demands-veto: {beneficiary: UA}, likelihood: 0.5}\n  - {actor: UA, rejects-veto: {by: [RU], beneficiary: UA}, likelihood: 0.5}\n")
		file := filepath.Join(t.TempDir(), "many.yaml")
		if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		e, out, _ := fakeEnv(true, nil)
		errOut := &cancelOnProgress{cancel: cancel}
		e.stderr, e.ctx = errOut, ctx
		code := run([]string{"sweep", "--format", "json", "--samples", "1000000", "--search=false", "--walk=false", file}, e)
		if code != exitStopped {
			t.Fatalf("exit %d, want %d; stderr:\n%q", code, exitStopped, errOut)
		}
		var got sweep.Result
		if err := json.Unmarshal(out.Bytes(), &got); err != nil {
			t.Fatalf("output is not one JSON object: %v\n%s", err, out)
		}
		if got.Complete || got.Samples == 0 || got.Samples >= got.Requested || got.Compatible.Trials != got.Samples {
			t.Errorf("interrupted midway: complete %v, %d samples of %d, compatible in %d trials; want a partial result", got.Complete, got.Samples, got.Requested, got.Compatible.Trials)
		}
		if !strings.Contains(errOut.String(), "entente sweep: interrupted; the result is of the ") {
			t.Errorf("stderr does not say the sweep was interrupted:\n%q", errOut)
		}
	})
}

// TestBargainUtilitarianAgrees checks that entente bargain --utilitarian
// finds the deal and score of entente bargain's utilitarian solution, on
// the test files with values and on the seed once Moscow drops its veto
// demand.
func TestBargainUtilitarianAgrees(t *testing.T) {
	for _, args := range [][]string{{"testdata/bargain.yaml"}, {"testdata/bargain-dangling.yaml"}, {"--variant", "moscow-drops-veto-demand"}} {
		e, out, errOut := fakeEnv(false, nil)
		if code := run(append([]string{"bargain", "--format", "json"}, args...), e); code != 0 {
			t.Fatalf("entente bargain %v: exit %d\n%s", args, code, errOut)
		}
		var all struct {
			Solutions []bargain.Solution `json:"solutions"`
		}
		if err := json.Unmarshal(out.Bytes(), &all); err != nil {
			t.Fatal(err)
		}
		e, out, errOut = fakeEnv(false, nil)
		if code := run(append([]string{"bargain", "--utilitarian", "--format", "json"}, args...), e); code != 0 {
			t.Fatalf("entente bargain --utilitarian %v: exit %d\n%s", args, code, errOut)
		}
		var one struct {
			Solution bargain.Solution `json:"solution"`
		}
		if err := json.Unmarshal(out.Bytes(), &one); err != nil {
			t.Fatal(err)
		}
		want, got := all.Solutions[0], one.Solution
		if want.Name != bargain.Utilitarian || want.Absent || got.Absent {
			t.Fatalf("%v: bargain's first solution %s (absent %v), --utilitarian absent %v", args, want.Name, want.Absent, got.Absent)
		}
		if !cmp.Equal(want.Outcome.Deal, got.Outcome.Deal) || want.Score != got.Score || !cmp.Equal(want.Outcome.Utilities, got.Outcome.Utilities) {
			t.Errorf("%v: --utilitarian %v scoring %v, utilities %v; bargain %v scoring %v, utilities %v", args,
				got.Outcome.Deal, got.Score, got.Outcome.Utilities, want.Outcome.Deal, want.Score, want.Outcome.Utilities)
		}
	}
}

// TestExamplesStandAlone checks that every example entente example prints
// loads, and names its schema by its address rather than by its path in
// this repository, which means nothing where the copy is saved.
func TestExamplesStandAlone(t *testing.T) {
	for _, b := range builtIn {
		code, out, errOut := runEntente("example", b.name)
		if code != exitOK {
			t.Fatalf("entente example %s: exit %d: %s", b.name, code, errOut)
		}
		first, _, _ := strings.Cut(out, "\n")
		if first != "# yaml-language-server: "+schemaOnline {
			t.Errorf("entente example %s: first line %q, want the schema by its address", b.name, first)
		}
		if strings.Contains(out, "../") {
			t.Errorf("entente example %s: the copy names a path in this repository", b.name)
		}
		if _, err := scenariofile.Parse(b.name+".yaml", []byte(out)); err != nil {
			t.Errorf("entente example %s: the copy does not load: %v", b.name, err)
		}
	}
}

// TestValidateCounts: validate counts what the file holds in words, one
// in the singular.
func TestValidateCounts(t *testing.T) {
	f := filepath.Join(t.TempDir(), "small.yaml")
	src := "entente: 1\nname: small\nactors: [{id: A}, {id: B}]\n" +
		"guarantees: [{id: g, provider: A, beneficiary: B, kind: financial/aid}]\n" +
		"positions: [{actor: B, requires: {ids: [g]}}]\n"
	if err := os.WriteFile(f, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runEntente("validate", f)
	if want := f + ": valid (2 actors, 1 guarantee, 1 position)\n"; code != exitOK || out != want {
		t.Errorf("validate: exit %d, %q (stderr %q); want 0, %q", code, out, errOut, want)
	}
}
