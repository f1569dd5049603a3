// Command gotemplate is the Go side of Fjord's go-template fuzzer, of its Sprig/Helm function completeness test and
// of libs/go-template's conformance spec.
//
//	gotemplate funcs   prints, as JSON, the names of the functions a Helm v4.2.4 chart template can call: Go's
//	                   text/template builtins, Sprig's TxtFuncMap (at the version Helm 4.2.4 builds with) and Helm's
//	                   own additions, and the Sprig names Helm removes.
//	gotemplate serve   reads one JSON array of cases a line on stdin, runs each with text/template and Sprig's
//	                   function map as Helm registers it, and writes one JSON array of results a line on stdout.
//	gotemplate conformance
//	                   reads libs/go-template's conformance cases (one JSON array on stdin: named templates, template
//	                   sets, missingkey, the spec's typed test functions) and prints their results as one JSON array.
//
// Helm's function map is unexported (pkg/engine.funcMap); it is read through go:linkname so the names come from the
// very code Helm runs, not from a copied list. This module requires helm.sh/helm/v4 v4.2.4 so that Sprig and semver
// resolve to the versions in Helm's own build.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"text/template"
	_ "unsafe" // for go:linkname

	"github.com/Masterminds/sprig/v3"
	_ "helm.sh/helm/v4/pkg/engine" // linked below
)

//go:linkname helmFuncMap helm.sh/helm/v4/pkg/engine.funcMap
func helmFuncMap() template.FuncMap

// builtins are text/template's own functions (unexported in Go); each is checked to parse without a FuncMap.
var builtins = []string{"and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf", "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne"}

// lateBound are the names Helm's Engine.initFunMap sets per render on top of funcMap (engine.go).
var lateBound = []string{"include", "tpl", "required", "fail", "lookup", "getHostByName"}

type funcNames struct {
	Builtins []string `json:"builtins"`
	Sprig    []string `json:"sprig"`
	Helm     []string `json:"helm"`
	Removed  []string `json:"removed"`
}

func names(m template.FuncMap) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func listFuncs() funcNames {
	for _, b := range builtins {
		if _, err := template.New("b").Parse("{{ " + b + " }}"); err != nil && strings.Contains(err.Error(), "not defined") {
			panic("not a text/template builtin: " + b)
		}
	}
	sprigMap := sprig.TxtFuncMap()
	helm := helmFuncMap()
	for _, n := range lateBound {
		helm[n] = nil
	}
	res := funcNames{Builtins: builtins, Sprig: names(sprigMap)}
	for _, n := range names(helm) {
		if _, ok := sprigMap[n]; !ok {
			res.Helm = append(res.Helm, n)
		}
	}
	for _, n := range res.Sprig {
		if _, ok := helm[n]; !ok {
			res.Removed = append(res.Removed, n)
		}
	}
	return res
}

// sprigMap is Sprig's text function map as Helm registers it (env and expandenv removed).
func sprigMap() template.FuncMap {
	f := sprig.TxtFuncMap()
	delete(f, "env")
	delete(f, "expandenv")
	return f
}

type testCase struct {
	Template   string          `json:"template"`
	Data       json.RawMessage `json:"data"`
	MissingKey string          `json:"missingkey,omitempty"`
}

type result struct {
	Output string `json:"output"`
	Error  string `json:"error,omitempty"`
}

// convert turns tagged JSON ({"$int": 3}, {"$strings": [...]}) into Go values; plain numbers are float64, as in
// Helm values. The fuzzer tags only ints; the conformance cases use every tag.
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
			for tag, inner := range x {
				if value, ok := tagged(tag, inner); ok {
					return value
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

// decodeData reads a case's tagged JSON data (nil when there is none).
func decodeData(raw json.RawMessage) (any, error) {
	if len(raw) == 0 {
		return nil, nil
	}
	var data any
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	if err := dec.Decode(&data); err != nil {
		return nil, fmt.Errorf("bad data: %w", err)
	}
	return convert(data), nil
}

// tagged is the Go value of one tagged JSON value, or false when the tag is not one of ours.
func tagged(tag string, inner any) (any, bool) {
	switch tag {
	case "$int":
		n, _ := inner.(json.Number).Int64()
		return int(n), true
	case "$int64":
		n, _ := inner.(json.Number).Int64()
		return n, true
	case "$uint8":
		n, _ := inner.(json.Number).Int64()
		return uint8(n), true
	case "$strings":
		out := []string{}
		for _, s := range inner.([]any) {
			out = append(out, s.(string))
		}
		return out, true
	case "$stringmap":
		out := map[string]string{}
		for k, s := range inner.(map[string]any) {
			out[k] = s.(string)
		}
		return out, true
	case "$bytes":
		return []byte(inner.(string)), true
	case "$func":
		return conformanceFuncs[inner.(string)], true
	}
	return nil, false
}

func run(funcs template.FuncMap, c testCase) (res result) {
	defer func() {
		if r := recover(); r != nil {
			res = result{Error: fmt.Sprint("panic: ", r)}
		}
	}()
	data, err := decodeData(c.Data)
	if err != nil {
		return result{Error: err.Error()}
	}
	t := template.New("t").Funcs(funcs)
	if c.MissingKey != "" {
		t.Option("missingkey=" + c.MissingKey)
	}
	if _, err := t.Parse(c.Template); err != nil {
		return result{Error: err.Error()}
	}
	var out strings.Builder
	if err := t.Execute(&out, data); err != nil {
		return result{Output: out.String(), Error: err.Error()}
	}
	return result{Output: out.String()}
}

func serve() error {
	funcs := sprigMap()
	in := bufio.NewReaderSize(os.Stdin, 1<<20)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for {
		line, err := in.ReadBytes('\n')
		if len(strings.TrimSpace(string(line))) > 0 {
			var cases []testCase
			if jerr := json.Unmarshal(line, &cases); jerr != nil {
				return jerr
			}
			results := make([]result, len(cases))
			for i, c := range cases {
				results[i] = run(funcs, c)
			}
			if eerr := enc.Encode(results); eerr != nil {
				return eerr
			}
			if ferr := out.Flush(); ferr != nil {
				return ferr
			}
		}
		if err != nil {
			return nil
		}
	}
}

func main() {
	mode := ""
	if len(os.Args) > 1 {
		mode = os.Args[1]
	}
	switch mode {
	case "funcs":
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(listFuncs()); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	case "serve":
		if err := serve(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	case "conformance":
		if err := conformance(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	default:
		fmt.Fprintln(os.Stderr, "usage: gotemplate funcs|serve|conformance")
		os.Exit(2)
	}
}
