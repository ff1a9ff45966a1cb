package store

import (
	"reflect"
	"sync"
	"time"

	"github.com/google/btree"
)

var (
	timeType = reflect.TypeFor[time.Time]()
	flatMu   sync.Mutex
)

// index is a secondary index of a Table: keys computes the index keys of an
// entity, add and remove register an id under a key.
type index[V any] interface {
	keys(v *V) []string
	add(key, id string)
	remove(key, id string)
	reset()
}

// hashIndex maps an index key to the ids holding it. Most keys (an email
// address, a token) are held by one id, kept without a set.
type hashIndex[V any] struct {
	keyFn func(v *V) []string
	one   map[string]string
	many  map[string]map[string]struct{}
}

func newHashIndex[V any](keyFn func(v *V) []string) *hashIndex[V] {
	ix := &hashIndex[V]{keyFn: keyFn}
	ix.reset()
	return ix
}

func (ix *hashIndex[V]) keys(v *V) []string { return ix.keyFn(v) }

func (ix *hashIndex[V]) reset() {
	ix.one = map[string]string{}
	ix.many = map[string]map[string]struct{}{}
}

func (ix *hashIndex[V]) add(key, id string) {
	if set, ok := ix.many[key]; ok {
		set[id] = struct{}{}
		return
	}
	if prev, ok := ix.one[key]; ok {
		if prev == id {
			return
		}
		delete(ix.one, key)
		ix.many[key] = map[string]struct{}{prev: {}, id: {}}
		return
	}
	ix.one[key] = id
}

func (ix *hashIndex[V]) remove(key, id string) {
	if set, ok := ix.many[key]; ok {
		delete(set, id)
		if len(set) == 1 {
			for last := range set {
				ix.one[key] = last
			}
			delete(ix.many, key)
		}
		return
	}
	if ix.one[key] == id {
		delete(ix.one, key)
	}
}

// lookup returns the ids holding key (unordered).
func (ix *hashIndex[V]) lookup(key string) []string {
	if id, ok := ix.one[key]; ok {
		return []string{id}
	}
	set := ix.many[key]
	out := make([]string, 0, len(set))
	for id := range set {
		out = append(out, id)
	}
	return out
}

// first returns one id holding key, preferring the only one.
func (ix *hashIndex[V]) first(key string) (string, bool) {
	if id, ok := ix.one[key]; ok {
		return id, true
	}
	for id := range ix.many[key] {
		return id, true
	}
	return "", false
}

// count returns how many ids hold key.
func (ix *hashIndex[V]) count(key string) int {
	if _, ok := ix.one[key]; ok {
		return 1
	}
	return len(ix.many[key])
}

// countIndex counts the ids holding each key, without listing them: enough
// for the total of a low-cardinality search filter (status, verified flags).
type countIndex[V any] struct {
	keyFn func(v *V) []string
	n     map[string]int
}

func newCountIndex[V any](keyFn func(v *V) []string) *countIndex[V] {
	return &countIndex[V]{keyFn: keyFn, n: map[string]int{}}
}

func (ix *countIndex[V]) keys(v *V) []string { return ix.keyFn(v) }
func (ix *countIndex[V]) add(key, _ string)  { ix.n[key]++ }
func (ix *countIndex[V]) reset()             { ix.n = map[string]int{} }
func (ix *countIndex[V]) remove(key, _ string) {
	if ix.n[key]--; ix.n[key] <= 0 {
		delete(ix.n, key)
	}
}

// orderIndex keeps ids sorted by a key (created_at then id for users), so
// that a page is read from a cursor without sorting everything.
type orderIndex[V any] struct {
	keyFn func(v *V) string
	tree  *btree.BTreeG[orderItem]
}

// orderItem is one entry of an orderIndex: the sort key and the id.
type orderItem struct{ key, id string }

func orderLess(a, b orderItem) bool {
	if a.key != b.key {
		return a.key < b.key
	}
	return a.id < b.id
}

func newOrderIndex[V any](keyFn func(v *V) string) *orderIndex[V] {
	ix := &orderIndex[V]{keyFn: keyFn}
	ix.reset()
	return ix
}

func (ix *orderIndex[V]) keys(v *V) []string { return []string{ix.keyFn(v)} }
func (ix *orderIndex[V]) reset()             { ix.tree = btree.NewG(32, orderLess) }
func (ix *orderIndex[V]) add(key, id string) { ix.tree.ReplaceOrInsert(orderItem{key, id}) }
func (ix *orderIndex[V]) remove(key, id string) {
	ix.tree.Delete(orderItem{key, id})
}

// ascend calls fn for every entry after (not including) from, in order,
// until fn returns false; a zero from starts at the beginning.
func (ix *orderIndex[V]) ascend(from orderItem, fn func(orderItem) bool) {
	if from == (orderItem{}) {
		ix.tree.Ascend(fn)
		return
	}
	ix.tree.AscendGreaterOrEqual(from, func(it orderItem) bool {
		if it == from {
			return true
		}
		return fn(it)
	})
}
