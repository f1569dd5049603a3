// Command kustomize-oracle builds kustomizations with sigs.k8s.io/kustomize/api/krusty in-process, exactly as the
// kustomize v5.8.1 CLI's `kustomize build DIR` does (same module versions, default flags), so the differential
// fuzzer pays no process start per case.
//
// Protocol: one JSON object per line on stdin, {"dir": "/abs/path"}; one JSON object per line on stdout,
// {"ok": true, "yaml": "..."} or {"ok": false, "error": "..."}.
// With -fields it prints the JSON names of the Kustomization type's fields, one a line, and exits.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"strings"

	"sigs.k8s.io/kustomize/api/krusty"
	"sigs.k8s.io/kustomize/api/types"
	"sigs.k8s.io/kustomize/kyaml/filesys"
)

type request struct {
	Dir string `json:"dir"`
}

type response struct {
	Ok    bool   `json:"ok"`
	YAML  string `json:"yaml,omitempty"`
	Error string `json:"error,omitempty"`
}

func main() {
	fields := flag.Bool("fields", false, "print the Kustomization type's JSON field names and exit")
	flag.Parse()
	if *fields {
		printFields(reflect.TypeOf(types.Kustomization{}))
		return
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	for in.Scan() {
		var req request
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			fmt.Fprintf(os.Stderr, "kustomize-oracle: bad request: %v\n", err)
			os.Exit(2)
		}
		if err := enc.Encode(build(req.Dir)); err != nil {
			os.Exit(2)
		}
		out.Flush()
	}
}

// build runs what `kustomize build DIR` runs with no flags: default options, output order left to the
// kustomization's sortOptions (the CLI's "unspecified"), RootOnly load restrictor, plugins and Helm off.
func build(dir string) (res response) {
	defer func() {
		if r := recover(); r != nil {
			res = response{Error: fmt.Sprintf("panic: %v", r)}
		}
	}()
	opts := krusty.MakeDefaultOptions()
	opts.Reorder = krusty.ReorderOptionUnspecified
	m, err := krusty.MakeKustomizer(opts).Run(filesys.MakeFsOnDisk(), dir)
	if err != nil {
		return response{Error: err.Error()}
	}
	y, err := m.AsYaml()
	if err != nil {
		return response{Error: err.Error()}
	}
	return response{Ok: true, YAML: string(y)}
}

// printFields prints the top-level JSON field names (inlined structs flattened), in declaration order.
func printFields(t reflect.Type) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := strings.Split(f.Tag.Get("json"), ",")
		if tag[0] == "" && f.Anonymous {
			printFields(f.Type)
			continue
		}
		if len(tag) > 1 && tag[1] == "inline" {
			printFields(f.Type)
			continue
		}
		if tag[0] == "-" || tag[0] == "" {
			continue
		}
		fmt.Println(tag[0])
	}
}
