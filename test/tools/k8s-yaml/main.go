// Command k8s-yaml reads YAML exactly as kubectl and the API server do, for
// seaworthy's differential test (test/sources/yaml/kubernetes-differential.test.ts);
// with -compose, as Compose does (test/sources/yaml/compose-differential.test.ts).
//
// Standard input: a JSON array of strings, each a YAML stream. Standard output: a
// JSON array, one element per stream: {"docs": [...]} with one JSON value per
// non-empty document, or {"error": "..."} when Kubernetes would reject the stream.
//
// A stream is split into documents by apimachinery's YAMLReader (the `---` line
// splitter kubectl's decoder uses), then each document is converted with
// sigs.k8s.io/yaml.YAMLToJSON (go-yaml v2 underneath). Documents that convert to
// null (empty, or only comments) are dropped, as kubectl drops them.
//
// With -compose, each document is decoded by go-yaml v3 (go.yaml.in/yaml/v3, the
// reader compose-go loads Compose files with) into an interface{} and written as
// JSON: YAML 1.2 booleans and nulls, 0755 still octal, timestamps as strings.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	yamlv3 "go.yaml.in/yaml/v3"
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

// convertCompose reads a stream document by document as compose-go does
// (yaml.NewDecoder, one Decode per document into an interface{}).
func convertCompose(stream string) (res result) {
	defer func() {
		if r := recover(); r != nil {
			res = result{Error: "panic"}
		}
	}()
	dec := yamlv3.NewDecoder(bytes.NewReader([]byte(stream)))
	docs := []json.RawMessage{}
	for {
		var v interface{}
		err := dec.Decode(&v)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return result{Error: err.Error()}
		}
		if v == nil {
			continue
		}
		j, err := toJSONValue(v)
		if err != nil {
			return result{Error: err.Error()}
		}
		out, err := json.Marshal(j)
		if err != nil {
			return result{Error: err.Error()}
		}
		docs = append(docs, out)
	}
	return result{Docs: docs}
}

// toJSONValue turns go-yaml v3's mappings into JSON objects; a key that is not a
// string (a number, a mapping) has no JSON spelling and is reported.
func toJSONValue(v interface{}) (interface{}, error) {
	switch t := v.(type) {
	case map[string]interface{}:
		out := make(map[string]interface{}, len(t))
		for k, e := range t {
			c, err := toJSONValue(e)
			if err != nil {
				return nil, err
			}
			out[k] = c
		}
		return out, nil
	case map[interface{}]interface{}:
		return nil, fmt.Errorf("mapping key that is not a string")
	case []interface{}:
		out := make([]interface{}, len(t))
		for i, e := range t {
			c, err := toJSONValue(e)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	default:
		return t, nil
	}
}

func main() {
	mode := convert
	if len(os.Args) > 1 && os.Args[1] == "-compose" {
		mode = convertCompose
	}
	var streams []string
	if err := json.NewDecoder(os.Stdin).Decode(&streams); err != nil {
		os.Stderr.WriteString("k8s-yaml: standard input is not a JSON array of strings: " + err.Error() + "\n")
		os.Exit(2)
	}
	results := make([]result, len(streams))
	for i, s := range streams {
		results[i] = mode(s)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(results); err != nil {
		os.Exit(1)
	}
}
