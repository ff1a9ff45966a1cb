package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"iter"
	"maps"
	"reflect"
	"slices"
)

// Table is a set of entities of one kind keyed by id (a user by user_id, a
// session by session_id, ...). It is the only way flows reach the state, so
// that one mechanism gives transactions, the journal and the indexes:
//
//   - Inside Store.Update, the first Get, Put or Delete of a key records the
//     entity as it was (its pre-image) and Get hands out a private deep copy.
//     The callback may change that copy freely; the original is untouched
//     until the transaction commits, and restored if it fails.
//   - At commit, every touched key whose value differs from its pre-image
//     goes to the journal (its new value, or a delete marker).
//   - The table's indexes are recomputed for touched keys from the pre-image
//     and the current value before every index lookup and at commit or
//     rollback, so lookups inside a transaction see its own changes.
//
// Inside Store.View, Get returns the stored entity itself: it must not be
// changed. All yields stored entities in both cases: to change one found by
// iterating, Get it by key.
type Table[V any] struct {
	name    string
	m       map[string]*V
	indexes []index[V]
	tr      *tracker
	touched map[string]*touch[V] // keys touched by the running write transaction
}

// touch is the record of one key touched by a write transaction.
type touch[V any] struct {
	pre  *V         // the value before the transaction; nil when absent
	keys [][]string // per index, the index keys currently registered for this id
}

// newTable returns an empty table named name (the journal's name for it).
func newTable[V any](tr *tracker, name string, indexes ...index[V]) *Table[V] {
	t := &Table[V]{name: name, m: map[string]*V{}, indexes: indexes, tr: tr}
	tr.tables[name] = t
	return t
}

// Get returns the entity with this key, or nil. Inside Update the result is
// the transaction's own copy, which the caller may change.
func (t *Table[V]) Get(key string) *V {
	if !t.tr.writing {
		return t.m[key]
	}
	if _, ok := t.touched[key]; ok {
		return t.m[key]
	}
	cur, ok := t.m[key]
	if !ok {
		return nil
	}
	t.touch(key, cur)
	c := deepCopy(cur)
	t.m[key] = c
	return c
}

// Peek returns the stored entity with this key, or nil, without the copy
// Get makes inside Update: for reading only, on a hot path. Changing the
// result is a bug (the change would escape rollback and the journal; tests
// catch it).
func (t *Table[V]) Peek(key string) *V { return t.m[key] }

// Has reports whether an entity has this key, without copying it.
func (t *Table[V]) Has(key string) bool {
	_, ok := t.m[key]
	return ok
}

// Put stores v under key (inside Update only).
func (t *Table[V]) Put(key string, v *V) {
	t.mustWrite()
	if _, ok := t.touched[key]; !ok {
		t.touch(key, t.m[key])
	}
	t.m[key] = v
}

// Delete removes the entity with this key, if any (inside Update only).
func (t *Table[V]) Delete(key string) {
	t.mustWrite()
	cur, ok := t.m[key]
	if !ok {
		return
	}
	if _, ok := t.touched[key]; !ok {
		t.touch(key, cur)
	}
	delete(t.m, key)
}

// Len returns the number of entities.
func (t *Table[V]) Len() int { return len(t.m) }

// All yields every key and entity in no particular order. The entities must
// not be changed (Get one by key to change it) nor the table changed during
// the iteration.
func (t *Table[V]) All() iter.Seq2[string, *V] {
	return func(yield func(string, *V) bool) {
		for k, v := range t.m {
			if !yield(k, v) {
				return
			}
		}
	}
}

// Keys returns every key, sorted.
func (t *Table[V]) Keys() []string { return slices.Sorted(maps.Keys(t.m)) }

func (t *Table[V]) mustWrite() {
	if !t.tr.writing {
		panic("store: " + t.name + " changed outside Store.Update")
	}
}

// touch records the pre-image of key on its first use in the transaction.
func (t *Table[V]) touch(key string, pre *V) {
	if t.touched == nil {
		t.touched = map[string]*touch[V]{}
	}
	if len(t.touched) == 0 {
		t.tr.dirty = append(t.tr.dirty, t)
	}
	tc := &touch[V]{pre: pre}
	if len(t.indexes) > 0 {
		tc.keys = make([][]string, len(t.indexes))
		if pre != nil {
			for i, ix := range t.indexes {
				tc.keys[i] = ix.keys(pre)
			}
		}
	}
	t.touched[key] = tc
}

// flush brings the indexes up to date with the touched entities.
func (t *Table[V]) flush() {
	if len(t.indexes) == 0 {
		return
	}
	for key, tc := range t.touched {
		cur := t.m[key]
		for i, ix := range t.indexes {
			var now []string
			if cur != nil {
				now = ix.keys(cur)
			}
			if slices.Equal(now, tc.keys[i]) {
				continue
			}
			for _, k := range tc.keys[i] {
				if !slices.Contains(now, k) {
					ix.remove(k, key)
				}
			}
			for _, k := range now {
				if !slices.Contains(tc.keys[i], k) {
					ix.add(k, key)
				}
			}
			tc.keys[i] = now
		}
	}
}

// rollback restores every touched key to its pre-image.
func (t *Table[V]) rollback() {
	for key, tc := range t.touched {
		if tc.pre == nil {
			delete(t.m, key)
		} else {
			t.m[key] = tc.pre
		}
	}
	t.flush()
	clear(t.touched)
}

// commit appends a journal op for every touched key whose value changed
// and forgets the pre-images.
func (t *Table[V]) commit(ops []Op) ([]Op, error) {
	t.flush()
	for _, key := range slices.Sorted(maps.Keys(t.touched)) {
		tc := t.touched[key]
		cur := t.m[key]
		switch {
		case cur == nil && tc.pre == nil:
		case cur == nil:
			ops = append(ops, Op{Table: t.name, Key: key, Deleted: true})
		case tc.pre != nil && reflect.DeepEqual(cur, tc.pre):
		default:
			if t.tr.journaling {
				v, err := json.Marshal(cur)
				if err != nil {
					return ops, fmt.Errorf("store: encode %s %q: %w", t.name, key, err)
				}
				ops = append(ops, Op{Table: t.name, Key: key, Value: v})
			} else {
				ops = append(ops, Op{Table: t.name, Key: key})
			}
		}
	}
	clear(t.touched)
	return ops, nil
}

// apply replays one journal op.
func (t *Table[V]) apply(op Op) error {
	if op.Deleted {
		t.Delete(op.Key)
		return nil
	}
	v := new(V)
	if err := decodeJSON(op.Value, v); err != nil {
		return fmt.Errorf("store: journal %s %q: %w", t.name, op.Key, err)
	}
	t.Put(op.Key, v)
	return nil
}

// rebuild recomputes every index from scratch (after loading).
func (t *Table[V]) rebuild() {
	for _, ix := range t.indexes {
		ix.reset()
	}
	for key, v := range t.m {
		for _, ix := range t.indexes {
			for _, k := range ix.keys(v) {
				ix.add(k, key)
			}
		}
	}
}

// snapshotEntries returns a deterministic encoding of every entity, for the
// write checker.
func (t *Table[V]) encodeAll() map[string][]byte {
	out := make(map[string][]byte, len(t.m))
	for k, v := range t.m {
		b, _ := json.Marshal(v)
		out[k] = b
	}
	return out
}

// checkUntouched reports the first entity not touched by the transaction
// whose encoding differs from before (a change that bypassed Get/Put).
func (t *Table[V]) checkUntouched(before map[string][]byte) error {
	for k, b := range before {
		if _, ok := t.touched[k]; ok {
			continue
		}
		v, ok := t.m[k]
		if !ok {
			return fmt.Errorf("store: %s %q vanished without Delete", t.name, k)
		}
		now, _ := json.Marshal(v)
		if !bytes.Equal(now, b) {
			return fmt.Errorf("store: %s %q was changed without Get or Put: the change would escape rollback and the journal", t.name, k)
		}
	}
	for k := range t.m {
		if _, ok := before[k]; !ok {
			if _, ok := t.touched[k]; !ok {
				return fmt.Errorf("store: %s %q appeared without Put", t.name, k)
			}
		}
	}
	return nil
}

func (t *Table[V]) size() int { return len(t.m) }

func (t *Table[V]) tableName() string { return t.name }

// MarshalJSON encodes the table as a JSON object of its entities by key.
func (t *Table[V]) MarshalJSON() ([]byte, error) { return json.Marshal(t.m) }

// UnmarshalJSON decodes a JSON object of entities by key (null is empty).
// The table must have been made by the state (it keeps its name and
// indexes); indexes are rebuilt by the caller.
func (t *Table[V]) UnmarshalJSON(data []byte) error {
	m := map[string]*V{}
	if err := decodeJSON(data, &m); err != nil {
		return err
	}
	for k, v := range m {
		if v == nil {
			delete(m, k)
		}
	}
	t.m = m
	return nil
}

// decodeJSON decodes with numbers kept as json.Number, so that metadata
// integers survive a round trip exactly.
func decodeJSON(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return dec.Decode(v)
}

// anyTable is what the tracker needs from a Table of any type.
type anyTable interface {
	tableName() string
	flush()
	rollback()
	commit(ops []Op) ([]Op, error)
	apply(op Op) error
	rebuild()
	size() int
	encodeAll() map[string][]byte
	checkUntouched(before map[string][]byte) error
}

// tracker is shared by the tables of one State: whether a write
// transaction runs and which tables it touched.
type tracker struct {
	tables     map[string]anyTable
	writing    bool
	journaling bool // encode changed values at commit (durability on)
	dirty      []anyTable
}

// deepCopy returns a deep copy of *v: pointers, slices and maps are copied,
// so that changing the copy never changes the original. Values inside
// interfaces (JSON-like metadata) are copied too.
func deepCopy[V any](v *V) *V {
	if c, ok := any(v).(cloner[V]); ok {
		out := c.Clone()
		return &out
	}
	out := new(V)
	rv := reflect.ValueOf(out).Elem()
	rv.Set(copyValue(reflect.ValueOf(v).Elem()))
	return out
}

// cloner is a type with a hand-written deep copy (User, Session), faster
// than the reflective one.
type cloner[V any] interface{ Clone() V }

func copyValue(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(copyValue(v.Elem()))
		return p
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		s := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		if isFlat(v.Type().Elem()) {
			reflect.Copy(s, v)
			return s
		}
		for i := range v.Len() {
			s.Index(i).Set(copyValue(v.Index(i)))
		}
		return s
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		m := reflect.MakeMapWithSize(v.Type(), v.Len())
		it := v.MapRange()
		for it.Next() {
			m.SetMapIndex(it.Key(), copyValue(it.Value()))
		}
		return m
	case reflect.Interface:
		if v.IsNil() {
			return v
		}
		c := copyValue(v.Elem())
		out := reflect.New(v.Type()).Elem()
		out.Set(c)
		return out
	case reflect.Struct:
		if isFlat(v.Type()) {
			return v
		}
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		for i := range v.NumField() {
			if !v.Type().Field(i).IsExported() {
				continue
			}
			out.Field(i).Set(copyValue(v.Field(i)))
		}
		return out
	default:
		return v
	}
}

var flatCache = map[reflect.Type]bool{}

// isFlat reports whether values of t hold no pointers, slices, maps or
// interfaces reachable through exported fields (a plain copy is deep).
// time.Time counts as flat: its location pointer is immutable.
func isFlat(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface, reflect.Chan, reflect.Func:
		return false
	case reflect.Array:
		return isFlat(t.Elem())
	case reflect.Struct:
		if t == timeType {
			return true
		}
		flatMu.Lock()
		f, ok := flatCache[t]
		flatMu.Unlock()
		if ok {
			return f
		}
		f = true
		for i := range t.NumField() {
			if !isFlat(t.Field(i).Type) {
				f = false
				break
			}
		}
		flatMu.Lock()
		flatCache[t] = f
		flatMu.Unlock()
		return f
	}
	return true
}
