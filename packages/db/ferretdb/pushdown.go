// Added to FerretDB's SQLite backend by the groupchat project's setup (docs/decisions/0004-ferretdb-pushdown.md).
//
// Upstream v1.24 hands SQLite only a lone string or ObjectID `_id`; every other filter reads and decodes the
// whole collection. This pushes down equality (`{k: v}`, `$eq`, `$in`) on top-level fields. Each condition
// selects a superset of the documents its filter term matches (values equal as JSON text, plus every document
// whose field is an array, which MongoDB matches element by element); the handler still applies the whole
// filter to what SQLite returns, so results are unchanged and fewer documents are decoded. SQLite answers the
// conditions from the indexes FerretDB already creates (`_ferretdb_sjson->"field"`), written the same way.

package sqlite

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/types"
)

// Plain names only: dotted paths, operators and names that need quoting stay with the handler.
var pushdownField = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// Integers beyond this are not exactly representable as doubles, so their text forms may differ between types.
const maxExactInteger = 1 << 53

// prepareWhereClause returns a WHERE clause (or "") and its arguments for the pushable terms of filter.
func prepareWhereClause(filter *types.Document) (string, []any) {
	if filter == nil {
		return "", nil
	}

	seen := map[string]int{}
	for _, key := range filter.Keys() {
		seen[key]++
	}

	var conditions []string
	var args []any

	for _, key := range filter.Keys() {
		if seen[key] != 1 || !pushdownField.MatchString(key) {
			continue
		}

		value, _ := filter.Get(key)

		for _, texts := range equalityTerms(value) {
			column := fmt.Sprintf("%s->%q", metadata.DefaultColumn, key)
			placeholders := strings.TrimSuffix(strings.Repeat("?, ", len(texts)), ", ")
			conditions = append(conditions, fmt.Sprintf(
				"(%[1]s IN (%[2]s) OR (%[1]s >= '[' AND %[1]s < '\\'))", column, placeholders,
			))

			for _, text := range texts {
				args = append(args, text)
			}
		}
	}

	if len(conditions) == 0 {
		return "", nil
	}

	return " WHERE " + strings.Join(conditions, " AND "), args
}

// equalityTerms returns, for each pushable term on one field, the JSON texts a matching scalar may be stored as.
func equalityTerms(value any) [][]string {
	if texts, ok := scalarTexts(value); ok {
		return [][]string{texts}
	}

	operators, ok := value.(*types.Document)
	if !ok || operators.Len() == 0 {
		return nil
	}

	for _, key := range operators.Keys() {
		if !strings.HasPrefix(key, "$") {
			return nil // an embedded document to match as a whole
		}
	}

	var terms [][]string

	if eq, err := operators.Get("$eq"); err == nil {
		if texts, ok := scalarTexts(eq); ok {
			terms = append(terms, texts)
		}
	}

	if in, err := operators.Get("$in"); err == nil {
		if texts, ok := inTexts(in); ok {
			terms = append(terms, texts)
		}
	}

	return terms
}

func inTexts(value any) ([]string, bool) {
	array, ok := value.(*types.Array)
	if !ok || array.Len() == 0 || array.Len() > 500 {
		return nil, false
	}

	var all []string

	for i := 0; i < array.Len(); i++ {
		element, _ := array.Get(i)

		texts, ok := scalarTexts(element)
		if !ok {
			return nil, false
		}

		all = append(all, texts...)
	}

	return all, true
}

// scalarTexts returns the JSON texts FerretDB's sjson may have stored for a value equal to v.
func scalarTexts(v any) ([]string, bool) {
	switch v := v.(type) {
	case string:
		return marshalled(v)
	case types.ObjectID:
		return marshalled(fmt.Sprintf("%x", [12]byte(v)))
	case bool:
		return []string{strconv.FormatBool(v)}, true
	case int32:
		return integerTexts(int64(v))
	case int64:
		return integerTexts(v)
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, false
		}

		if v == math.Trunc(v) {
			if math.Abs(v) > maxExactInteger {
				return nil, false
			}

			return integerTexts(int64(v))
		}

		return marshalled(v)
	default:
		return nil, false
	}
}

// An integer value is stored as its decimal digits whether it is an int32, an int64 or a double; zero may
// also be a negative zero double.
func integerTexts(v int64) ([]string, bool) {
	if v > maxExactInteger || v < -maxExactInteger {
		return nil, false
	}

	if v == 0 {
		return []string{"0", "-0"}, true
	}

	return []string{strconv.FormatInt(v, 10)}, true
}

func marshalled(v any) ([]string, bool) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, false
	}

	return []string{string(b)}, true
}
