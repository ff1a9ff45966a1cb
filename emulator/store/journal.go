package store

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"
)

// The journal is an append-only file beside the state snapshot
// ("<state>.journal"): a header line, then one frame per committed
// transaction: a 4-byte big-endian payload length, the payload's CRC-32C
// (4 bytes, big-endian) and the payload, a JSON record. A record is
// written and fsynced before the transaction's caller gets its answer;
// writers that commit while an fsync runs share the next one (group
// commit). A torn or corrupt frame can only be the last one written before
// a crash: replay stops there and the file is cut back to the last whole
// frame.
const journalHeader = "stytch-emulator journal 1\n"

// maxFrame bounds a frame's declared length, so that a corrupt length does
// not make replay allocate gigabytes.
const maxFrame = 1 << 30

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// Op is one change of a journal record: the new value of an entity
// (Value, JSON) or its deletion.
type Op struct {
	Table   string          `json:"t"`
	Key     string          `json:"k"`
	Value   json.RawMessage `json:"v,omitempty"`
	Deleted bool            `json:"d,omitempty"`
}

// record is what one committed transaction (or Reset, or Advance) adds to
// the journal.
type record struct {
	Seq   uint64         `json:"seq"`
	Ops   []Op           `json:"ops,omitempty"`
	Sent  []Message      `json:"sent,omitempty"`
	Clock *time.Duration `json:"clock_offset,omitempty"`
	Reset bool           `json:"reset,omitempty"`
	// Policy is an RBAC policy the record's transaction set (Tx.SetPolicy).
	Policy *PolicyChange `json:"policy,omitempty"`
}

// journal is the open journal file with its group-commit state.
type journal struct {
	path string

	mu       sync.Mutex
	cond     *sync.Cond
	f        *os.File
	size     int64  // bytes written to f
	buf      []byte // frames appended, not yet written
	appended uint64 // seq of the last appended record
	flushing bool
	err      error         // sticky: after a failed write nothing is durable
	durable  atomic.Uint64 // seq of the last fsynced record
}

// openJournal opens (creating it if needed) the journal at path for
// appending after seq; a non-empty file must have been cut to whole frames
// by readJournal first.
func openJournal(path string, seq uint64) (*journal, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	size := info.Size()
	if size == 0 {
		if _, err := f.Write([]byte(journalHeader)); err != nil {
			f.Close()
			return nil, err
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return nil, err
		}
		if err := syncDir(filepath.Dir(path)); err != nil {
			f.Close()
			return nil, err
		}
		size = int64(len(journalHeader))
	}
	if _, err := f.Seek(size, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	j := &journal{path: path, f: f, size: size, appended: seq}
	j.durable.Store(seq)
	j.cond = sync.NewCond(&j.mu)
	return j, nil
}

// append frames rec (giving it the next seq) and returns that seq. The
// caller holds the store's write lock, so seqs follow commit order.
func (j *journal) append(rec record) (uint64, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.err != nil {
		return 0, j.err
	}
	rec.Seq = j.appended + 1
	payload, err := json.Marshal(rec)
	if err != nil {
		return 0, fmt.Errorf("store: encode journal record: %w", err)
	}
	var hdr [8]byte
	binary.BigEndian.PutUint32(hdr[:4], uint32(len(payload)))
	binary.BigEndian.PutUint32(hdr[4:], crc32.Checksum(payload, crcTable))
	j.buf = append(j.buf, hdr[:]...)
	j.buf = append(j.buf, payload...)
	j.appended = rec.Seq
	return rec.Seq, nil
}

// last returns the seq of the last appended record.
func (j *journal) last() uint64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.appended
}

// pending returns the bytes of the journal, written or not.
func (j *journal) pending() int64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.size + int64(len(j.buf))
}

// wait returns once the record seq (and every one before it) is on disk.
// The first waiter to find no fsync running writes and fsyncs everything
// appended so far; the others wait for it.
func (j *journal) wait(seq uint64) error {
	if j.durable.Load() >= seq {
		return nil
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	for j.durable.Load() < seq && j.err == nil {
		if j.flushing {
			j.cond.Wait()
			continue
		}
		j.flushing = true
		buf, upto := j.buf, j.appended
		j.buf = nil
		j.mu.Unlock()
		_, err := j.f.Write(buf)
		if err == nil {
			err = j.f.Sync()
		}
		j.mu.Lock()
		j.flushing = false
		if err != nil {
			j.err = fmt.Errorf("store: write journal: %w", err)
		} else {
			j.size += int64(len(buf))
			j.durable.Store(upto)
		}
		j.cond.Broadcast()
	}
	return j.err
}

// rewrite replaces the journal file with one holding only the records
// after seq (those committed while a snapshot up to seq was being written)
// and the records not yet written.
func (j *journal) rewrite(keepFrom int64) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	for j.flushing {
		j.cond.Wait()
	}
	if j.err != nil {
		return j.err
	}
	tail := make([]byte, j.size-keepFrom)
	if _, err := j.f.ReadAt(tail, keepFrom); err != nil {
		return fmt.Errorf("store: compact journal: %w", err)
	}
	tmp := j.path + ".tmp"
	if err := writeFileSync(tmp, append([]byte(journalHeader), tail...)); err != nil {
		return fmt.Errorf("store: compact journal: %w", err)
	}
	if err := os.Rename(tmp, j.path); err != nil {
		return fmt.Errorf("store: compact journal: %w", err)
	}
	if err := syncDir(filepath.Dir(j.path)); err != nil {
		return fmt.Errorf("store: compact journal: %w", err)
	}
	f, err := os.OpenFile(j.path, os.O_RDWR, 0o600)
	if err != nil {
		j.err = fmt.Errorf("store: reopen journal: %w", err)
		return j.err
	}
	size := int64(len(journalHeader) + len(tail))
	if _, err := f.Seek(size, io.SeekStart); err != nil {
		f.Close()
		j.err = fmt.Errorf("store: reopen journal: %w", err)
		return j.err
	}
	j.f.Close()
	j.f, j.size = f, size
	return nil
}

// close flushes and closes the file.
func (j *journal) close() error {
	err := j.wait(j.last())
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.f == nil {
		return err
	}
	cerr := j.f.Close()
	j.f = nil
	if j.err == nil {
		j.err = errors.New("store: journal closed")
	}
	return errors.Join(err, cerr)
}

// readJournal calls fn for every whole record of the journal at path, in
// order. A torn or corrupt frame ends the replay: the file is cut back to
// the last whole frame and dropped reports how many bytes went. A missing
// file has no records.
func readJournal(path string, fn func(rec record) error) (records int, dropped int64, err error) {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if errors.Is(err, os.ErrNotExist) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return 0, 0, err
	}
	r := bufio.NewReaderSize(f, 1<<16)
	hdr := make([]byte, len(journalHeader))
	if n, err := io.ReadFull(r, hdr); err != nil {
		if n == 0 || string(hdr[:n]) == journalHeader[:n] {
			// Torn while writing the header: nothing was committed.
			return 0, info.Size(), cut(f, 0)
		}
		return 0, 0, fmt.Errorf("store: %s is not an emulator journal", path)
	}
	if string(hdr) != journalHeader {
		return 0, 0, fmt.Errorf("store: %s is not an emulator journal of a version this emulator reads (header %q)", path, hdr)
	}
	good := int64(len(hdr))
	for {
		var fh [8]byte
		if _, err := io.ReadFull(r, fh[:]); err != nil {
			break
		}
		n := binary.BigEndian.Uint32(fh[:4])
		if int64(n) > maxFrame || good+8+int64(n) > info.Size() {
			break
		}
		payload := make([]byte, n)
		if _, err := io.ReadFull(r, payload); err != nil {
			break
		}
		if crc32.Checksum(payload, crcTable) != binary.BigEndian.Uint32(fh[4:]) {
			break
		}
		var rec record
		if err := decodeJSON(payload, &rec); err != nil {
			break
		}
		if err := fn(rec); err != nil {
			return records, 0, err
		}
		records++
		good += 8 + int64(n)
	}
	if good < info.Size() {
		return records, info.Size() - good, cut(f, good)
	}
	return records, 0, nil
}

// cut truncates f to size and fsyncs it.
func cut(f *os.File, size int64) error {
	if err := f.Truncate(size); err != nil {
		return err
	}
	return f.Sync()
}

// writeFileSync writes data to path (mode 0600) and fsyncs it.
func writeFileSync(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir fsyncs a directory, so that a rename or create in it survives a
// crash.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
