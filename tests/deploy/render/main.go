// Command render renders a Helm chart's templates the way `helm template` does, for the part of helm the chart
// charts/lbc-community uses: Go's text/template with sprig's functions (helm's own engine and library), helm's
// include, required, fail, toYaml, fromYaml and toJson, values merged from values.yaml, -f files and -set pairs,
// and the .Values, .Release, .Chart and .Template objects. Not implemented (the chart must not use them): tpl,
// lookup, .Capabilities, .Files, subcharts, hooks and schema validation.
//
// Build offline with Debian's packages: GO111MODULE=off GOPATH=/usr/share/gocode go build -o render .
//
// Usage: render -chart DIR [-f values.yaml]... [-set a.b=value]... [-name RELEASE] [-namespace NS] [-notes]
// Writes the rendered manifests to stdout, each document after "---" and a "# Source:" comment as helm does;
// with -notes it writes the rendered NOTES.txt instead.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"gopkg.in/yaml.v2"
)

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func main() {
	chartDir := flag.String("chart", "", "the chart's folder")
	name := flag.String("name", "release", "the release name")
	namespace := flag.String("namespace", "default", "the release namespace")
	notes := flag.Bool("notes", false, "render NOTES.txt instead of the manifests")
	var valueFiles, sets multiFlag
	flag.Var(&valueFiles, "f", "a values file (repeatable; later files win)")
	flag.Var(&sets, "set", "a value as path=value, the value read as YAML (repeatable; after the files)")
	flag.Parse()
	if *chartDir == "" {
		fail(errors.New("-chart is required"))
	}
	out, err := render(*chartDir, *name, *namespace, valueFiles, sets, *notes)
	if err != nil {
		fail(err)
	}
	os.Stdout.WriteString(out)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "render:", err)
	os.Exit(1)
}

func render(chartDir, name, namespace string, valueFiles, sets []string, notes bool) (string, error) {
	chartMeta, err := readYamlFile(filepath.Join(chartDir, "Chart.yaml"))
	if err != nil {
		return "", err
	}
	values, err := readYamlFile(filepath.Join(chartDir, "values.yaml"))
	if err != nil {
		return "", err
	}
	for _, file := range valueFiles {
		overrides, err := readYamlFile(file)
		if err != nil {
			return "", err
		}
		values = merge(values, overrides)
	}
	for _, set := range sets {
		if err := setValue(values, set); err != nil {
			return "", err
		}
	}

	chartName, _ := chartMeta["name"].(string)
	chart := map[string]interface{}{
		"Name":        chartName,
		"Version":     chartMeta["version"],
		"AppVersion":  chartMeta["appVersion"],
		"Description": chartMeta["description"],
	}
	release := map[string]interface{}{
		"Name": name, "Namespace": namespace, "Service": "Helm", "IsInstall": true, "IsUpgrade": false, "Revision": 1,
	}

	templatesDir := filepath.Join(chartDir, "templates")
	entries, err := os.ReadDir(templatesDir)
	if err != nil {
		return "", err
	}
	root := template.New("chart").Option("missingkey=zero")
	funcs := funcMap(root)
	root.Funcs(funcs)
	var files []string
	for _, entry := range entries {
		if entry.IsDir() {
			continue
		}
		text, err := os.ReadFile(filepath.Join(templatesDir, entry.Name()))
		if err != nil {
			return "", err
		}
		path := chartName + "/templates/" + entry.Name()
		if _, err := root.New(path).Parse(string(text)); err != nil {
			return "", err
		}
		files = append(files, entry.Name())
	}
	sort.Strings(files)

	var out strings.Builder
	for _, file := range files {
		isNotes := file == "NOTES.txt"
		if strings.HasPrefix(file, "_") || isNotes != notes {
			continue
		}
		path := chartName + "/templates/" + file
		scope := map[string]interface{}{
			"Values": values, "Release": release, "Chart": chart,
			"Template": map[string]interface{}{"Name": path, "BasePath": chartName + "/templates"},
		}
		var buffer bytes.Buffer
		if err := root.ExecuteTemplate(&buffer, path, scope); err != nil {
			return "", err
		}
		// Like helm: a missing value prints as nothing, not "<no value>".
		text := strings.ReplaceAll(buffer.String(), "<no value>", "")
		if notes {
			out.WriteString(text)
			continue
		}
		for _, document := range strings.Split(text, "\n---") {
			if strings.TrimSpace(stripComments(document)) == "" {
				continue
			}
			fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", path, strings.Trim(document, "\n"))
		}
	}
	return out.String(), nil
}

// funcMap is sprig's text functions without env and expandenv (helm removes them), plus helm's own.
func funcMap(root *template.Template) template.FuncMap {
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")
	funcs["toYaml"] = func(v interface{}) string {
		data, err := yaml.Marshal(v)
		if err != nil {
			return ""
		}
		return strings.TrimSuffix(string(data), "\n")
	}
	funcs["fromYaml"] = func(text string) map[string]interface{} {
		var parsed map[string]interface{}
		if err := unmarshalJSONLike([]byte(text), &parsed); err != nil {
			return map[string]interface{}{"Error": err.Error()}
		}
		return parsed
	}
	funcs["toJson"] = func(v interface{}) string {
		data, _ := json.Marshal(v)
		return string(data)
	}
	funcs["required"] = func(message string, v interface{}) (interface{}, error) {
		if v == nil {
			return nil, errors.New(message)
		}
		if s, ok := v.(string); ok && s == "" {
			return nil, errors.New(message)
		}
		return v, nil
	}
	funcs["fail"] = func(message string) (string, error) { return "", errors.New(message) }
	funcs["include"] = func(name string, data interface{}) (string, error) {
		var buffer bytes.Buffer
		if err := root.ExecuteTemplate(&buffer, name, data); err != nil {
			return "", err
		}
		return buffer.String(), nil
	}
	return funcs
}

func stripComments(document string) string {
	var kept []string
	for _, line := range strings.Split(document, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			kept = append(kept, line)
		}
	}
	return strings.Join(kept, "\n")
}

func readYamlFile(path string) (map[string]interface{}, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	values := map[string]interface{}{}
	if err := unmarshalJSONLike(data, &values); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if values == nil {
		values = map[string]interface{}{}
	}
	return values, nil
}

// unmarshalJSONLike reads YAML as helm does (sigs.k8s.io/yaml: YAML to JSON, then encoding/json), so numbers are
// float64 and maps have string keys: a chart that compares a value with an int literal fails here as under helm.
func unmarshalJSONLike(data []byte, target interface{}) error {
	var raw interface{}
	if err := yaml.Unmarshal(data, &raw); err != nil {
		return err
	}
	converted, err := jsonCompatible(raw)
	if err != nil {
		return err
	}
	encoded, err := json.Marshal(converted)
	if err != nil {
		return err
	}
	return json.Unmarshal(encoded, target)
}

func jsonCompatible(v interface{}) (interface{}, error) {
	switch typed := v.(type) {
	case map[interface{}]interface{}:
		result := make(map[string]interface{}, len(typed))
		for key, value := range typed {
			converted, err := jsonCompatible(value)
			if err != nil {
				return nil, err
			}
			result[fmt.Sprint(key)] = converted
		}
		return result, nil
	case []interface{}:
		result := make([]interface{}, len(typed))
		for i, value := range typed {
			converted, err := jsonCompatible(value)
			if err != nil {
				return nil, err
			}
			result[i] = converted
		}
		return result, nil
	default:
		return v, nil
	}
}

// merge overlays b on a as helm merges values files: maps merge key by key, anything else is replaced, null deletes.
func merge(a, b map[string]interface{}) map[string]interface{} {
	for key, value := range b {
		if value == nil {
			delete(a, key)
			continue
		}
		if bm, ok := value.(map[string]interface{}); ok {
			if am, ok := a[key].(map[string]interface{}); ok {
				a[key] = merge(am, bm)
				continue
			}
		}
		a[key] = value
	}
	return a
}

func setValue(values map[string]interface{}, assignment string) error {
	path, text, found := strings.Cut(assignment, "=")
	if !found {
		return fmt.Errorf("-set %q: expected path=value", assignment)
	}
	var value interface{}
	if err := unmarshalJSONLike([]byte(text), &value); err != nil {
		return fmt.Errorf("-set %q: %w", assignment, err)
	}
	keys := strings.Split(path, ".")
	current := values
	for _, key := range keys[:len(keys)-1] {
		next, ok := current[key].(map[string]interface{})
		if !ok {
			next = map[string]interface{}{}
			current[key] = next
		}
		current = next
	}
	current[keys[len(keys)-1]] = value
	return nil
}
