package store

import (
	"encoding/json"
	"strings"
)

// DefaultOutboxSize is how many messages the outbox keeps when
// Options.OutboxSize is 0; the oldest are dropped first.
const DefaultOutboxSize = 10_000

// Outbox holds the newest messages "sent", oldest first, at most its size,
// indexed by recipient. It is changed only by committed transactions
// (Tx.Send), so a rolled-back flow sends nothing.
type Outbox struct {
	size int
	msgs []Message // msgs[head:] are kept
	head int
	base uint64              // sequence number of msgs[head]
	byTo map[string][]uint64 // lower-cased recipient -> sequence numbers, oldest first
}

func newOutbox(size int) *Outbox {
	if size <= 0 {
		size = DefaultOutboxSize
	}
	return &Outbox{size: size, byTo: map[string][]uint64{}}
}

func recipientKey(to string) string { return strings.ToLower(to) }

// Len returns the number of messages kept.
func (o *Outbox) Len() int { return len(o.msgs) - o.head }

// add appends m, dropping the oldest message when full.
func (o *Outbox) add(m Message) {
	if o.Len() >= o.size {
		o.dropOldest()
	}
	seq := o.base + uint64(o.Len())
	o.msgs = append(o.msgs, m)
	k := recipientKey(m.To)
	o.byTo[k] = append(o.byTo[k], seq)
}

func (o *Outbox) dropOldest() {
	old := o.msgs[o.head]
	k := recipientKey(old.To)
	if seqs := o.byTo[k]; len(seqs) <= 1 {
		delete(o.byTo, k)
	} else {
		o.byTo[k] = seqs[1:]
	}
	o.msgs[o.head] = Message{}
	o.head++
	o.base++
	if o.head >= 1024 && o.head > len(o.msgs)/2 {
		o.msgs = append([]Message(nil), o.msgs[o.head:]...)
		o.head = 0
	}
}

// List returns copies of the messages to one recipient (case-insensitive),
// or all when to is "", oldest first.
func (o *Outbox) List(to string) []Message { return o.list(to) }

// list is List.
func (o *Outbox) list(to string) []Message {
	if to == "" {
		return append([]Message{}, o.msgs[o.head:]...)
	}
	seqs := o.byTo[recipientKey(to)]
	out := make([]Message, 0, len(seqs))
	for _, q := range seqs {
		out = append(out, o.msgs[o.head+int(q-o.base)])
	}
	return out
}

// rebuild re-applies the size bound and the index after decoding.
func (o *Outbox) rebuild() {
	all := o.msgs[o.head:]
	o.msgs, o.head, o.base, o.byTo = nil, 0, 0, map[string][]uint64{}
	if len(all) > o.size {
		all = all[len(all)-o.size:]
	}
	for _, m := range all {
		o.add(m)
	}
}

// MarshalJSON encodes the outbox as a JSON array, oldest first.
func (o *Outbox) MarshalJSON() ([]byte, error) {
	if o.Len() == 0 {
		return []byte("[]"), nil
	}
	return json.Marshal(o.msgs[o.head:])
}

// UnmarshalJSON decodes a JSON array of messages (null is empty); the
// state rebuilds the index after decoding.
func (o *Outbox) UnmarshalJSON(data []byte) error {
	var msgs []Message
	if err := json.Unmarshal(data, &msgs); err != nil {
		return err
	}
	o.msgs, o.head, o.base = msgs, 0, 0
	return nil
}
