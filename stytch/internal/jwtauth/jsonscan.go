package jwtauth

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"unsafe"
)

// objectIter walks the top-level members of a JSON object without
// allocating. Keys are compared byte for byte (unlike encoding/json's
// case-insensitive field matching), so "ISS" is never mistaken for "iss".
// It is bounds-checked on every step: on malformed input it stops with
// err set, it never panics.
type objectIter struct {
	b   []byte
	i   int
	n   int // members returned so far
	err error
}

var errNotObject = errors.New("not a JSON object")

// newObjectIter positions an iterator after the opening brace of b.
func newObjectIter(b []byte) objectIter {
	it := objectIter{b: b}
	it.i = skipWS(b, 0)
	if it.i >= len(b) || b[it.i] != '{' {
		it.err = errNotObject
		return it
	}
	it.i++
	return it
}

// next returns the next member: the raw key bytes between the quotes
// (escaped reports a backslash in them) and the raw value. ok is false at
// the end of the object or on a syntax error (then it.err is set).
func (it *objectIter) next() (key, val []byte, escaped, ok bool) {
	if it.err != nil {
		return nil, nil, false, false
	}
	b := it.b
	i := skipWS(b, it.i)
	if i < len(b) && b[i] == '}' {
		it.i = len(b)
		if skipWS(b, i+1) != len(b) {
			it.err = errNotObject
		}
		return nil, nil, false, false
	}
	if it.n > 0 {
		if i >= len(b) || b[i] != ',' {
			it.err = errNotObject
			return nil, nil, false, false
		}
		i = skipWS(b, i+1)
	}
	if i >= len(b) || b[i] != '"' {
		it.err = errNotObject
		return nil, nil, false, false
	}
	end := scanString(b, i)
	if end < 0 {
		it.err = errNotObject
		return nil, nil, false, false
	}
	key = b[i+1 : end-1]
	escaped = !plainASCII(key)
	i = skipWS(b, end)
	if i >= len(b) || b[i] != ':' {
		it.err = errNotObject
		return nil, nil, false, false
	}
	i = skipWS(b, i+1)
	vend := skipValue(b, i)
	if vend < 0 {
		it.err = errNotObject
		return nil, nil, false, false
	}
	it.i = vend
	it.n++
	return key, b[i:vend], escaped, true
}

func skipWS(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// scanString returns the index just past the string starting at b[i] ('"'), or -1.
// The closing quote is found with bytes.IndexByte (vectorised); a quote
// preceded by an odd run of backslashes is escaped and skipped.
func scanString(b []byte, i int) int {
	for j := i + 1; j < len(b); {
		k := bytes.IndexByte(b[j:], '"')
		if k < 0 {
			return -1
		}
		q := j + k
		n := 0
		for p := q - 1; p > i && b[p] == '\\'; p-- {
			n++
		}
		if n%2 == 0 {
			return q + 1
		}
		j = q + 1
	}
	return -1
}

// skipValue returns the index just past the value starting at b[i], or -1.
// Nested containers are skipped by depth; full validity is left to json.Valid.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return scanString(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				end := scanString(b, j)
				if end < 0 {
					return -1
				}
				j = end - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(b) && b[j] != ',' && b[j] != '}' && b[j] != ']' &&
		b[j] != ' ' && b[j] != '\t' && b[j] != '\n' && b[j] != '\r' {
		j++
	}
	if j == i {
		return -1
	}
	return j
}

// plainASCII reports whether a string body needs no decoding: printable
// ASCII without backslashes. Anything else (escapes, control characters,
// which JSON forbids, and non-ASCII, which encoding/json checks for UTF-8)
// takes the encoding/json path.
func plainASCII(inner []byte) bool {
	for _, c := range inner {
		if c < 0x20 || c == '\\' || c >= 0x80 {
			return false
		}
	}
	return true
}

// unquote returns the text of a JSON string value. A plain ASCII string is
// returned without copying: it shares val's memory, so val must come from a
// buffer that is never written again (the decoded payload is one). Other
// strings are decoded into new memory.
func unquote(val []byte) (string, bool) {
	if len(val) < 2 || val[0] != '"' || val[len(val)-1] != '"' {
		return "", false
	}
	inner := val[1 : len(val)-1]
	if plainASCII(inner) {
		return sharedString(inner), true
	}
	var s string
	if err := json.Unmarshal(val, &s); err != nil {
		return "", false
	}
	return s, true
}

// unquoteCopy is unquote for transient buffers: the result never shares val.
func unquoteCopy(val []byte) (string, bool) {
	s, ok := unquote(val)
	if ok && len(val) > 2 && plainASCII(val[1:len(val)-1]) {
		s = strings.Clone(s)
	}
	return s, ok
}

// sharedString views b as a string without copying. b must never be
// written again while the string is in use.
func sharedString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// stringEquals reports whether val is a JSON string equal to want, without
// allocating in the common no-escape case. ok is false if val is not a string.
func stringEquals(val []byte, want string) (equal, ok bool) {
	if len(val) < 2 || val[0] != '"' || val[len(val)-1] != '"' {
		return false, false
	}
	inner := val[1 : len(val)-1]
	if plainASCII(inner) {
		return string(inner) == want, true
	}
	s, ok := unquote(val)
	return s == want, ok
}

// memberName returns a raw member key decoded (escaped is true for any key
// that is not plain ASCII). It allocates only then; callers switch on
// string(name), which does not allocate. ok is false for an invalid key.
func memberName(key []byte, escaped bool) ([]byte, bool) {
	if !escaped {
		return key, true
	}
	q := make([]byte, 0, len(key)+2)
	q = append(append(append(q, '"'), key...), '"')
	s, ok := unquote(q)
	return []byte(s), ok
}

// arrayIter walks the elements of a JSON array without allocating; like
// objectIter it stops with err set on malformed input and never panics.
type arrayIter struct {
	b   []byte
	i   int
	n   int
	err error
}

func newArrayIter(b []byte) arrayIter {
	it := arrayIter{b: b}
	it.i = skipWS(b, 0)
	if it.i >= len(b) || b[it.i] != '[' {
		it.err = errNotObject
		return it
	}
	it.i++
	return it
}

// next returns the next raw element; ok is false at the end or on error.
func (it *arrayIter) next() (val []byte, ok bool) {
	if it.err != nil {
		return nil, false
	}
	b := it.b
	i := skipWS(b, it.i)
	if i < len(b) && b[i] == ']' {
		it.i = len(b)
		if skipWS(b, i+1) != len(b) {
			it.err = errNotObject
		}
		return nil, false
	}
	if it.n > 0 {
		if i >= len(b) || b[i] != ',' {
			it.err = errNotObject
			return nil, false
		}
		i = skipWS(b, i+1)
	}
	end := skipValue(b, i)
	if end < 0 {
		it.err = errNotObject
		return nil, false
	}
	it.i = end
	it.n++
	return b[i:end], true
}

// audienceContains reports whether aud (a JSON string or array of strings)
// contains want. ok is false when aud has another shape.
func audienceContains(val []byte, want string) (found, ok bool) {
	if len(val) > 0 && val[0] == '"' {
		return stringEquals(val, want)
	}
	it := newArrayIter(val)
	for {
		elem, more := it.next()
		if !more {
			return found, it.err == nil
		}
		eq, isStr := stringEquals(elem, want)
		if !isStr {
			return false, false
		}
		found = found || eq
	}
}

// stringArray decodes a JSON array of strings (null gives nil).
func stringArray(val []byte) ([]string, bool) {
	if string(val) == "null" {
		return nil, true
	}
	count := newArrayIter(val)
	n := 0
	for _, ok := count.next(); ok; _, ok = count.next() {
		n++
	}
	if count.err != nil {
		return nil, false
	}
	out := make([]string, 0, n)
	it := newArrayIter(val)
	for elem, ok := it.next(); ok; elem, ok = it.next() {
		s, isStr := unquote(elem)
		if !isStr {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// appendMember appends "key":val to a JSON object under construction in
// dst (opening it when dst is nil); close it with a final '}'.
func appendMember(dst, key, val []byte) []byte {
	if len(dst) == 0 {
		if dst == nil {
			dst = make([]byte, 0, len(key)+len(val)+8)
		}
		dst = append(dst, '{')
	} else {
		dst = append(dst, ',')
	}
	dst = append(dst, '"')
	dst = append(dst, key...)
	dst = append(dst, '"', ':')
	return append(dst, val...)
}
