package jwtauth

import (
	"math"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// maxDepth bounds the nesting decodeAny follows.
const maxDepth = 64

// decodeAny decodes one JSON value as encoding/json would into an any
// (float64 numbers, map[string]any, []any), in place and with one
// allocation per value. ok is false for anything that is not valid JSON.
func decodeAny(val []byte) (any, bool) { return decodeAnyDepth(val, 0) }

func decodeAnyDepth(val []byte, depth int) (any, bool) {
	if len(val) == 0 || depth > maxDepth {
		return nil, false
	}
	switch val[0] {
	case '"':
		return unquote(val)
	case 't':
		return true, string(val) == "true"
	case 'f':
		return false, string(val) == "false"
	case 'n':
		return nil, string(val) == "null"
	case '{':
		m := map[string]any{}
		it := newObjectIter(val)
		for {
			key, elem, esc, ok := it.next()
			if !ok {
				return m, it.err == nil
			}
			name, ok := memberName(key, esc)
			if !ok {
				return nil, false
			}
			if m[sharedString(name)], ok = decodeAnyDepth(elem, depth+1); !ok {
				return nil, false
			}
		}
	case '[':
		a := []any{}
		it := newArrayIter(val)
		for {
			elem, ok := it.next()
			if !ok {
				return a, it.err == nil
			}
			v, ok := decodeAnyDepth(elem, depth+1)
			if !ok {
				return nil, false
			}
			a = append(a, v)
		}
	}
	if !isJSONNumber(val) {
		return nil, false
	}
	f, err := strconv.ParseFloat(string(val), 64)
	if err != nil {
		return nil, false
	}
	return f, true
}

// isJSONNumber checks the RFC 8259 number grammar, which is stricter than
// strconv.ParseFloat (no "Inf", hex, underscores or leading '+').
func isJSONNumber(b []byte) bool {
	i := 0
	if i < len(b) && b[i] == '-' {
		i++
	}
	digits := func() int {
		start := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i - start
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case digits() == 0:
		return false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(b)
}

// maxSeconds bounds NumericDate values to what a float64 holds exactly.
const maxSeconds = 1 << 53

// numericDate parses a JWT NumericDate (seconds since the epoch, integer or
// fraction) the way golang-jwt does, truncated to jwt.TimePrecision.
func numericDate(val []byte) (jwt.NumericDate, bool) {
	if !isJSONNumber(val) {
		return jwt.NumericDate{}, false
	}
	f, err := strconv.ParseFloat(string(val), 64)
	if err != nil || math.IsNaN(f) || f > maxSeconds || f < -maxSeconds {
		return jwt.NumericDate{}, false
	}
	sec, frac := math.Modf(f)
	t := time.Unix(int64(sec), int64(frac*1e9)).Truncate(jwt.TimePrecision)
	return jwt.NumericDate{Time: t}, true
}
