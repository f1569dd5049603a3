// Command helm-values is the fuzz oracle for Helm's values handling: it reads one JSON request a line on stdin
// and answers one JSON line on stdout with what helm v4 makes of it. Each request carries a chart tree (values,
// declared dependencies, loaded subcharts), values files (YAML text) and --set/--set-string/--set-file
// expressions; the answer is the user values `helm template` merges from the flags (values.Options.MergeValues)
// and the values the templates see after ProcessDependencies and CoalesceValues, or the error of the first
// step that fails.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"helm.sh/helm/v4/pkg/chart/common/util"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
	"helm.sh/helm/v4/pkg/cli/values"
	"helm.sh/helm/v4/pkg/getter"
)

type chartSpec struct {
	Name    string          `json:"name"`
	Version string          `json:"version"`
	Values  json.RawMessage `json:"values"`
	Reqs    []reqSpec       `json:"reqs"`
	Deps    []chartSpec     `json:"deps"`
}

type reqSpec struct {
	Name      string   `json:"name"`
	Version   string   `json:"version"`
	Alias     string   `json:"alias"`
	Condition string   `json:"condition"`
	Tags      []string `json:"tags"`
}

type request struct {
	ID        int               `json:"id"`
	Chart     chartSpec         `json:"chart"`
	Files     []string          `json:"files"`
	Set       []string          `json:"set"`
	SetString []string          `json:"setString"`
	SetFile   []string          `json:"setFile"`
	Readable  map[string]string `json:"readable"`
}

type response struct {
	ID        int    `json:"id"`
	User      any    `json:"user,omitempty"`
	UserError string `json:"userError,omitempty"`
	Values    any    `json:"values,omitempty"`
	Error     string `json:"error,omitempty"`
}

func buildChart(s chartSpec) (*chart.Chart, error) {
	vals := map[string]any{}
	if len(s.Values) > 0 {
		if err := json.Unmarshal(s.Values, &vals); err != nil {
			return nil, fmt.Errorf("values of chart %s: %w", s.Name, err)
		}
	}
	md := &chart.Metadata{APIVersion: chart.APIVersionV2, Name: s.Name, Version: s.Version}
	if s.Reqs != nil {
		md.Dependencies = []*chart.Dependency{}
		for _, r := range s.Reqs {
			md.Dependencies = append(md.Dependencies, &chart.Dependency{Name: r.Name, Version: r.Version, Alias: r.Alias, Condition: r.Condition, Tags: r.Tags})
		}
	}
	c := &chart.Chart{Metadata: md, Values: vals}
	for _, d := range s.Deps {
		sub, err := buildChart(d)
		if err != nil {
			return nil, err
		}
		c.AddDependency(sub)
	}
	return c, nil
}

// tagged turns values into JSON that keeps Go's types apart: maps {"m":{…}}, int64 {"i":"…"}, float64 {"f":…}.
func tagged(v any) any {
	switch x := v.(type) {
	case nil, bool, string:
		return x
	case float64:
		return map[string]any{"f": x}
	case int64:
		return map[string]any{"i": fmt.Sprint(x)}
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = tagged(e)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = tagged(e)
		}
		return map[string]any{"m": out}
	default:
		return map[string]any{"?": fmt.Sprintf("%T %v", v, v)}
	}
}

// handle answers one request inside dir (the working directory, where --set-file paths are read).
func handle(req request, dir string) response {
	res := response{ID: req.ID}
	opts := values.Options{Values: req.Set, StringValues: req.SetString, FileValues: req.SetFile}
	for i, text := range req.Files {
		name := filepath.Join(dir, fmt.Sprintf("values-%d.yaml", i))
		if err := os.WriteFile(name, []byte(text), 0o600); err != nil {
			res.UserError = err.Error()
			return res
		}
		opts.ValueFiles = append(opts.ValueFiles, name)
	}
	for name, text := range req.Readable {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			res.UserError = err.Error()
			return res
		}
	}
	user, err := opts.MergeValues(getter.Providers{})
	if err != nil {
		res.UserError = err.Error()
		return res
	}
	res.User = tagged(user)
	c, err := buildChart(req.Chart)
	if err != nil {
		res.Error = "oracle: " + err.Error()
		return res
	}
	// As action.Install does for `helm template`: dependencies first, then the values the templates see.
	if err := chartutil.ProcessDependencies(c, user); err != nil {
		res.Error = fmt.Sprintf("chart dependencies processing failed: %s", err)
		return res
	}
	vals, err := util.CoalesceValues(c, user)
	if err != nil {
		res.Error = err.Error()
		return res
	}
	res.Values = tagged(map[string]any(vals))
	return res
}

func main() {
	dir, err := os.MkdirTemp("", "helm-values-oracle-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	defer os.RemoveAll(dir)
	if err := os.Chdir(dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for in.Scan() {
		var req request
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			fmt.Fprintf(os.Stderr, "bad request: %v\n", err)
			os.Exit(2)
		}
		if err := enc.Encode(handle(req, dir)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		if err := out.Flush(); err != nil {
			os.Exit(2)
		}
	}
}
