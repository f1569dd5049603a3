// Command gotemplateoracle runs text/template cases read as JSON on stdin and prints the results as JSON.
// It is the reference the go-template spec compares Fjord's engine against. Standard library only.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"text/template"
)

type file struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

type testCase struct {
	Name       string          `json:"name"`
	Template   string          `json:"template"`
	Data       json.RawMessage `json:"data"`
	MissingKey string          `json:"missingkey"`
	Files      []file          `json:"files"`
	Exec       string          `json:"exec"`
}

type result struct {
	Name   string `json:"name"`
	Output string `json:"output"`
	Error  string `json:"error,omitempty"`
}

// convert turns tagged JSON ({"$int": 3}, {"$strings": [...]}) into Go values; plain numbers are float64.
func convert(v any) any {
	switch x := v.(type) {
	case json.Number:
		f, _ := x.Float64()
		return f
	case []any:
		for i := range x {
			x[i] = convert(x[i])
		}
		return x
	case map[string]any:
		if len(x) == 1 {
			for k, inner := range x {
				switch k {
				case "$int":
					n, _ := inner.(json.Number).Int64()
					return int(n)
				case "$int64":
					n, _ := inner.(json.Number).Int64()
					return n
				case "$uint8":
					n, _ := inner.(json.Number).Int64()
					return uint8(n)
				case "$strings":
					out := []string{}
					for _, s := range inner.([]any) {
						out = append(out, s.(string))
					}
					return out
				case "$stringmap":
					out := map[string]string{}
					for mk, s := range inner.(map[string]any) {
						out[mk] = s.(string)
					}
					return out
				case "$bytes":
					return []byte(inner.(string))
				case "$func":
					return testFuncs[inner.(string)]
				}
			}
		}
		for k := range x {
			x[k] = convert(x[k])
		}
		return x
	}
	return v
}

// testFuncs are typed functions shared with the spec (same names and signatures on the TypeScript side).
var testFuncs = template.FuncMap{
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

func run(c testCase) (res result) {
	res.Name = c.Name
	defer func() {
		if r := recover(); r != nil {
			res.Error = fmt.Sprint("panic: ", r)
		}
	}()
	var data any
	if len(c.Data) > 0 {
		dec := json.NewDecoder(strings.NewReader(string(c.Data)))
		dec.UseNumber()
		if err := dec.Decode(&data); err != nil {
			res.Error = "bad data: " + err.Error()
			return
		}
		data = convert(data)
	}
	root := template.New("t").Funcs(testFuncs)
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

func main() {
	var cases []testCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	results := make([]result, 0, len(cases))
	for _, c := range cases {
		results = append(results, run(c))
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(results); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
