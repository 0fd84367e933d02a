package seeddoc

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Dir is the directory of the seed samples (one XML document per file, with
// a provenance comment after it), relative to the package of the codec
// (xmlbridge/ecma323), whose tests own them. The bridge's tests read them
// through "ecma323/" + Dir.
const Dir = "testdata/seeds"

// Load returns the document of the seed sample name in dir (name.xml), cut
// before its provenance comment: the bytes the seed gives.
func Load(dir, name string) ([]byte, error) {
	b, err := os.ReadFile(filepath.Join(dir, name+".xml"))
	if err != nil {
		return nil, err
	}
	i := strings.LastIndex(string(b), "\n<!-- seed ")
	if i < 0 {
		return nil, fmt.Errorf("seeddoc: %s: no provenance comment", name)
	}
	return b[:i], nil
}

// Names lists the seed samples in dir, by name (without .xml), sorted.
func Names(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.xml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, errors.New("seeddoc: no seeds in " + dir)
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = strings.TrimSuffix(filepath.Base(f), ".xml")
	}
	return names, nil
}
