// Command yaml is the fuzz oracle for Fjord's YAML layer: it reads YAML the way Kubernetes tools written in Go do.
//
// It is long-running: each stdin line is a JSON request {"mode": "doc"|"stream", "text": "..."}, and each stdout line
// the answer {"docs": [<JSON value>...]} or {"error": "..."}.
//
//   - "doc": one document through sigs.k8s.io/yaml's YAMLToJSON, as Helm reads Chart.yaml, a rendered template or
//     fromYaml's argument.
//   - "stream": k8s.io/apimachinery's YAMLReader splits the text at `---` lines and each part goes through YAMLToJSON,
//     as Helm's loader.LoadValues and kubectl (so Argo CD's plain directories) read multi-document files.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

type request struct {
	Mode string `json:"mode"`
	Text string `json:"text"`
}

type response struct {
	Docs  []json.RawMessage `json:"docs,omitempty"`
	Error string            `json:"error,omitempty"`
}

func main() {
	in := bufio.NewReader(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	for {
		line, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var req request
			var res response
			if jerr := json.Unmarshal(line, &req); jerr != nil {
				res.Error = "oracle: bad request: " + jerr.Error()
			} else {
				res = answer(req)
			}
			if eerr := enc.Encode(res); eerr != nil {
				fmt.Fprintln(os.Stderr, eerr)
				os.Exit(2)
			}
			out.Flush()
		}
		if err != nil {
			return
		}
	}
}

// answer converts one request, turning a panic of the parser into an error answer so one input cannot stop the run.
func answer(req request) (res response) {
	defer func() {
		if r := recover(); r != nil {
			res = response{Error: fmt.Sprintf("panic: %v", r)}
		}
	}()
	var docs [][]byte
	var err error
	switch req.Mode {
	case "doc":
		var j []byte
		j, err = yaml.YAMLToJSON([]byte(req.Text))
		docs = [][]byte{j}
	case "stream":
		docs, err = stream(req.Text)
	default:
		err = fmt.Errorf("oracle: unknown mode %q", req.Mode)
	}
	if err != nil {
		return response{Error: err.Error()}
	}
	for _, d := range docs {
		res.Docs = append(res.Docs, json.RawMessage(d))
	}
	if res.Docs == nil {
		res.Docs = []json.RawMessage{}
	}
	return res
}

func stream(text string) ([][]byte, error) {
	reader := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader([]byte(text))))
	var docs [][]byte
	for {
		raw, err := reader.Read()
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		j, err := yaml.YAMLToJSON(raw)
		if err != nil {
			return nil, err
		}
		docs = append(docs, j)
	}
}
