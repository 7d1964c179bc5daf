// Command k8s-yaml reads YAML exactly as kubectl and the API server do, for
// seaworthy's differential test (test/sources/yaml/kubernetes-differential.test.ts).
//
// Standard input: a JSON array of strings, each a YAML stream. Standard output: a
// JSON array, one element per stream: {"docs": [...]} with one JSON value per
// non-empty document, or {"error": "..."} when Kubernetes would reject the stream.
//
// A stream is split into documents by apimachinery's YAMLReader (the `---` line
// splitter kubectl's decoder uses), then each document is converted with
// sigs.k8s.io/yaml.YAMLToJSON (go-yaml v2 underneath). Documents that convert to
// null (empty, or only comments) are dropped, as kubectl drops them.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"

	kyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

type result struct {
	Docs  []json.RawMessage `json:"docs,omitempty"`
	Error string            `json:"error,omitempty"`
}

func convert(stream string) (res result) {
	// go-yaml can panic on hostile input; a panic is a rejection here.
	defer func() {
		if r := recover(); r != nil {
			res = result{Error: "panic"}
		}
	}()
	reader := kyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader([]byte(stream))))
	docs := []json.RawMessage{}
	for {
		chunk, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return result{Error: err.Error()}
		}
		out, err := yaml.YAMLToJSON(chunk)
		if err != nil {
			return result{Error: err.Error()}
		}
		if t := bytes.TrimSpace(out); len(t) == 0 || bytes.Equal(t, []byte("null")) {
			continue
		}
		docs = append(docs, out)
	}
	return result{Docs: docs}
}

func main() {
	var streams []string
	if err := json.NewDecoder(os.Stdin).Decode(&streams); err != nil {
		os.Stderr.WriteString("k8s-yaml: standard input is not a JSON array of strings: " + err.Error() + "\n")
		os.Exit(2)
	}
	results := make([]result, len(streams))
	for i, s := range streams {
		results[i] = convert(s)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(results); err != nil {
		os.Exit(1)
	}
}
