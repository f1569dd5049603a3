package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"text/template"
)

// conformanceFile is one template of a set, parsed under its name.
type conformanceFile struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

// conformanceCase is one case of libs/go-template/src/conformance.cases.ts: a template, or a set of named files
// executed by name.
type conformanceCase struct {
	Name       string            `json:"name"`
	Template   string            `json:"template"`
	Data       json.RawMessage   `json:"data"`
	MissingKey string            `json:"missingkey"`
	Files      []conformanceFile `json:"files"`
	Exec       string            `json:"exec"`
}

type conformanceResult struct {
	Name   string `json:"name"`
	Output string `json:"output"`
	Error  string `json:"error,omitempty"`
}

// conformanceFuncs are typed functions shared with the spec (same names and signatures on the TypeScript side).
var conformanceFuncs = template.FuncMap{
	"upper":  strings.ToUpper,
	"double": func(n int) int { return 2 * n },
	"half":   func(f float64) float64 { return f / 2 },
	"fails":  func(msg string) (string, error) { return "", errors.New(msg) },
	"strs":   func() []string { return []string{"b", "a"} },
	"vararg": func(s string, n ...int) string { return fmt.Sprint(s, n) },
	"echo":   func(v any) any { return v },
	"boom":   func() string { panic("boom") },
	"mkmap":  func() map[string]any { return map[string]any{"k": "v", "n": nil} },
	"nilmap": func() map[string]any { return nil },
	"toggle": func(b bool) bool { return !b },
	"i64":    func(n int64) int64 { return n + 1 },
}

// runConformance parses the case's template or set with the test functions and executes it; Go's partial output
// before an error is kept beside the error.
func runConformance(c conformanceCase) (res conformanceResult) {
	res.Name = c.Name
	defer func() {
		if r := recover(); r != nil {
			res.Error = fmt.Sprint("panic: ", r)
		}
	}()
	data, err := decodeData(c.Data)
	if err != nil {
		res.Error = err.Error()
		return
	}
	root := template.New("t").Funcs(conformanceFuncs)
	if c.MissingKey != "" {
		root.Option("missingkey=" + c.MissingKey)
	}
	exec := "t"
	if len(c.Files) == 0 {
		if _, err := root.Parse(c.Template); err != nil {
			res.Error = err.Error()
			return
		}
	}
	for _, f := range c.Files {
		if _, err := root.New(f.Name).Parse(f.Text); err != nil {
			res.Error = err.Error()
			return
		}
		exec = f.Name
	}
	if c.Exec != "" {
		exec = c.Exec
	}
	var out strings.Builder
	if err := root.ExecuteTemplate(&out, exec, data); err != nil {
		res.Error = err.Error()
	}
	res.Output = out.String()
	return res
}

// conformance runs every case of the JSON array on stdin and prints the results as one JSON array.
func conformance() error {
	var cases []conformanceCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		return err
	}
	results := make([]conformanceResult, 0, len(cases))
	for _, c := range cases {
		results = append(results, runConformance(c))
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	return enc.Encode(results)
}
